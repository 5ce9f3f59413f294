using AfterSales.Platform.Errors;
using AfterSales.Tickets.Model;

namespace AfterSales.UnitTests.Tickets;

/// <summary>A warranty repair the original builder owes (§3 4.2–5.1): who may repair when, the estimate's chain, the settlement.</summary>
public class BuilderRepairTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(8));
    private static readonly Guid Station = Guid.NewGuid();

    private static Ticket Open(Priority priority = Priority.Normal)
    {
        var report = new IntakeReport("BLDG-1-1201", null, IntakeChannel.Phone, "业主李女士", "0571-8888-1201", "卫生间渗水", Now, Priority: priority,
            FaultType: "BODY", JobKind: AfterSales.Tickets.Sla.SlaJobKind.ReturnOrder);
        return Ticket.Open(Guid.NewGuid(), "T20261127-ST-HZ01-0001", report,
            new IntakeEntitlement(Guid.NewGuid(), Guid.NewGuid(), Station, ServiceCategory.Free, "In warranty"), "reception", Now);
    }

    private static BuilderRepair Notified(Ticket ticket) =>
        BuilderRepair.Notify(ticket, "浙江某建设集团", "刘经理 138-0000-0000", "HT-2024-017", NoticeChannel.Letter, Now.AddDays(3), "reception", Now);

    private static SiteSurvey Survey(bool sketch) =>
        new(Guid.NewGuid(), Now, "technician", "卫生间防水层破损", [Guid.NewGuid()], sketch ? Guid.NewGuid() : null);

    private static RepairCost Cost(decimal amount, RepairCostKind kind = RepairCostKind.Labour, Guid? agreement = null) =>
        new(Guid.NewGuid(), Now, "manager", kind, "重做防水", amount, agreement);

    [Fact]
    public void While_the_builder_owes_the_repair_the_company_records_no_work()
    {
        var repair = Notified(Open());
        Assert.NotNull(repair.WhyNoWorkYet());

        repair.RecordBuilderAnswer(willRepair: true, "三日内上门", Now.AddHours(1));
        Assert.Equal(BuilderRepairStage.BuilderRepairing, repair.Stage);
        Assert.NotNull(repair.WhyNoWorkYet());

        repair.RecordRepairedByBuilder("已修复", Now.AddDays(2));
        Assert.Null(repair.WhyNoWorkYet());
    }

    [Fact]
    public void The_job_is_taken_over_only_when_the_builder_is_late_refused_or_in_an_emergency()
    {
        var ticket = Open();
        var repair = Notified(ticket);

        Assert.Throws<PreconditionFailedException>(() => repair.TakeOver(TakeoverReason.Late, RepairTeam.OwnTeam, null, ticket, null, "manager", Now.AddDays(1)));
        Assert.Throws<PreconditionFailedException>(() => repair.TakeOver(TakeoverReason.Refused, RepairTeam.OwnTeam, null, ticket, null, "manager", Now));
        Assert.Throws<PreconditionFailedException>(() => repair.TakeOver(TakeoverReason.Emergency, RepairTeam.OwnTeam, null, ticket, "王总", "manager", Now));
        Assert.True(repair.IsLate(Now.AddDays(3).AddMinutes(1)));

        repair.TakeOver(TakeoverReason.Late, RepairTeam.Hired, "杭州某防水工程队", ticket, null, "manager", Now.AddDays(3).AddMinutes(1));
        Assert.Equal(BuilderRepairStage.TakenOver, repair.Stage);
        Assert.False(repair.IsLate(Now.AddDays(4)));
    }

    [Fact]
    public void A_refusal_lets_the_company_take_over_at_once()
    {
        var ticket = Open();
        var repair = Notified(ticket);
        repair.RecordBuilderAnswer(willRepair: false, "施工方称不属于其责任", Now);

        repair.TakeOver(TakeoverReason.Refused, RepairTeam.OwnTeam, null, ticket, null, "manager", Now);

        Assert.Equal(TakeoverReason.Refused, repair.TakeoverReason);
    }

    [Fact]
    public void Work_waits_for_the_estimate_approved_up_the_chain_by_three_different_people()
    {
        var ticket = Open();
        var repair = Notified(ticket);
        repair.RecordBuilderAnswer(willRepair: false, "拒绝", Now);
        repair.TakeOver(TakeoverReason.Refused, RepairTeam.OwnTeam, null, ticket, null, "manager", Now);

        Assert.Throws<PreconditionFailedException>(() => repair.PrepareEstimate(300m, "重做防水", "manager"));
        repair.RecordSurvey(Survey(sketch: false));
        Assert.Throws<PreconditionFailedException>(() => repair.ConfirmEstimate("director"));
        repair.PrepareEstimate(300m, "重做防水", "manager");
        Assert.NotNull(repair.WhyNoWorkYet());
        Assert.Throws<PreconditionFailedException>(() => repair.ApproveEstimate("gm", Now));
        Assert.Throws<PreconditionFailedException>(() => repair.ConfirmEstimate("manager"));
        repair.ConfirmEstimate("director");
        Assert.Throws<PreconditionFailedException>(() => repair.ApproveEstimate("director", Now));
        repair.ApproveEstimate("gm", Now);

        Assert.Equal(EstimateStage.Approved, repair.EstimateStage);
        Assert.Null(repair.WhyNoWorkYet());
        Assert.Throws<PreconditionFailedException>(() => repair.PrepareEstimate(400m, "扩大范围", "manager"));
    }

    [Fact]
    public void A_major_job_over_500_yuan_needs_a_sketch_from_its_survey()
    {
        var ticket = Open();
        var repair = Notified(ticket);
        repair.RecordBuilderAnswer(willRepair: false, "拒绝", Now);
        repair.TakeOver(TakeoverReason.Refused, RepairTeam.OwnTeam, null, ticket, null, "manager", Now);
        repair.RecordSurvey(Survey(sketch: false));

        repair.PrepareEstimate(BuilderRepair.MajorJobThreshold, "小修", "manager");
        var refusal = Assert.Throws<PreconditionFailedException>(() => repair.PrepareEstimate(BuilderRepair.MajorJobThreshold + 0.01m, "大修", "manager"));
        Assert.Contains("sketch", refusal.Message, StringComparison.Ordinal);

        repair.RecordSurvey(Survey(sketch: true));
        repair.PrepareEstimate(1800m, "大修", "manager");
        Assert.Equal(EstimateStage.Prepared, repair.EstimateStage);
    }

    [Fact]
    public void Emergency_work_starts_on_a_phone_approval_that_must_be_signed_before_acceptance()
    {
        var ticket = Open(Priority.Emergency);
        var repair = Notified(ticket);

        repair.TakeOver(TakeoverReason.Emergency, RepairTeam.OwnTeam, null, ticket, "王振华（电话）", "director", Now);
        Assert.Null(repair.WhyNoWorkYet());
        ResolveOnSite(ticket);
        repair.RecordCost(Cost(800m));

        Assert.Throws<PreconditionFailedException>(() => repair.Accept("林志强", "业主李女士", CostAllocation.BuilderFault, null, ticket, Now.AddDays(1)));
        repair.SignPhoneApproval("gm", Now.AddDays(1));
        Assert.Throws<PreconditionFailedException>(() => repair.SignPhoneApproval("gm", Now.AddDays(1)));
        repair.Accept("林志强", "业主李女士", CostAllocation.BuilderFault, null, ticket, Now.AddDays(1));

        Assert.Equal((BuilderRepairStage.Accepted, 800m, 800m), (repair.Stage, repair.TotalCost, repair.BuilderCharge));
    }

    [Theory]
    [InlineData(CostAllocation.BuilderFault, null, 1250.50, 1250.50)]
    [InlineData(CostAllocation.SharedFault, 60, 1250.50, 750.30)]
    [InlineData(CostAllocation.OwnerMaterial, null, 1250.50, 0)]
    public void The_acceptance_allocates_the_cost_and_compensation_joins_it(CostAllocation allocation, int? share, double total, double builderPays)
    {
        var ticket = Open(Priority.Emergency);
        var repair = Notified(ticket);
        repair.TakeOver(TakeoverReason.Emergency, RepairTeam.OwnTeam, null, ticket, "王振华", "director", Now);
        repair.SignPhoneApproval("gm", Now);
        Assert.Throws<PreconditionFailedException>(() => repair.Accept("林志强", "业主", allocation, share, ticket, Now));
        ResolveOnSite(ticket);
        Assert.Throws<PreconditionFailedException>(() => repair.Accept("林志强", "业主", allocation, share, ticket, Now));

        repair.RecordCost(Cost(950.50m));
        Assert.Throws<ArgumentException>(() => repair.RecordCost(Cost(300m, RepairCostKind.Compensation)));
        repair.RecordCost(Cost(300m, RepairCostKind.Compensation, Guid.NewGuid()));
        repair.Accept("林志强", "业主", allocation, share, ticket, Now);

        Assert.Equal(((decimal)total, (decimal)builderPays), (repair.TotalCost, repair.BuilderCharge));
        Assert.Throws<PreconditionFailedException>(() => repair.RecordCost(Cost(1m)));
        Assert.Throws<PreconditionFailedException>(() => repair.RecordSurvey(Survey(sketch: false)));
    }

    [Fact]
    public void A_builders_own_repair_is_accepted_without_a_charge()
    {
        var ticket = Open();
        var repair = Notified(ticket);
        Assert.Throws<PreconditionFailedException>(() => repair.Accept("林志强", "业主", null, null, ticket, Now));
        repair.RecordRepairedByBuilder("施工方已重做防水", Now.AddDays(1));

        repair.Accept("林志强", "业主", null, null, ticket, Now.AddDays(1));

        Assert.Equal((BuilderRepairStage.Accepted, null, 0m), (repair.Stage, repair.Allocation, repair.BuilderCharge));
        Assert.Throws<PreconditionFailedException>(() => repair.TakeOver(TakeoverReason.Late, RepairTeam.OwnTeam, null, ticket, null, "manager", Now.AddDays(9)));
    }

    [Fact]
    public void Only_an_open_customer_repair_notifies_a_builder()
    {
        var ticket = Open();
        ticket.Cancel("客户撤回", "reception", Now);

        Assert.Throws<PreconditionFailedException>(() => Notified(ticket));
    }

    private static void ResolveOnSite(Ticket ticket)
    {
        var technician = new Technician(Guid.NewGuid(), Station, "张伟", ["civil"]);
        ticket.Dispatch(technician, null, null, "dispatcher", Now);
        ticket.StartTravel("technician", Now);
        ticket.Arrive("technician", Now);
        ticket.RecordWork(new WorkEntry(WorkPlace.OnSite, null, null, null, false, null, "渗水", null, "重做防水", [], [new LabourHours(technician.Id, 4m)], []),
            "technician", Now);
        ticket.CompleteVisit(new VisitOutcome(VisitResult.Completed, null, null, null), "technician", Now);
    }
}
