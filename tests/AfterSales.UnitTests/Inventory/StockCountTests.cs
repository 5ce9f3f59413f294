using AfterSales.Inventory.Model;
using AfterSales.Platform.Errors;

namespace AfterSales.UnitTests.Inventory;

public class StockCountTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static (StockCount Count, StockLevel Level) Sheet(int onHand, int reserved)
    {
        var level = new StockLevel(Guid.NewGuid(), Guid.NewGuid());
        level.Receive(onHand, MovementKind.Receipt, "SLIP", "store", At);
        if (reserved > 0)
        {
            level.Reserve(reserved, "P-1", "RQ-1", "manager", At);
        }
        var count = new StockCount(Guid.NewGuid(), "CNT-000001", level.WarehouseId, null, [new StockCountLine(level.PartId, "P-1")], "store", At);
        return (count, level);
    }

    [Fact]
    public void The_difference_found_is_booked_once_approved_by_another_person_and_the_level_is_marked_counted()
    {
        var (count, level) = Sheet(onHand: 10, reserved: 3);
        var levels = new Dictionary<Guid, StockLevel> { [level.PartId] = level };

        Assert.Throws<PreconditionFailedException>(() => count.Approve(levels, "manager", At));
        count.Submit(new Dictionary<Guid, int> { [level.PartId] = 8 }, levels, "store", At);
        Assert.Throws<PreconditionFailedException>(() => count.Approve(levels, "store", At));
        var movements = count.Approve(levels, "manager", At.AddHours(1));

        var adjustment = Assert.Single(movements);
        Assert.Equal((MovementKind.CountAdjustment, -2, 8, 3), (adjustment.Kind, adjustment.OnHandChange, adjustment.OnHandAfter, adjustment.ReservedAfter));
        Assert.Equal((StockCountStatus.Approved, 10, 8, -2), (count.Status, count.Lines[0].BookOnHand, count.Lines[0].Counted, count.Lines[0].Difference));
        Assert.Equal(At.AddHours(1), level.LastCountedAt);
        Assert.Throws<PreconditionFailedException>(() => count.Reject("again", "manager", At));
    }

    [Fact]
    public void A_count_finding_fewer_units_than_are_promised_is_refused_and_books_nothing()
    {
        var (count, level) = Sheet(onHand: 10, reserved: 3);
        var levels = new Dictionary<Guid, StockLevel> { [level.PartId] = level };
        count.Submit(new Dictionary<Guid, int> { [level.PartId] = 2 }, levels, "store", At);

        var refused = Assert.Throws<PreconditionFailedException>(() => count.Approve(levels, "manager", At));

        Assert.Contains("promised", refused.Message, StringComparison.Ordinal);
        Assert.Equal((10, 3, StockCountStatus.Submitted), (level.OnHand, level.Reserved, count.Status));
    }

    [Fact]
    public void An_empty_sheet_is_not_opened() =>
        Assert.Throws<PreconditionFailedException>(() => new StockCount(Guid.NewGuid(), "CNT-1", Guid.NewGuid(), null, [], "store", At));
}
