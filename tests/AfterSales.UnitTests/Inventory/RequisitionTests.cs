using AfterSales.Inventory.Model;
using AfterSales.Platform.Errors;

namespace AfterSales.UnitTests.Inventory;

public class RequisitionTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;
    private static readonly Guid Warehouse = Guid.NewGuid();

    private static (Requisition Requisition, Dictionary<Guid, StockLevel> Levels) Scenario(int onHand, int wanted)
    {
        var part = Guid.NewGuid();
        var level = new StockLevel(Warehouse, part);
        level.Receive(onHand, MovementKind.TransferIn, "TR-1", "alice", At);
        var requisition = new Requisition(Guid.NewGuid(), "RQ-000001", Guid.NewGuid(), "T-1", Guid.NewGuid(), Warehouse,
            [new RequisitionLine(part, "P-1", wanted)], "tech", At);
        return (requisition, new Dictionary<Guid, StockLevel> { [part] = level });
    }

    [Fact]
    public void Approval_reserves_and_issue_hands_out_what_was_reserved_once()
    {
        var (requisition, levels) = Scenario(onHand: 5, wanted: 3);

        requisition.Approve(levels, "manager", At);
        var issued = requisition.Issue(levels, "manager", At);

        var level = levels.Values.Single();
        Assert.Equal((RequisitionStatus.Issued, 2, 0), (requisition.Status, level.OnHand, level.Reserved));
        Assert.Equal(-3, issued.Sum(m => m.OnHandChange));
        Assert.Throws<PreconditionFailedException>(() => requisition.Issue(levels, "manager", At));
    }

    [Fact]
    public void An_approval_short_of_stock_is_refused_naming_the_part_and_changes_nothing()
    {
        var (requisition, levels) = Scenario(onHand: 2, wanted: 3);

        var error = Assert.Throws<PreconditionFailedException>(() => requisition.Approve(levels, "manager", At));

        Assert.Contains("P-1", error.Message, StringComparison.Ordinal);
        Assert.Equal((RequisitionStatus.Proposed, 0), (requisition.Status, levels.Values.Single().Reserved));
    }

    [Fact]
    public void Rejecting_an_approved_requisition_releases_its_reservation_and_a_proposed_one_is_issued_never()
    {
        var (approved, levels) = Scenario(onHand: 5, wanted: 3);
        approved.Approve(levels, "manager", At);

        var released = approved.Reject(levels, "客户取消维修", "manager", At);
        var (proposed, otherLevels) = Scenario(onHand: 5, wanted: 1);

        Assert.Equal((RequisitionStatus.Rejected, 0, -3), (approved.Status, levels.Values.Single().Reserved, released.Sum(m => m.ReservedChange)));
        Assert.Throws<PreconditionFailedException>(() => proposed.Issue(otherLevels, "manager", At));
        Assert.Throws<PreconditionFailedException>(() => approved.Approve(levels, "manager", At));
    }

    [Fact]
    public void Unfitted_units_come_back_at_most_as_issued_less_what_came_back_before()
    {
        var (requisition, levels) = Scenario(onHand: 5, wanted: 3);
        var part = levels.Keys.Single();
        Assert.Throws<PreconditionFailedException>(() => requisition.ReturnUnused([(part, 1)], new Dictionary<Guid, int>(), levels, "tech", At));
        requisition.Approve(levels, "manager", At);
        requisition.Issue(levels, "manager", At);

        var back = requisition.ReturnUnused([(part, 2)], new Dictionary<Guid, int> { [part] = 1 }, levels, "tech", At);

        Assert.Equal((MovementKind.Return, 2, 4), (back.Single().Kind, back.Single().OnHandChange, levels[part].OnHand));
        Assert.Throws<PreconditionFailedException>(() => requisition.ReturnUnused([(part, 1)], new Dictionary<Guid, int> { [part] = 3 }, levels, "tech", At));
        Assert.Throws<PreconditionFailedException>(() => requisition.ReturnUnused([(Guid.NewGuid(), 1)], new Dictionary<Guid, int>(), levels, "tech", At));
    }

    [Fact]
    public void Only_units_not_promised_are_written_off()
    {
        var (requisition, levels) = Scenario(onHand: 5, wanted: 3);
        requisition.Approve(levels, "manager", At);
        var level = levels.Values.Single();

        Assert.Throws<PreconditionFailedException>(() => level.WriteOff(3, "P-1", "受潮", "manager", At));
        var scrapped = level.WriteOff(2, "P-1", "受潮", "manager", At);

        Assert.Equal((MovementKind.WriteOff, -2, 3, 3), (scrapped.Kind, scrapped.OnHandChange, level.OnHand, level.Reserved));
    }
}
