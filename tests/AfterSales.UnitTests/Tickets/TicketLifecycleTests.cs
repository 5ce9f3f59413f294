using AfterSales.Platform.Errors;
using AfterSales.Tickets.Model;

namespace AfterSales.UnitTests.Tickets;

/// <summary>The ticket's state machine: every action from every status, and the paths of a repair's life.</summary>
public class TicketLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(8));
    private static readonly Guid Station = Guid.NewGuid();
    private static readonly Technician Zhang = new(Guid.NewGuid(), Station, "张伟", ["elevator"]);
    private static readonly Technician Liu = new(Guid.NewGuid(), Station, "刘洋", ["hvac"]);
    private const string Receipt = "R-0001";

    private static WorkEntry Work(WorkPlace place) =>
        new(place, null, 1200m, null, false, "异响", "钢丝绳磨损", "张力不足", "更换钢丝绳", [new PartUsed("P-1", 1, true)], [new LabourHours(Zhang.Id, 2.5m)], []);

    private static Ticket Open(Priority priority = Priority.Normal)
    {
        var report = new IntakeReport("EL-1", null, IntakeChannel.Phone, "王建国", "0571-8888-1001", "电梯异响", Now, Priority: priority, FaultType: "LIFT");
        return Ticket.Open(Guid.NewGuid(), "T20261127-ST-HZ01-0001", report,
            new IntakeEntitlement(Guid.NewGuid(), Guid.NewGuid(), Station, ServiceCategory.Free, "In warranty"), "reception", Now);
    }

    /// <summary>A ticket brought to <paramref name="status"/> the way a repair gets there.</summary>
    private static Ticket In(TicketStatus status, Priority priority = Priority.Emergency)
    {
        var ticket = Open(priority);
        var t = Now;
        void Step(Action<Ticket, DateTimeOffset> move) => move(ticket, t = t.AddMinutes(10));
        switch (status)
        {
            case TicketStatus.Registered:
                break;
            case TicketStatus.ResolvedByPhone:
                Step((k, at) => k.ResolveRemotely(RemoteResolution.Phone, null, "指导复位", "reception", at));
                break;
            case TicketStatus.ResolvedRemotely:
                Step((k, at) => k.ResolveRemotely(RemoteResolution.RemoteMaintenance, "王建国", "远程升级", "reception", at));
                break;
            case TicketStatus.OnHold:
                Step((k, at) => k.PutOnHold(HoldReason.WaitingForCustomer, null, "reception", at));
                break;
            case TicketStatus.Cancelled:
                Step((k, at) => k.Cancel("客户撤回", "reception", at));
                break;
            default:
                Step((k, at) => k.Dispatch(Zhang, null, null, "dispatcher", at));
                if (status == TicketStatus.Dispatched)
                {
                    break;
                }
                Step((k, at) => k.AgreeAppointment(at.AddHours(1), at.AddHours(3), "dispatcher", at));
                if (status == TicketStatus.AppointmentAgreed)
                {
                    break;
                }
                Step((k, at) => k.StartTravel("technician", at));
                if (status == TicketStatus.OnTheWay)
                {
                    break;
                }
                Step((k, at) => k.Arrive("technician", at));
                if (status == TicketStatus.OnSite)
                {
                    break;
                }
                if (status is TicketStatus.ResolvedOnSite or TicketStatus.Signed or TicketStatus.Closed)
                {
                    Step((k, at) => k.RecordWork(Work(WorkPlace.OnSite), "technician", at));
                    Step((k, at) => k.CompleteVisit(new VisitOutcome(VisitResult.Completed, null, null, null), "technician", at));
                    if (status == TicketStatus.ResolvedOnSite)
                    {
                        break;
                    }
                    Step((k, at) => k.SignOff("王建国", null, "technician", at));
                    if (status == TicketStatus.Closed)
                    {
                        Step((k, at) => k.Close("reception", at));
                    }
                    break;
                }
                Step((k, at) => k.CompleteVisit(new VisitOutcome(VisitResult.TakenBack, "返厂维修", Receipt, at.AddDays(7)), "technician", at));
                if (status == TicketStatus.TakenBack)
                {
                    break;
                }
                Step((k, at) => k.ReceiveInWorkshop("technician", at));
                if (status == TicketStatus.InWorkshopRepair)
                {
                    break;
                }
                Step((k, at) => k.RecordWork(Work(WorkPlace.Workshop), "technician", at));
                Step((k, at) => k.Inspect(true, null, "manager", at));
                if (status == TicketStatus.Inspected)
                {
                    break;
                }
                Step((k, at) => k.ReturnToCustomer(Receipt, "reception", at));
                break;
        }
        Assert.Equal(status, ticket.Status);
        return ticket;
    }

    /// <summary>Takes <paramref name="action"/> with arguments that satisfy everything but the status.</summary>
    private static void Act(Ticket ticket, TicketAction action)
    {
        var at = Now.AddDays(1);
        switch (action)
        {
            case TicketAction.Dispatch or TicketAction.Reassign:
                ticket.Dispatch(ticket.TechnicianId == Zhang.Id ? Liu : Zhang, null, "换人", "dispatcher", at);
                break;
            case TicketAction.AgreeAppointment:
                ticket.AgreeAppointment(at.AddHours(1), at.AddHours(2), "dispatcher", at);
                break;
            case TicketAction.StartTravel:
                ticket.StartTravel("technician", at);
                break;
            case TicketAction.Arrive:
                ticket.Arrive("technician", at);
                break;
            case TicketAction.RecordWorkOnSite:
                ticket.RecordWork(Work(WorkPlace.OnSite), "technician", at);
                break;
            case TicketAction.RecordWorkInWorkshop:
                ticket.RecordWork(Work(WorkPlace.Workshop), "technician", at);
                break;
            case TicketAction.CompleteVisit:
                ticket.CompleteVisit(new VisitOutcome(VisitResult.Other, "客户不在", null, null), "technician", at);
                break;
            case TicketAction.ResolveRemotely:
                ticket.ResolveRemotely(RemoteResolution.Phone, null, "电话指导", "reception", at);
                break;
            case TicketAction.ReceiveInWorkshop:
                ticket.ReceiveInWorkshop("technician", at);
                break;
            case TicketAction.Inspect:
                ticket.Inspect(false, "未修好", "manager", at);
                break;
            case TicketAction.ReturnToCustomer:
                ticket.ReturnToCustomer(Receipt, "reception", at);
                break;
            case TicketAction.SignOff:
                ticket.SignOff("王建国", null, "technician", at);
                break;
            case TicketAction.Close:
                ticket.Close("reception", at);
                break;
            case TicketAction.PutOnHold:
                ticket.PutOnHold(HoldReason.WaitingForParts, null, "technician", at);
                break;
            case TicketAction.Resume:
                ticket.Resume("technician", at);
                break;
            case TicketAction.Cancel:
                ticket.Cancel("客户撤回", "reception", at);
                break;
            case TicketAction.Reopen:
                ticket.Reopen("故障复发", null, "reception", at);
                break;
            case TicketAction.ReviseCategory:
                ticket.ReviseCategory(ServiceCategory.Paid, "现场发现人为损坏", "dispatcher", at);
                break;
            case TicketAction.DecideReturnOrExchange:
                ticket.DecideReturnOrExchange(ReturnDecision.Exchange, Accountability.CompanyQuality, "压缩机批次缺陷", "qa", at);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "No way to take this action in the test.");
        }
    }

    public static TheoryData<TicketStatus, TicketAction> EveryStatusAndAction()
    {
        var data = new TheoryData<TicketStatus, TicketAction>();
        foreach (var status in Enum.GetValues<TicketStatus>())
        {
            // Dispatch and Reassign are one call, Dispatch: its test covers both.
            foreach (var action in Enum.GetValues<TicketAction>().Where(a => a != TicketAction.Reassign))
            {
                data.Add(status, action);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void Every_action_is_taken_from_exactly_the_statuses_the_table_allows_and_refused_naming_the_status_otherwise(TicketStatus status, TicketAction action)
    {
        var ticket = In(status);
        var allowed = TicketLifecycle.Allows(status, action) || (action == TicketAction.Dispatch && TicketLifecycle.Allows(status, TicketAction.Reassign));

        var error = Record.Exception(() => Act(ticket, action));

        if (allowed)
        {
            Assert.Null(error);
            if (action is not (TicketAction.RecordWorkOnSite or TicketAction.RecordWorkInWorkshop))
            {
                Assert.Equal((Now.AddDays(1), status), (ticket.StatusChanges[^1].At, ticket.StatusChanges[^1].From));
            }
        }
        else
        {
            var refusal = Assert.IsType<PreconditionFailedException>(error);
            Assert.StartsWith($"The ticket is {TicketLifecycle.NameOf(status)}:", refusal.Message);
            Assert.Equal(status, ticket.Status);
        }
    }

    [Fact]
    public void Status_names_are_those_of_the_wire()
    {
        Assert.Equal("ON_HOLD", TicketLifecycle.NameOf(TicketStatus.OnHold));
        Assert.Equal("IN_WORKSHOP_REPAIR", TicketLifecycle.NameOf(TicketStatus.InWorkshopRepair));
        Assert.All(Enum.GetValues<TicketStatus>(), s =>
            Assert.True(Enum.IsDefined(typeof(AfterSales.Tickets.V1.TicketStatus), (int)s), $"{s} is not on the wire."));
        Assert.All(Enum.GetValues<TicketStatus>(), s =>
            Assert.Equal($"TICKET_STATUS_{TicketLifecycle.NameOf(s)}", AfterSales.Tickets.V1.TicketsReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>("TicketStatus").FindValueByNumber((int)s).Name));
    }

    [Fact]
    public void A_normal_repair_leaves_only_after_an_appointment_and_an_emergency_at_once()
    {
        var normal = In(TicketStatus.Dispatched, Priority.Normal);
        var emergency = In(TicketStatus.Dispatched, Priority.Emergency);

        var refused = Assert.Throws<PreconditionFailedException>(() => normal.StartTravel("technician", Now.AddHours(1)));
        emergency.StartTravel("technician", Now.AddHours(1));

        Assert.Contains("appointment", refused.Message);
        Assert.Equal(TicketStatus.OnTheWay, emergency.Status);
    }

    [Fact]
    public void A_reassignment_ends_the_current_assignment_with_its_reason_and_lapses_the_appointment()
    {
        var ticket = In(TicketStatus.AppointmentAgreed);
        var first = Assert.Single(ticket.Assignments);

        ticket.Dispatch(Liu, first, "张伟请假", "dispatcher", Now.AddHours(2));

        Assert.Equal((Now.AddHours(2), "张伟请假"), (first.EndedAt, first.EndReason));
        Assert.Equal([Zhang.Id, Liu.Id], ticket.Assignments.Select(a => a.TechnicianId));
        Assert.Equal((TicketStatus.Dispatched, Liu.Id), (ticket.Status, ticket.TechnicianId));
        Assert.Null(ticket.AppointmentStartsAt);
    }

    [Fact]
    public void The_same_technician_is_not_assigned_twice()
    {
        var ticket = In(TicketStatus.Dispatched);

        Assert.Throws<PreconditionFailedException>(() => ticket.Dispatch(Zhang, null, "again", "dispatcher", Now.AddHours(1)));
    }

    [Fact]
    public void A_technician_who_left_is_not_dispatched_and_keeps_the_day_they_left()
    {
        var ticket = Open();
        var left = new Technician(Guid.NewGuid(), Station, "王强", ["elevator"]);
        left.Retire(Now);
        left.Retire(Now.AddDays(1));

        Assert.Throws<PreconditionFailedException>(() => ticket.Dispatch(left, null, null, "dispatcher", Now.AddHours(1)));
        Assert.Equal(TicketStatus.Registered, ticket.Status);
        Assert.Equal(Now, left.RetiredAt);
    }

    [Fact]
    public void The_customer_signs_only_after_work_is_recorded_and_only_once()
    {
        var unrecorded = In(TicketStatus.OnSite);
        var noWork = Assert.Throws<PreconditionFailedException>(() =>
            unrecorded.CompleteVisit(new VisitOutcome(VisitResult.Completed, null, null, null), "technician", Now.AddHours(2)));
        var signed = In(TicketStatus.Signed);

        var again = Assert.Throws<PreconditionFailedException>(() => signed.SignOff("李四", null, "technician", Now.AddHours(3)));

        Assert.Contains("record the work done first", noWork.Message);
        Assert.StartsWith("The ticket is SIGNED:", again.Message);
        Assert.Equal("王建国", signed.SignedBy);
    }

    [Fact]
    public void A_workshop_repair_is_inspected_only_with_a_repair_card_and_a_failed_inspection_goes_back_to_repair()
    {
        var ticket = In(TicketStatus.InWorkshopRepair);

        var blank = Assert.Throws<PreconditionFailedException>(() => ticket.Inspect(true, null, "manager", Now.AddHours(4)));
        ticket.RecordWork(Work(WorkPlace.Workshop), "technician", Now.AddHours(5));
        ticket.Inspect(false, "噪音仍在", "manager", Now.AddHours(6));
        var stillInRepair = ticket.Status;
        ticket.Inspect(true, "合格", "manager", Now.AddHours(7));

        Assert.Contains("repair card", blank.Message);
        Assert.Equal(TicketStatus.InWorkshopRepair, stillInRepair);
        Assert.Equal(TicketStatus.Inspected, ticket.Status);
    }

    [Fact]
    public void The_take_back_path_voids_the_receipt_on_return_and_is_signed_after()
    {
        var ticket = In(TicketStatus.Returned);

        ticket.SignOff("王建国", null, "reception", Now.AddDays(2));

        Assert.NotNull(ticket.ReceiptVoidedAt);
        Assert.Equal(TicketStatus.Signed, ticket.Status);
        Assert.Equal(
            [TicketStatus.Registered, TicketStatus.Dispatched, TicketStatus.AppointmentAgreed, TicketStatus.OnTheWay, TicketStatus.OnSite, TicketStatus.TakenBack,
             TicketStatus.InWorkshopRepair, TicketStatus.Inspected, TicketStatus.Returned, TicketStatus.Signed],
            ticket.StatusChanges.Select(c => c.To));
    }

    [Fact]
    public void A_hold_resumes_where_it_was_and_a_replacement_waits_for_parts_then_needs_another_visit()
    {
        var held = In(TicketStatus.OnSite);
        held.PutOnHold(HoldReason.WaitingForCustomer, "客户不在", "technician", Now.AddHours(5));
        held.Resume("technician", Now.AddHours(6));
        var replacement = In(TicketStatus.OnSite);

        replacement.CompleteVisit(new VisitOutcome(VisitResult.Replacement, "需更换主板", null, null), "technician", Now.AddHours(5));
        var waiting = (replacement.Status, replacement.HoldReason);
        replacement.Resume("technician", Now.AddDays(3));

        Assert.Equal(TicketStatus.OnSite, held.Status);
        Assert.Null(held.HoldReason);
        Assert.Equal((TicketStatus.OnHold, HoldReason.WaitingForParts), waiting);
        Assert.Equal(TicketStatus.Dispatched, replacement.Status);
    }

    [Fact]
    public void A_ticket_held_in_the_workshop_cannot_be_cancelled()
    {
        var ticket = In(TicketStatus.InWorkshopRepair);
        ticket.PutOnHold(HoldReason.WaitingForParts, null, "technician", Now.AddHours(5));

        var refused = Assert.Throws<PreconditionFailedException>(() => ticket.Cancel("客户撤回", "reception", Now.AddHours(6)));

        Assert.Contains("IN_WORKSHOP_REPAIR before the hold", refused.Message);
    }

    [Fact]
    public void Reopening_starts_a_new_round_and_keeps_the_earlier_one_in_the_history()
    {
        var ticket = In(TicketStatus.Closed);

        ticket.Reopen("故障复发", ticket.Assignments.Single(), "reception", Now.AddDays(5));

        Assert.Equal((TicketStatus.Registered, 1, 0), (ticket.Status, ticket.ReopenCount, ticket.WorkRecordCount));
        Assert.Null(ticket.TechnicianId);
        Assert.Null(ticket.SignedBy);
        Assert.Contains(ticket.StatusChanges, c => c.To == TicketStatus.Signed && c.Note == "Signed by 王建国");
        Assert.NotNull(ticket.Assignments.Single().EndedAt);
    }

    [Fact]
    public void A_category_is_revised_with_its_reason_but_never_to_or_from_an_internal_job()
    {
        var ticket = In(TicketStatus.OnSite);
        var internalJob = Ticket.Open(Guid.NewGuid(), "T20261127-ST-HZ01-0002",
            new IntakeReport(null, null, IntakeChannel.Visit, "张伟", "0571-1", "季度巡检", Now, InternalJobStationId: Station),
            IntakeEntitlement.InternalJob(Station), "dispatcher", Now);

        var previous = ticket.ReviseCategory(ServiceCategory.Paid, "现场发现进水，属人为损坏", "technician", Now.AddHours(5));

        Assert.Equal((ServiceCategory.Free, ServiceCategory.Paid, "现场发现进水，属人为损坏"), (previous, ticket.Category, ticket.CategoryReason));
        Assert.Throws<PreconditionFailedException>(() => ticket.ReviseCategory(ServiceCategory.Internal, "x", "dispatcher", Now.AddHours(6)));
        Assert.Throws<PreconditionFailedException>(() => internalJob.ReviseCategory(ServiceCategory.Paid, "x", "dispatcher", Now.AddHours(6)));
        Assert.Equal((ServiceCategory.Internal, (Guid?)null), (internalJob.Category, internalJob.AssetId));
    }

    [Fact]
    public void Misuse_makes_the_work_paid_and_a_quality_fault_is_the_company_s_to_bear_once_per_round()
    {
        var misuse = In(TicketStatus.OnSite);
        var quality = In(TicketStatus.OnSite);
        quality.ReviseCategory(ServiceCategory.Paid, "initially thought misuse", "dispatcher", Now.AddHours(4));

        var fromFree = misuse.DecideReturnOrExchange(ReturnDecision.PaidService, Accountability.CustomerMisuse, "进水", "qa", Now.AddHours(5));
        var fromPaid = quality.DecideReturnOrExchange(ReturnDecision.Exchange, Accountability.CompanyQuality, "批次缺陷", "qa", Now.AddHours(5));
        var again = Assert.Throws<PreconditionFailedException>(() =>
            quality.DecideReturnOrExchange(ReturnDecision.Return, Accountability.CompanyQuality, "再议", "qa", Now.AddHours(6)));

        Assert.Equal((ServiceCategory.Free, ServiceCategory.Paid), (fromFree, misuse.Category));
        Assert.Equal((ServiceCategory.Paid, ServiceCategory.Free), (fromPaid, quality.Category));
        Assert.Contains("Exchange was decided already", again.Message);
        Assert.Throws<ArgumentException>(() => In(TicketStatus.OnSite).DecideReturnOrExchange(ReturnDecision.Return, Accountability.CustomerMisuse, "x", "qa", Now));
    }

    [Fact]
    public void Technicians_rank_by_certification_then_skill_then_region_then_load()
    {
        var lift = new FaultType("LIFT", "电梯故障", "elevator", "lift-maintenance-licence");
        var certified = new Technician(Guid.NewGuid(), Station, "A", ["elevator"], ["lift-maintenance-licence"], "ZJ-NB");
        var skilledOnly = new Technician(Guid.NewGuid(), Station, "B", ["elevator"], [], "ZJ-HZ");
        var localBusy = new Technician(Guid.NewGuid(), Station, "C", ["elevator"], ["lift-maintenance-licence"], "ZJ-HZ");
        var localIdle = new Technician(Guid.NewGuid(), Station, "D", ["elevator"], ["lift-maintenance-licence"], "ZJ-HZ");

        var ranked = TechnicianFitness.Rank([certified, skilledOnly, localBusy, localIdle], lift, "ZJ-HZ",
            new Dictionary<Guid, int> { [localBusy.Id] = 3 });

        Assert.Equal(["D", "C", "A", "B"], ranked.Select(f => f.Technician.Name));
        Assert.Equal((true, true, true, 0), (ranked[0].HasSkill, ranked[0].Certified, ranked[0].InRegion, ranked[0].OpenTickets));
        Assert.False(ranked[3].Certified);
    }
}
