using AfterSales.Inventory.Model;
using AfterSales.Platform.Errors;

namespace AfterSales.UnitTests.Inventory;

public class OldPartTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static OldPart Kept(bool warranty = true) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "T-1", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "P-1", 2, warranty, At);

    private static SignedTicket Signed(OldPart part) => new(part.TicketId, "T-1", "王建国", At, null);

    [Fact]
    public void A_warranty_part_is_written_off_only_with_the_old_part_back_and_the_report_signed()
    {
        var part = Kept();

        Assert.Throws<PreconditionFailedException>(() => part.WriteOff(Signed(part), 45.00m, "finance", At));
        part.Return("store", At);
        Assert.Throws<PreconditionFailedException>(() => part.WriteOff(null, 45.00m, "finance", At));
        part.WriteOff(Signed(part), 45.00m, "finance", At);

        Assert.Equal(OldPartStatus.WrittenOff, part.Status);
        Assert.Throws<PreconditionFailedException>(() => part.WriteOff(Signed(part), 45.00m, "finance", At));
    }

    [Fact]
    public void A_part_the_customer_paid_for_is_never_written_off_and_an_old_part_is_handed_in_once()
    {
        var paid = Kept(warranty: false);
        paid.Return("store", At);

        Assert.Throws<PreconditionFailedException>(() => paid.WriteOff(Signed(paid), 45.00m, "finance", At));
        Assert.Throws<PreconditionFailedException>(() => paid.Return("store", At));
    }
}
