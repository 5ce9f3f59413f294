using AfterSales.Platform.Errors;

namespace AfterSales.Customers.Model;

/// <summary>The kinds of return visit (回访).</summary>
public enum ReturnVisitKind
{
    /// <summary>A visit or call during warranty, at least twice a year (§9 二).</summary>
    WarrantyVisit = 1,

    /// <summary>A monthly check-in (§8 3).</summary>
    MonthlyCheckIn = 2,

    /// <summary>A yearly visit whose record the customer signs (§8 3.1).</summary>
    AnnualVisit = 3,
}

/// <summary>What the customer said of the service at a return visit.</summary>
public enum Satisfaction
{
    Satisfied = 1,
    Dissatisfied = 2,
}

/// <summary>A customer's return visits of one kind over a term, each due an interval after the one before.</summary>
public sealed class ReturnVisitPlan
{
    /// <summary>At least twice a year (§9 二): a warranty visit is due at most this many months after the one before.</summary>
    public const int MaxWarrantyVisitInterval = 6;

    /// <summary>A plan covers at most this many years.</summary>
    public const int MaxTermYears = 10;

    private ReturnVisitPlan() { }

    public ReturnVisitPlan(Guid id, Guid customerId, Guid servingStationId, ReturnVisitKind kind, DateOnly startsOn, DateOnly endsOn,
        int intervalMonths, string plannedBy, DateTimeOffset plannedAt)
    {
        Id = id;
        CustomerId = customerId;
        ServingStationId = servingStationId;
        Kind = kind;
        StartsOn = startsOn;
        EndsOn = endsOn;
        IntervalMonths = intervalMonths;
        PlannedBy = plannedBy;
        PlannedAt = plannedAt;
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid ServingStationId { get; private set; }

    /// <summary>Follows its customer to the station that serves it now.</summary>
    public void ServedBy(Guid stationId) => ServingStationId = stationId;
    public ReturnVisitKind Kind { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public int IntervalMonths { get; private set; }
    public string PlannedBy { get; private set; } = "";
    public DateTimeOffset PlannedAt { get; private set; }

    /// <summary>The interval a kind takes: monthly check-ins monthly, yearly visits yearly, warranty visits as asked (6 when not).</summary>
    public static int IntervalFor(ReturnVisitKind kind, int requested) => kind switch
    {
        ReturnVisitKind.MonthlyCheckIn => 1,
        ReturnVisitKind.AnnualVisit => 12,
        _ => requested == 0 ? MaxWarrantyVisitInterval : requested,
    };

    /// <summary>The visits of the term: the first <see cref="IntervalMonths"/> after its start, each next one as many months on (Civil Code months).</summary>
    public IEnumerable<ReturnVisit> ScheduleVisits()
    {
        for (var k = 1; StartsOn.AddMonths(k * IntervalMonths) <= EndsOn; k++)
        {
            yield return new ReturnVisit(Guid.CreateVersion7(), Id, CustomerId, ServingStationId, Kind, StartsOn.AddMonths(k * IntervalMonths));
        }
    }
}

/// <summary>One return visit, due on a day and recorded once done.</summary>
public sealed class ReturnVisit
{
    public const int MaxOutcomeLength = 1000;

    private ReturnVisit() { }

    public ReturnVisit(Guid id, Guid planId, Guid customerId, Guid servingStationId, ReturnVisitKind kind, DateOnly dueOn)
    {
        Id = id;
        PlanId = planId;
        CustomerId = customerId;
        ServingStationId = servingStationId;
        Kind = kind;
        DueOn = dueOn;
    }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid ServingStationId { get; private set; }

    /// <summary>Follows its customer to the station that serves it now.</summary>
    public void ServedBy(Guid stationId) => ServingStationId = stationId;
    public ReturnVisitKind Kind { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateTimeOffset? DoneAt { get; private set; }
    public string? DoneBy { get; private set; }
    public string? Outcome { get; private set; }
    public Satisfaction? Satisfaction { get; private set; }

    /// <summary>The signed visit record in documents (a yearly visit's).</summary>
    public Guid? RecordDocumentId { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public bool NeedsSignedRecord => Kind == ReturnVisitKind.AnnualVisit;

    public bool IsOverdue(DateOnly today) => DoneAt is null && DueOn < today;

    /// <summary>Records the visit once; a yearly visit only with its signed record.</summary>
    public void Record(string outcome, Satisfaction? satisfaction, Guid? recordDocumentId, string actor, DateTimeOffset at)
    {
        if (DoneAt is not null)
        {
            throw new PreconditionFailedException($"The return visit due on {DueOn:yyyy-MM-dd} was recorded on {DoneAt:yyyy-MM-dd} already.");
        }
        if (NeedsSignedRecord && recordDocumentId is null)
        {
            throw ValidationException.ForField("record_document_id", "A yearly visit is recorded with the record the customer signed (§8 3.1).");
        }
        (DoneAt, DoneBy, Outcome, Satisfaction, RecordDocumentId) = (at, actor, outcome, satisfaction, recordDocumentId);
    }
}

/// <summary>A training of a customer's staff, kept in the customer file (§8 4).</summary>
public sealed class Training
{
    public const int MaxTopicLength = 200;
    public const int MaxNameLength = 100;
    public const int MaxAttendees = 200;

    private Training() { }

    public Training(Guid id, Guid customerId, Guid servingStationId, string topic, string trainer, DateOnly plannedOn, string plannedBy)
    {
        Id = id;
        CustomerId = customerId;
        ServingStationId = servingStationId;
        Topic = topic;
        Trainer = trainer;
        PlannedOn = plannedOn;
        PlannedBy = plannedBy;
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid ServingStationId { get; private set; }

    /// <summary>Follows its customer to the station that serves it now.</summary>
    public void ServedBy(Guid stationId) => ServingStationId = stationId;
    public string Topic { get; private set; } = "";
    public string Trainer { get; private set; } = "";
    public DateOnly PlannedOn { get; private set; }
    public string PlannedBy { get; private set; } = "";
    public DateOnly? HeldOn { get; private set; }
    public List<TrainingAttendee> Attendees { get; private set; } = [];

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>Records the training as held, with its attendance and assessments; once.</summary>
    public void Record(DateOnly heldOn, IEnumerable<TrainingAttendee> attendees)
    {
        if (HeldOn is not null)
        {
            throw new PreconditionFailedException($"The training was recorded as held on {HeldOn:yyyy-MM-dd} already.");
        }
        (HeldOn, Attendees) = (heldOn, [.. attendees]);
    }
}

/// <summary>One attendee of a training and the assessment.</summary>
public sealed record TrainingAttendee(string Name, string Role, int Score, bool Passed);
