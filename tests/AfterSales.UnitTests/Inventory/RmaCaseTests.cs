using AfterSales.Inventory.Model;
using AfterSales.Platform.Errors;

namespace AfterSales.UnitTests.Inventory;

public class RmaCaseTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static RmaCase Opened() => new(Guid.NewGuid(), "RMA-000001", Guid.NewGuid(), "P-1", "SN-1", "多摩川精机", "信号丢失", "techlead", At);

    [Fact]
    public void A_case_goes_confirmed_approved_shipped_returned_closed_in_order()
    {
        var rma = Opened();

        Assert.Throws<PreconditionFailedException>(() => rma.Ship("顺丰", "SF1", At));
        rma.Confirm("techlead");
        rma.Approve("manager");
        rma.Ship("顺丰", "SF1", At);
        Assert.Throws<PreconditionFailedException>(() => rma.PayFee(100m, "INV-1", At));
        rma.RecordReturn(RmaOutcome.Replaced, "换新", At);
        rma.PayFee(100m, "INV-1", At);

        Assert.Equal((RmaStatus.Closed, RmaOutcome.Replaced, 100m), (rma.Status, rma.Outcome, rma.Fee));
    }

    [Fact]
    public void The_fault_s_confirmer_does_not_approve_the_return_too()
    {
        var rma = Opened();
        rma.Confirm("someone");

        Assert.Throws<PreconditionFailedException>(() => rma.Approve("someone"));
        Assert.Equal(RmaStatus.Confirmed, rma.Status);
    }
}
