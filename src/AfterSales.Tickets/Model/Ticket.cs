using AfterSales.Platform;
namespace AfterSales.Tickets.Model;

/// <summary>How a repair request reached the company (§1 八, §2 3.5).</summary>
public enum IntakeChannel
{
    Phone = 1,
    Letter = 2,
    Fax = 3,
    Visit = 4,
    PartnerApi = 5,
}

/// <summary>Who pays (§1 六): A paid, B contract, C free, D internal work.</summary>
public enum ServiceCategory
{
    Paid = 1,
    Contract = 2,
    Free = 3,
    Internal = 4,
}

/// <summary>How urgent a repair is.</summary>
public enum Priority
{
    Normal = 1,
    Urgent = 2,
    Emergency = 3,
}

/// <summary>What a caller reported at intake, checked before a ticket is opened.</summary>
/// <remarks><see cref="SerialNumber"/> is null for an internal job (category D), which has no asset.</remarks>
public sealed record IntakeReport(
    string? SerialNumber,
    string? ComponentCode,
    IntakeChannel Channel,
    string ContactName,
    string ContactPhone,
    string FaultDescription,
    DateTimeOffset ReceivedAt,
    string? LateRegistrationReason = null,
    string FaultType = "",
    Priority Priority = Priority.Normal,
    string? SiteCondition = null,
    Guid? InternalJobStationId = null,
    Sla.SlaJobKind JobKind = Sla.SlaJobKind.Repair,
    Sla.SiteZone? SiteZone = null,
    Sla.ProjectPhase? ProjectPhase = null,
    bool NeedsSupplier = false)
{
    public bool IsInternalJob => InternalJobStationId is not null;
}

/// <summary>
/// When intake takes a request to have been received (§2 3.5: the register records a request as it comes
/// in). The entitlement is decided on that day, so a back-dated ticket could turn paid work into free
/// work: only the company's own staff may register a request late, at most <paramref name="LateRegistrationWindow"/>
/// back and with a reason; a station's requests are received when they are registered.
/// </summary>
public sealed record IntakeClock(DateTimeOffset Now, bool CallerMayRegisterLate, TimeSpan LateRegistrationWindow)
{
    /// <summary>How far a caller's clock may be off ours: ahead of now by this much is not the future, behind it is not late.</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    public const int MaxReasonLength = 500;
}

/// <summary>Where the asset is installed, as the customers service knows it at intake.</summary>
public sealed record IntakeSite(Guid SiteId, string Address, string Region, int DistanceKm);

/// <summary>
/// The entitlement the customers service decided for the asset at intake, or, for an internal job, the
/// station doing it with category D and no asset.
/// </summary>
public sealed record IntakeEntitlement(Guid? AssetId, Guid? CustomerId, Guid StationId, ServiceCategory Category, string Reason, IntakeSite? Site = null,
    Guid? ProjectId = null)
{
    public static IntakeEntitlement InternalJob(Guid stationId) =>
        new(null, null, stationId, ServiceCategory.Internal, "Internal administrative job (§1 六.4).");
}

/// <summary>How a visit ended (§1 表1.1).</summary>
public enum VisitResult
{
    Completed = 1,
    TakenBack = 2,
    Replacement = 3,
    Other = 4,
}

/// <summary>How a fault was resolved without a visit.</summary>
public enum RemoteResolution
{
    Phone = 1,
    RemoteMaintenance = 2,
}

/// <summary>Why a ticket waits.</summary>
public enum HoldReason
{
    WaitingForParts = 1,
    WaitingForCustomer = 2,
    Other = 3,
}

/// <summary>Who is accountable for a fault (§7 2.4).</summary>
public enum Accountability
{
    CompanyQuality = 1,
    CustomerMisuse = 2,
    Transport = 3,
    Supplier = 4,
}

/// <summary>What is done about a return or exchange claim (退换货, §10 四).</summary>
public enum ReturnDecision
{
    Return = 1,
    Exchange = 2,
    FreeRepair = 3,
    PaidService = 4,
}

