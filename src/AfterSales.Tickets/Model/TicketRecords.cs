namespace AfterSales.Tickets.Model;

/// <summary>One move of a ticket's state machine, kept for good: who moved it, when, from where, and why.</summary>
public sealed class TicketStatusChange
{
    private TicketStatusChange() { }

    public TicketStatusChange(Guid ticketId, DateTimeOffset at, TicketStatus? from, TicketStatus to, string actor, string? note)
    {
        Id = Guid.CreateVersion7();
        TicketId = ticketId;
        At = at;
        From = from;
        To = to;
        Actor = actor;
        Note = note;
    }

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>Null for the registration.</summary>
    public TicketStatus? From { get; private set; }
    public TicketStatus To { get; private set; }
    public string Actor { get; private set; } = "";
    public string? Note { get; private set; }
}

/// <summary>A technician's assignment to a ticket; a reassignment ends it with the reason, and both stay.</summary>
public sealed class TicketAssignment
{
    private TicketAssignment() { }

    public TicketAssignment(Guid ticketId, Guid technicianId, DateTimeOffset assignedAt, string assignedBy)
    {
        Id = Guid.CreateVersion7();
        TicketId = ticketId;
        TechnicianId = technicianId;
        AssignedAt = assignedAt;
        AssignedBy = assignedBy;
    }

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public Guid TechnicianId { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }
    public string AssignedBy { get; private set; } = "";
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndReason { get; private set; }

    public void End(string reason, DateTimeOffset at) => (EndedAt, EndReason) = (at, reason);
}

/// <summary>Where work was done.</summary>
public enum WorkPlace
{
    OnSite = 1,
    Workshop = 2,
    Remote = 3,
}

/// <summary>A part used in a repair; a kept old part goes back for the warranty write-off (§2 3.6.2).</summary>
public sealed record PartUsed(string PartNumber, int Quantity, bool OldPartKept);

/// <summary>Hours one technician worked on the repair.</summary>
public sealed record LabourHours(Guid TechnicianId, decimal Hours);

/// <summary>What a technician reports of a piece of work (§2 3.4.2: listen, look, check).</summary>
public sealed record WorkEntry(
    WorkPlace Place,
    DateTimeOffset? DepartedAt,
    decimal? RunningHours,
    decimal? MileageKm,
    bool OpenedBefore,
    string? FindingsListen,
    string? FindingsLook,
    string? FindingsCheck,
    string WorkDone,
    IReadOnlyList<PartUsed> Parts,
    IReadOnlyList<LabourHours> Labour,
    IReadOnlyList<Guid> PhotoDocumentIds)
{
    public static WorkEntry Remote(string workDone) => new(WorkPlace.Remote, null, null, null, false, null, null, null, workDone, [], [], []);
}

/// <summary>A record of work on a ticket: the on-site record or the workshop's repair card (修护卡).</summary>
public sealed class WorkRecord
{
    private WorkRecord() { }

    public WorkRecord(Guid id, Guid ticketId, DateTimeOffset recordedAt, string recordedBy, WorkEntry entry, DateTimeOffset? arrivedAt)
    {
        Id = id;
        TicketId = ticketId;
        RecordedAt = recordedAt;
        RecordedBy = recordedBy;
        Place = entry.Place;
        ArrivedAt = arrivedAt;
        DepartedAt = entry.DepartedAt;
        RunningHours = entry.RunningHours;
        MileageKm = entry.MileageKm;
        OpenedBefore = entry.OpenedBefore;
        FindingsListen = entry.FindingsListen;
        FindingsLook = entry.FindingsLook;
        FindingsCheck = entry.FindingsCheck;
        WorkDone = entry.WorkDone;
        Parts = [.. entry.Parts];
        Labour = [.. entry.Labour];
        PhotoDocumentIds = [.. entry.PhotoDocumentIds];
    }

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public WorkPlace Place { get; private set; }
    public DateTimeOffset? ArrivedAt { get; private set; }
    public DateTimeOffset? DepartedAt { get; private set; }
    public decimal? RunningHours { get; private set; }
    public decimal? MileageKm { get; private set; }
    public bool OpenedBefore { get; private set; }
    public string? FindingsListen { get; private set; }
    public string? FindingsLook { get; private set; }
    public string? FindingsCheck { get; private set; }
    public string WorkDone { get; private set; } = "";
    public List<PartUsed> Parts { get; private set; } = [];
    public List<LabourHours> Labour { get; private set; } = [];
    public List<Guid> PhotoDocumentIds { get; private set; } = [];
}

/// <summary>
/// A kind of fault intake classifies a request as (e.g. body, engine/chassis, electrical, software): data,
/// not code. It names the skill and, where the law asks for one, the certification a technician needs.
/// </summary>
public sealed class FaultType
{
    private FaultType() { }

    public FaultType(string code, string name, string skill, string? certification)
    {
        Code = code;
        Name = name;
        Skill = skill;
        Certification = certification;
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Skill { get; private set; } = "";
    public string? Certification { get; private set; }

    /// <summary>
    /// The fault types every installation starts with, written by the migrations (so in every environment,
    /// not only the demo): the seed's body and engine/chassis faults (§2 3.2), and the suite's product lines.
    /// </summary>
    public static IReadOnlyList<FaultType> Defaults { get; } =
    [
        new("BODY", "车身/结构故障", "mechanical", null),
        new("ENGINE_CHASSIS", "发动机/底盘故障", "mechanical", null),
        new("ELECTRICAL", "电气故障", "electrical", "electrician-licence"),
        new("SOFTWARE", "软件/控制系统故障", "software", null),
        new("LIFT", "电梯故障", "elevator", "lift-maintenance-licence"),
        new("REFRIGERATION", "制冷/空调故障", "hvac", "refrigeration-licence"),
        new("ACCESS_CONTROL", "门禁/安防故障", "access-control", null),
    ];
}

/// <summary>
/// A loaner unit (替补商品) lent for the ticket while the customer's unit is repaired, as inventory, which owns the
/// loaner stock, published it (LoanerLent, then LoanerReturned).
/// </summary>
public sealed class TicketLoan
{
    private TicketLoan() { }

    public TicketLoan(Guid ticketId, Guid loanerId, string code, string model, string serialNumber, DateOnly dueBackOn, DateTimeOffset lentAt)
    {
        Id = Guid.CreateVersion7();
        TicketId = ticketId;
        LoanerId = loanerId;
        Code = code;
        Model = model;
        SerialNumber = serialNumber;
        DueBackOn = dueBackOn;
        LentAt = lentAt;
    }

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public Guid LoanerId { get; private set; }
    public string Code { get; private set; } = "";
    public string Model { get; private set; } = "";
    public string SerialNumber { get; private set; } = "";
    public DateOnly DueBackOn { get; private set; }
    public DateTimeOffset LentAt { get; private set; }

    /// <summary>Null while the customer still has it.</summary>
    public DateTimeOffset? ReturnedAt { get; private set; }

    public void Returned(DateTimeOffset at) => ReturnedAt = at;
}
