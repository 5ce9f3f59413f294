using AfterSales.Inventory.Model;
using AfterSales.Platform.Errors;

namespace AfterSales.UnitTests.Inventory;

public class LoanerToolClaimTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void A_loaner_is_lent_once_at_a_time_overdue_after_its_day_and_free_again_once_back()
    {
        var loaner = new Loaner(Guid.NewGuid(), "LN-000001", "AquaChill 500", "AC-L-1", "");

        loaner.Lend(Guid.NewGuid(), "T-1", Guid.NewGuid(), Today, "dispatcher", At);
        var twice = Assert.Throws<PreconditionFailedException>(() => loaner.Lend(Guid.NewGuid(), "T-2", Guid.NewGuid(), Today, "dispatcher", At));
        var (dueToday, dueYesterday) = (loaner.IsOverdue(Today), loaner.IsOverdue(Today.AddDays(1)));
        Assert.Throws<PreconditionFailedException>(() => loaner.Retire("worn"));
        loaner.Return("完好", At);

        Assert.Contains("T-1", twice.Message, StringComparison.Ordinal);
        Assert.Equal((false, true), (dueToday, dueYesterday));
        Assert.Equal((LoanerStatus.Available, 1, null, "完好"), (loaner.Status, loaner.TimesLent, loaner.TicketId, loaner.LastCondition));
        Assert.Throws<PreconditionFailedException>(() => loaner.Return("完好", At));
    }

    [Fact]
    public void A_tool_is_handed_over_while_in_use_and_compensated_at_most_its_value_once_lost()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var tool = new Tool(Guid.NewGuid(), "TL-000001", "绝缘电阻测试仪", "", "", 3500m, true, Guid.NewGuid(), first, "技术员 1", At);

        Assert.Throws<PreconditionFailedException>(() => tool.HandOver(first, "技术员 1", "manager", At));
        tool.HandOver(second, "技术员 2", "manager", At);
        Assert.Throws<PreconditionFailedException>(() => tool.ReportLoss(ToolStatus.Lost, "遗失", 3600m, "manager", At));
        tool.ReportLoss(ToolStatus.Lost, "遗失", 500m, "manager", At);

        Assert.Equal((second, first), (tool.TechnicianId, Assert.Single(tool.HandOvers).FromTechnicianId));
        Assert.Equal((ToolStatus.Lost, 500m), (tool.Status, tool.Compensation));
        Assert.Throws<PreconditionFailedException>(() => tool.HandOver(first, "技术员 1", "manager", At));
    }

    [Fact]
    public void A_failed_warranty_part_is_claimed_once_and_a_claim_recovers_at_most_what_it_claims()
    {
        OldPart WrittenOff(bool warranty = true)
        {
            var part = new OldPart(Guid.NewGuid(), Guid.NewGuid(), "T-1", Guid.NewGuid(), Guid.NewGuid(), null, Guid.NewGuid(), "P-1", 2, warranty, At);
            part.Return("store", At);
            part.WriteOff(new SignedTicket(part.TicketId, "T-1", "王建国", At, null), 45.00m, "finance", At);
            return part;
        }
        var (a, b) = (WrittenOff(), WrittenOff());
        var pending = new OldPart(Guid.NewGuid(), Guid.NewGuid(), "T-2", Guid.NewGuid(), Guid.NewGuid(), null, Guid.NewGuid(), "P-1", 1, true, At);

        var claim = new SupplierClaim(Guid.NewGuid(), "SC-000001", "奥的斯配件公司", [a, b], "finance", At);
        Assert.Throws<PreconditionFailedException>(() => new SupplierClaim(Guid.NewGuid(), "SC-000002", "奥的斯配件公司", [a], "finance", At));
        Assert.Throws<PreconditionFailedException>(() => new SupplierClaim(Guid.NewGuid(), "SC-000003", "奥的斯配件公司", [pending], "finance", At));
        Assert.Throws<PreconditionFailedException>(() => claim.Settle(180.01m, "CN-1", "finance", At));
        claim.Settle(150m, "CN-1", "finance", At);

        Assert.Equal((180.00m, 150m, SupplierClaimStatus.Settled), (claim.Claimed, claim.Recovered, claim.Status));
        Assert.Equal(claim.Id, a.ClaimId);
        Assert.Throws<PreconditionFailedException>(() => claim.Refuse("late", "finance", At));
    }
}
