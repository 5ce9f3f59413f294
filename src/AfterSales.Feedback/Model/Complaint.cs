using AfterSales.Platform;
using AfterSales.Platform.Errors;

namespace AfterSales.Feedback.Model;

/// <summary>What a complaint is about (§4 一).</summary>
public enum ComplaintKind
{
    Quality = 1,
    Service = 2,
    Suggestion = 3,
}

/// <summary>How grave a complaint is: serious ones go to the general manager (§1 二十三), crises come first (§10 三.9).</summary>
public enum ComplaintSeverity
{
    Normal = 1,
    Serious = 2,
    Crisis = 3,
}

/// <summary>The eight steps of handling a complaint (§4 一.三), numbered in the order they must be completed.</summary>
public enum ComplaintStep
{
    /// <summary>记录: the complaint is recorded.</summary>
    Recorded = 1,

    /// <summary>判断: its nature and validity are judged.</summary>
    Assessed = 2,

    /// <summary>确定责任部门: contract disputes to senior management, transport to logistics, quality to QA.</summary>
    DepartmentAssigned = 3,

    /// <summary>调查原因: the cause is investigated.</summary>
    CauseInvestigated = 4,

    /// <summary>提出解决办法: a solution is proposed.</summary>
    SolutionProposed = 5,

    /// <summary>通知客户: the customer is told the solution.</summary>
    CustomerNotified = 6,

    /// <summary>处罚: penalties are decided for those responsible.</summary>
    Penalised = 7,

    /// <summary>纠正措施: a corrective action notice is issued (§7 2.6), which closes the complaint.</summary>
    CorrectiveActionIssued = 8,
}

/// <summary>What a caller reported when filing a complaint, checked before it is recorded.</summary>
public sealed record ComplaintReport(Guid CustomerId, Guid? TicketId, ComplaintKind Kind, ComplaintSeverity Severity, string Description);

/// <summary>One completed step after recording: what was found, decided or done, and when.</summary>
public sealed record ComplaintProgress(ComplaintStep Step, string Record, DateTimeOffset CompletedAt);

/// <summary>
/// A customer complaint. It is recorded (step 1) when filed and then goes through the remaining steps
/// strictly in order, one at a time: a step cannot be skipped, repeated or taken back, so the record
/// of how a complaint was handled is one a department's appraisal can rely on (§10 三.10–11).
/// </summary>
public sealed class Complaint
{
    private readonly List<ComplaintProgress> _progress = [];

    private Complaint() { }

    public static Complaint File(Guid id, string number, ComplaintReport report, DateTimeOffset recordedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.Description);
        if (!Enum.IsDefined(report.Kind) || !Enum.IsDefined(report.Severity))
        {
            throw new ArgumentException("A complaint needs a known kind and severity.", nameof(report));
        }
        return new Complaint
        {
            Id = id,
            Number = number,
            CustomerId = report.CustomerId,
            TicketId = report.TicketId,
            Kind = report.Kind,
            Severity = report.Severity,
            Description = report.Description,
            RecordedAt = BusinessCalendar.ToStoredPrecision(recordedAt),
        };
    }

    public Guid Id { get; private set; }

    /// <summary>Human-facing number, unique, e.g. CP20261127-000042.</summary>
    public string Number { get; private set; } = "";

    /// <summary>The customer (owned by the customers service) who complained.</summary>
    public Guid CustomerId { get; private set; }

    /// <summary>The ticket (owned by the tickets service) the complaint is about, if any.</summary>
    public Guid? TicketId { get; private set; }

    public ComplaintKind Kind { get; private set; }
    public ComplaintSeverity Severity { get; private set; }
    public string Description { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The steps completed after recording, in order.</summary>
    public IReadOnlyList<ComplaintProgress> Progress => _progress;

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): two handlers never both complete the same step.</summary>
    public uint Version { get; private set; }

    /// <summary>The last step completed.</summary>
    public ComplaintStep Step => _progress.Count == 0 ? ComplaintStep.Recorded : _progress[^1].Step;

    public bool IsClosed => Step == ComplaintStep.CorrectiveActionIssued;

    /// <summary>Completes <paramref name="step"/>, which must be the one after <see cref="Step"/>.</summary>
    public void Advance(ComplaintStep step, string record, DateTimeOffset completedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(record);
        if (IsClosed)
        {
            throw new PreconditionFailedException($"Complaint {Number} is closed: its corrective action has been issued.");
        }
        var next = Step + 1;
        if (step != next)
        {
            throw new PreconditionFailedException($"Complaint {Number} has completed step {Step}; the next step is {next}, not {step}.");
        }
        var previous = _progress.Count == 0 ? RecordedAt : _progress[^1].CompletedAt;
        completedAt = BusinessCalendar.ToStoredPrecision(completedAt);
        if (completedAt < previous)
        {
            throw new ArgumentException("A step cannot be completed before the step it follows.", nameof(completedAt));
        }
        _progress.Add(new ComplaintProgress(step, record, completedAt));
    }

    /// <summary>The complaint number for the <paramref name="sequence"/>-th complaint, dated by the day it was recorded.</summary>
    public static string FormatNumber(DateOnly recordedOn, long sequence) => $"CP{recordedOn:yyyyMMdd}-{sequence:D6}";
}