/// <summary>The ending of a visit, as the technician reports it.</summary>
public sealed record VisitOutcome(VisitResult Result, string? Note, string? ReceiptNumber, DateTimeOffset? PromisedReturnAt);

/// <summary>
/// A repair ticket: opened from an intake report and the asset's entitlement, then moved through its life
/// by the methods below, each checked against <see cref="TicketLifecycle"/> and recorded as a
/// <see cref="TicketStatusChange"/>. Its category changes only by <see cref="ReviseCategory"/>, with a reason:
/// billing and reports depend on it never changing silently.
/// </summary>
public sealed class Ticket
{
    public const int MaxNoteLength = 1000;

    private Ticket() { }

    public static Ticket Open(Guid id, string number, IntakeReport report, IntakeEntitlement entitlement, string actor, DateTimeOffset now)
    {
        var ticket = new Ticket
        {
            Id = id,
            Number = number,
            StationId = entitlement.StationId,
            CustomerId = entitlement.CustomerId,
            AssetId = entitlement.AssetId,
            SerialNumber = report.SerialNumber,
            ComponentCode = string.IsNullOrEmpty(report.ComponentCode) ? null : report.ComponentCode,
            Channel = report.Channel,
            ContactName = report.ContactName,
            ContactPhone = report.ContactPhone,
            FaultDescription = report.FaultDescription,
            FaultType = report.FaultType,
            Priority = report.Priority,
            SiteCondition = report.SiteCondition,
            JobKind = report.JobKind,
            SiteZone = report.SiteZone,
            ProjectPhase = report.ProjectPhase,
            NeedsSupplier = report.NeedsSupplier,
            SiteId = entitlement.Site?.SiteId,
            SiteAddress = entitlement.Site?.Address,
            Region = entitlement.Site?.Region,
            DistanceKm = entitlement.Site?.DistanceKm,
            ProjectId = entitlement.ProjectId,
            ReceivedAt = BusinessCalendar.ToStoredPrecision(report.ReceivedAt),
            LateRegistrationReason = report.LateRegistrationReason,
            Category = entitlement.Category,
            CategoryReason = entitlement.Reason,
            Status = TicketStatus.Registered,
            CreatedAt = BusinessCalendar.ToStoredPrecision(now),
        };
        ticket.StatusChanges.Add(new TicketStatusChange(id, ticket.CreatedAt, from: null, TicketStatus.Registered, actor, report.LateRegistrationReason));
        return ticket;
    }

    public Guid Id { get; private set; }

    /// <summary>Human-facing number, unique, e.g. T20261127-ST-HZ01-0042.</summary>
    public string Number { get; private set; } = "";

    public Guid StationId { get; private set; }

    /// <summary>Null for an internal job (category D), which has no customer or asset.</summary>
    public Guid? CustomerId { get; private set; }
    public Guid? AssetId { get; private set; }
    public string? SerialNumber { get; private set; }
    public string? ComponentCode { get; private set; }
    public IntakeChannel Channel { get; private set; }
    public string ContactName { get; private set; } = "";
    public string ContactPhone { get; private set; } = "";
    public string FaultDescription { get; private set; } = "";
    public string FaultType { get; private set; } = "";
    public Priority Priority { get; private set; }
    public string? SiteCondition { get; private set; }

    /// <summary>What set the job going, where the site lies, where a project's people are, whether a supplier is needed: facts SLA rules key on.</summary>
    public Sla.SlaJobKind JobKind { get; private set; }
    public Sla.SiteZone? SiteZone { get; private set; }
    public Sla.ProjectPhase? ProjectPhase { get; private set; }
    public bool NeedsSupplier { get; private set; }
    public Guid? SiteId { get; private set; }
    public string? SiteAddress { get; private set; }
    public string? Region { get; private set; }
    public int? DistanceKm { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Why the request was registered after it was received, by staff; null when it was not.</summary>
    public string? LateRegistrationReason { get; private set; }
    public ServiceCategory Category { get; private set; }
    public string CategoryReason { get; private set; } = "";
    public TicketStatus Status { get; private set; }

    /// <summary>When the ticket was registered (opened).</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    public Guid? TechnicianId { get; private set; }
    public DateTimeOffset? DispatchedAt { get; private set; }
    public DateTimeOffset? AppointmentStartsAt { get; private set; }
    public DateTimeOffset? AppointmentEndsAt { get; private set; }
    public DateTimeOffset? TravelStartedAt { get; private set; }
    public DateTimeOffset? ArrivedAt { get; private set; }
    public VisitResult? VisitResult { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? RemoteConsentBy { get; private set; }
    public HoldReason? HoldReason { get; private set; }
    public string? HoldNote { get; private set; }
    public TicketStatus? HeldFromStatus { get; private set; }
    public DateTimeOffset? HeldSince { get; private set; }
    public string? ReceiptNumber { get; private set; }
    public DateTimeOffset? PromisedReturnAt { get; private set; }
    public DateTimeOffset? ReceiptVoidedAt { get; private set; }
    public string? SignedBy { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public Guid? VoucherDocumentId { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? CancelReason { get; private set; }
    public int ReopenCount { get; private set; }
    public ReturnDecision? ReturnDecision { get; private set; }
    public Accountability? Accountability { get; private set; }
    public string? ReturnCause { get; private set; }

    /// <summary>Work records of the current round (since registration or the last reopening).</summary>
    public int WorkRecordCount { get; private set; }

    /// <summary>Workshop records of the current take-back repair: the manager inspects only recorded work.</summary>
    public int WorkshopRecordCount { get; private set; }

    /// <summary>When the customer must have been answered, by the ticket's SLA (null without that clock).</summary>
    public DateTimeOffset? FirstResponseDueAt { get; private set; }

    /// <summary>When a technician must be on site.</summary>
    public DateTimeOffset? ArrivalDueAt { get; private set; }

    /// <summary>When the fault must be resolved.</summary>
    public DateTimeOffset? ResolutionDueAt { get; private set; }

    /// <summary>The nearest due time of the ticket's open SLA promises (clocks not stopped): the list's "most urgent" order.</summary>
    public DateTimeOffset? NextDueAt { get; private set; }

    /// <summary>
    /// When one of the ticket's SLA clocks was first found breached (any round); null while none has been. Kept on the
    /// ticket so the list of breached tickets reads its own index instead of probing every ticket's clocks.
    /// </summary>
    public DateTimeOffset? BreachedAt { get; private set; }

    /// <summary>The SLA rule the ticket's clocks follow, e.g. S2-3.2.2-BODY-NEAR; null when none applies.</summary>
    public string? SlaRuleCode { get; private set; }

    /// <summary>The project (customers') the asset was handed over with, if any.</summary>
    public Guid? ProjectId { get; private set; }

    /// <summary>
    /// The project's batch visit a non-urgent job waits for (§12 5.4): it joins the dispatch queue that day, and its
    /// arrival and resolution are due by the end of it. Null for a job that goes out at once.
    /// </summary>
    public DateOnly? BatchVisitOn { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): of two concurrent updates, one is refused.</summary>
    public uint Version { get; private set; }

    /// <summary>Queues a new non-urgent job of a project for the project's next batch visit; urgent work goes out at once.</summary>
    public bool QueueForBatchVisit(DateOnly visitOn)
    {
        if (Status != TicketStatus.Registered || Priority != Priority.Normal || ProjectId is null)
        {
            return false;
        }
        BatchVisitOn = visitOn;
        return true;
    }

    public List<TicketStatusChange> StatusChanges { get; private set; } = [];
    public List<TicketAssignment> Assignments { get; private set; } = [];
    public List<WorkRecord> WorkRecords { get; private set; } = [];

    public bool IsOpen => TicketLifecycle.Open.Contains(Status);

    /// <summary>
    /// Assigns the technician (派工), or reassigns: the current assignment ends with the reason and the
    /// appointment agreed by the previous technician lapses. <paramref name="current"/> is the open
    /// assignment, loaded by the caller.
    /// </summary>
    public void Dispatch(Technician technician, TicketAssignment? current, string? reason, string actor, DateTimeOffset now)
    {
        if (technician.StationId != StationId)
        {
            throw new ArgumentException("A ticket is dispatched to a technician of its own station.", nameof(technician));
        }
        if (technician.IsRetired)
        {
            throw new Platform.Errors.PreconditionFailedException($"{technician.Name} has left the station (retired {technician.RetiredAt:yyyy-MM-dd}): dispatch to another technician.");
        }
        if (Status == TicketStatus.Registered)
        {
            Move(TicketAction.Dispatch, TicketStatus.Dispatched, actor, null, now);
        }
        else
        {
            TicketLifecycle.Require(Status, TicketAction.Reassign);
            if (technician.Id == TechnicianId)
            {
                throw TicketLifecycle.Refusal(Status, TicketAction.Reassign, "the technician is already assigned");
            }
            current?.End(reason ?? "", now);
            AppointmentStartsAt = AppointmentEndsAt = null;
            Move(TicketAction.Reassign, TicketStatus.Dispatched, actor, reason, now);
        }
        TechnicianId = technician.Id;
        DispatchedAt = now;
        Assignments.Add(new TicketAssignment(Id, technician.Id, now, actor));
    }

    public void AgreeAppointment(DateTimeOffset startsAt, DateTimeOffset endsAt, string actor, DateTimeOffset now)
    {
        (AppointmentStartsAt, AppointmentEndsAt) = (startsAt, endsAt);
        Move(TicketAction.AgreeAppointment, TicketStatus.AppointmentAgreed, actor, $"{startsAt:O} – {endsAt:O}", now);
    }

    /// <summary>The technician leaves for the site: after an appointment, or at once for an emergency (§12 5.4).</summary>
    public void StartTravel(string actor, DateTimeOffset now)
    {
        if (Status == TicketStatus.Dispatched && Priority != Priority.Emergency)
        {
            throw TicketLifecycle.Refusal(Status, TicketAction.StartTravel, "agree an appointment with the customer first");
        }
        TravelStartedAt = now;
        Move(TicketAction.StartTravel, TicketStatus.OnTheWay, actor, null, now);
    }

    public void Arrive(string actor, DateTimeOffset now)
    {
        ArrivedAt = now;
        Move(TicketAction.Arrive, TicketStatus.OnSite, actor, null, now);
    }

    /// <summary>Adds a record of work done on site or in the workshop; the status stays.</summary>
    public WorkRecord RecordWork(WorkEntry entry, string actor, DateTimeOffset now)
    {
        var action = entry.Place switch
        {
            WorkPlace.OnSite => TicketAction.RecordWorkOnSite,
            WorkPlace.Workshop => TicketAction.RecordWorkInWorkshop,
            _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Place, "Remote work is recorded by ResolveRemotely."),
        };
        TicketLifecycle.Require(Status, action);
        var record = new WorkRecord(Guid.CreateVersion7(), Id, now, actor, entry, entry.Place == WorkPlace.OnSite ? ArrivedAt : null);
        WorkRecords.Add(record);
        WorkRecordCount++;
        if (entry.Place == WorkPlace.Workshop)
        {
            WorkshopRecordCount++;
        }
        return record;
    }

    /// <summary>Ends the visit (§1 表1.1): fixed, taken back with a receipt, waiting for a replacement, or another visit needed.</summary>
    public void CompleteVisit(VisitOutcome outcome, string actor, DateTimeOffset now)
    {
        TicketLifecycle.Require(Status, TicketAction.CompleteVisit);
        VisitResult = outcome.Result;
        switch (outcome.Result)
        {
            case Model.VisitResult.Completed:
                if (WorkRecordCount == 0)
                {
                    throw TicketLifecycle.Refusal(Status, TicketAction.CompleteVisit, "record the work done first");
                }
                ResolvedAt = now;
                Move(TicketAction.CompleteVisit, TicketStatus.ResolvedOnSite, actor, outcome.Note, now);
                break;
            case Model.VisitResult.TakenBack:
                ReceiptNumber = outcome.ReceiptNumber;
                PromisedReturnAt = outcome.PromisedReturnAt;
                ReceiptVoidedAt = null;
                WorkshopRecordCount = 0;
                Move(TicketAction.CompleteVisit, TicketStatus.TakenBack, actor, outcome.Note, now);
                break;
            case Model.VisitResult.Replacement:
                // Waits for the replacement part or unit; resumed, it needs another visit.
                Move(TicketAction.CompleteVisit, TicketStatus.OnHold, actor, outcome.Note, now);
                (HoldReason, HoldNote, HeldFromStatus, HeldSince) = (Model.HoldReason.WaitingForParts, outcome.Note, TicketStatus.Dispatched, now);
                break;
            case Model.VisitResult.Other:
                AppointmentStartsAt = AppointmentEndsAt = null;
                Move(TicketAction.CompleteVisit, TicketStatus.Dispatched, actor, outcome.Note, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Result, "Unknown visit result.");
        }
    }

    /// <summary>Resolved without a visit; what was done is recorded as remote work.</summary>
    public WorkRecord ResolveRemotely(RemoteResolution resolution, string? consentBy, string note, string actor, DateTimeOffset now)
    {
        TicketLifecycle.Require(Status, TicketAction.ResolveRemotely);
        if (resolution == RemoteResolution.RemoteMaintenance && string.IsNullOrWhiteSpace(consentBy))
        {
            throw new ArgumentException("Remote maintenance needs the customer's consent.", nameof(consentBy));
        }
        var record = new WorkRecord(Guid.CreateVersion7(), Id, now, actor, WorkEntry.Remote(note), arrivedAt: null);
        WorkRecords.Add(record);
        WorkRecordCount++;
        RemoteConsentBy = resolution == RemoteResolution.RemoteMaintenance ? consentBy : null;
        ResolvedAt = now;
        Move(TicketAction.ResolveRemotely, resolution == RemoteResolution.Phone ? TicketStatus.ResolvedByPhone : TicketStatus.ResolvedRemotely, actor, note, now);
        return record;
    }

    public void ReceiveInWorkshop(string actor, DateTimeOffset now) =>
        Move(TicketAction.ReceiveInWorkshop, TicketStatus.InWorkshopRepair, actor, $"Goods in, receipt {ReceiptNumber}", now);

    /// <summary>The manager's inspection of a workshop repair (§1 十二): passed, or back to repair with the note.</summary>
    public void Inspect(bool passed, string? note, string actor, DateTimeOffset now)
    {
        TicketLifecycle.Require(Status, TicketAction.Inspect);
        if (passed && WorkshopRecordCount == 0)
        {
            throw TicketLifecycle.Refusal(Status, TicketAction.Inspect, "no workshop work is recorded (repair card)");
        }
        Move(TicketAction.Inspect, passed ? TicketStatus.Inspected : TicketStatus.InWorkshopRepair, actor, passed ? note : $"Failed: {note}", now);
    }

    /// <summary>Goods out: the customer hands back the receipt, which is voided.</summary>
    public void ReturnToCustomer(string receiptNumber, string actor, DateTimeOffset now)
    {
        TicketLifecycle.Require(Status, TicketAction.ReturnToCustomer);
        if (!string.Equals(receiptNumber, ReceiptNumber, StringComparison.Ordinal))
        {
            throw new ArgumentException("The receipt handed back is not the ticket's.", nameof(receiptNumber));
        }
        ReceiptVoidedAt = now;
        ResolvedAt = now;
        Move(TicketAction.ReturnToCustomer, TicketStatus.Returned, actor, $"Goods out, receipt {ReceiptNumber} voided", now);
    }

    /// <summary>The customer signs the voucher: after the work is recorded, never before, and once (§2 3.3.2).</summary>
    public void SignOff(string signedBy, Guid? voucherDocumentId, string actor, DateTimeOffset now)
    {
        TicketLifecycle.Require(Status, TicketAction.SignOff);
        if (WorkRecordCount == 0)
        {
            throw TicketLifecycle.Refusal(Status, TicketAction.SignOff, "no work is recorded");
        }
        (SignedBy, SignedAt, VoucherDocumentId) = (signedBy, now, voucherDocumentId);
        Move(TicketAction.SignOff, TicketStatus.Signed, actor, $"Signed by {signedBy}", now);
    }

    public void Close(string actor, DateTimeOffset now)
    {
        ClosedAt = now;
        Move(TicketAction.Close, TicketStatus.Closed, actor, null, now);
    }

    public void PutOnHold(HoldReason reason, string? note, string actor, DateTimeOffset now)
    {
        TicketLifecycle.Require(Status, TicketAction.PutOnHold);
        var from = Status;
        Move(TicketAction.PutOnHold, TicketStatus.OnHold, actor, note ?? reason.ToString(), now);
        (HoldReason, HoldNote, HeldFromStatus, HeldSince) = (reason, note, from, now);
    }

    public void Resume(string actor, DateTimeOffset now)
    {
        TicketLifecycle.Require(Status, TicketAction.Resume);
        var to = HeldFromStatus ?? TicketStatus.Registered;
        (HoldReason, HoldNote, HeldFromStatus, HeldSince) = (null, null, null, null);
        Move(TicketAction.Resume, to, actor, null, now);
    }

    public void Cancel(string reason, string actor, DateTimeOffset now)
    {
        TicketLifecycle.Require(Status, TicketAction.Cancel);
        if (Status == TicketStatus.OnHold && HeldFromStatus is { } from && !TicketLifecycle.Allows(from, TicketAction.Cancel))
        {
            throw TicketLifecycle.Refusal(Status, TicketAction.Cancel, $"it was {TicketLifecycle.NameOf(from)} before the hold");
        }
        CancelReason = reason;
        (HoldReason, HoldNote, HeldFromStatus, HeldSince) = (null, null, null, null);
        Move(TicketAction.Cancel, TicketStatus.Cancelled, actor, reason, now);
    }

    /// <summary>
    /// Reopens a closed or cancelled ticket: it waits for dispatch again, as a new round. What the earlier
    /// round recorded (signature, work, assignments) stays in its history; the ticket's current fields start afresh.
    /// </summary>
    public void Reopen(string reason, TicketAssignment? current, string actor, DateTimeOffset now)
    {
        TicketLifecycle.Require(Status, TicketAction.Reopen);
        current?.End($"Ticket reopened: {reason}", now);
        ReopenCount++;
        TechnicianId = null;
        DispatchedAt = AppointmentStartsAt = AppointmentEndsAt = TravelStartedAt = ArrivedAt = ResolvedAt = null;
        VisitResult = null;
        RemoteConsentBy = null;
        ReceiptNumber = null;
        PromisedReturnAt = ReceiptVoidedAt = null;
        SignedBy = null;
        SignedAt = ClosedAt = null;
        VoucherDocumentId = null;
        CancelReason = null;
        ReturnDecision = null;
        Accountability = null;
        ReturnCause = null;
        WorkRecordCount = WorkshopRecordCount = 0;
        Move(TicketAction.Reopen, TicketStatus.Registered, actor, reason, now);
    }

    /// <summary>
    /// Revises who pays after diagnosis (e.g. misuse found on site turns free work into paid, §7 2.4, §8 3.3).
    /// An internal job has no customer to charge, and no ticket becomes one. Returns the category it had.
    /// </summary>
    public ServiceCategory ReviseCategory(ServiceCategory category, string reason, string actor, DateTimeOffset now)
    {
        TicketLifecycle.Require(Status, TicketAction.ReviseCategory);
        if (Category == ServiceCategory.Internal || category == ServiceCategory.Internal)
        {
            throw TicketLifecycle.Refusal(Status, TicketAction.ReviseCategory, "internal jobs are neither revised nor revised to");
        }
        if (category == Category)
        {
            throw TicketLifecycle.Refusal(Status, TicketAction.ReviseCategory, $"it is already {category}");
        }
        var previous = Category;
        (Category, CategoryReason) = (category, reason);
        StatusChanges.Add(new TicketStatusChange(Id, now, Status, Status, actor, $"Category {previous} → {category}: {reason}"));
        return previous;
    }

    /// <summary>Marks the ticket breached at the first breach signalled on one of its clocks; a later one changes nothing.</summary>
    public void MarkBreached(DateTimeOffset signalledAt) => BreachedAt ??= signalledAt;

    /// <summary>Shows the due times of the ticket's SLA clocks on it (they move when a pause ends).</summary>
    public void ShowDueTimes(IReadOnlyCollection<Sla.SlaClock> clocks)
    {
        DateTimeOffset? DueOf(Sla.SlaClockKind kind) => clocks.FirstOrDefault(c => c.Kind == kind)?.DueAt;
        (FirstResponseDueAt, ArrivalDueAt, ResolutionDueAt) = (DueOf(Sla.SlaClockKind.FirstResponse), DueOf(Sla.SlaClockKind.Arrival), DueOf(Sla.SlaClockKind.Resolution));
        SlaRuleCode = clocks.FirstOrDefault(c => c.Kind != Sla.SlaClockKind.WorkshopReturn)?.RuleCode;
        NextDueAt = clocks.Where(c => !c.IsStopped).Select(c => (DateTimeOffset?)c.DueAt).Min();
    }

    /// <summary>
    /// Decides a return or exchange claim by who is accountable (§7 2.4): the customer's misuse gets paid
    /// service, and the ticket becomes paid; anything else is the company's or its suppliers' to bear, by a
    /// return, an exchange or a free repair, and paid work becomes free. Once per round. Returns the category
    /// it had when the decision changed it, else null.
    /// </summary>
    public ServiceCategory? DecideReturnOrExchange(ReturnDecision decision, Accountability accountability, string cause, string actor, DateTimeOffset now)
    {
        TicketLifecycle.Require(Status, TicketAction.DecideReturnOrExchange);
        if (Category == ServiceCategory.Internal)
        {
            throw TicketLifecycle.Refusal(Status, TicketAction.DecideReturnOrExchange, "an internal job has no customer");
        }
        if (ReturnDecision is { } earlier)
        {
            throw TicketLifecycle.Refusal(Status, TicketAction.DecideReturnOrExchange, $"{earlier} was decided already");
        }
        if ((accountability == Model.Accountability.CustomerMisuse) != (decision == Model.ReturnDecision.PaidService))
        {
            throw new ArgumentException("Misuse gets paid service, and only misuse does.", nameof(decision));
        }
        (ReturnDecision, Accountability, ReturnCause) = (decision, accountability, cause);
        var category = decision == Model.ReturnDecision.PaidService ? ServiceCategory.Paid
            : Category == ServiceCategory.Paid ? ServiceCategory.Free
            : Category;
        StatusChanges.Add(new TicketStatusChange(Id, now, Status, Status, actor, $"{decision} ({accountability}): {cause}"));
        if (category == Category)
        {
            return null;
        }
        var previous = Category;
        (Category, CategoryReason) = (category, $"{decision} ({accountability}): {cause}");
        return previous;
    }

    private void Move(TicketAction action, TicketStatus to, string actor, string? note, DateTimeOffset now)
    {
        TicketLifecycle.Require(Status, action);
        StatusChanges.Add(new TicketStatusChange(Id, now, Status, to, actor, note));
        Status = to;
    }

    /// <summary>
    /// The number of the <paramref name="sequence"/>-th ticket a station registered on a day. Numbered per
    /// station, so a station's numbers tell it nothing about another's volume, and dated by registration,
    /// so a late registration cannot claim an old day.
    /// </summary>
    public static string FormatNumber(DateOnly registeredOn, string stationCode, long sequence) =>
        $"T{registeredOn:yyyyMMdd}-{stationCode}-{sequence:D4}";

    /// <summary>
    /// Room for "T", the date, a station code (<see cref="Station.MaxCodeLength"/>) and a count of up to
    /// five digits; other services (billing) keep ticket numbers of this length.
    /// </summary>
    public const int MaxNumberLength = 32;
}
