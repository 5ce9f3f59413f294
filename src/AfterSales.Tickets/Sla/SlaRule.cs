using AfterSales.Tickets.Model;

namespace AfterSales.Tickets.Sla;

/// <summary>What set the job going: the flow of the seed whose targets apply.</summary>
public enum SlaJobKind
{
    /// <summary>A repair request registered at intake (报修).</summary>
    Repair = 1,

    /// <summary>A product-quality complaint handed to a technician by QA (§7 2.1–2.2).</summary>
    QualityComplaint = 2,

    /// <summary>A return order (《工程返修单》) of the subcontractor flow (§3 4.4.1).</summary>
    ReturnOrder = 3,
}

/// <summary>
/// Where the site lies, as the travel targets of §7 2.2 classify it: the province of the serving station,
/// another province, or a remote area (边远地区). Remote wins over out of province: a remote site in
/// another province is remote. The caller classifies the site (the customers service knows its region).
/// </summary>
public enum SiteZone
{
    InProvince = 1,
    OutOfProvince = 2,
    Remote = 3,
}

/// <summary>
/// How far the project's own people are from a site in warranty (§12 5.4.1.2), which decides how fast an
/// emergency can be reached: the construction team still works there, the team has left but the
/// department has another team in the city, or the department has left the city.
/// </summary>
public enum ProjectPhase
{
    TeamOnSite = 1,
    TeamLeft = 2,
    DepartmentLeftCity = 3,
}

/// <summary>
/// The facts of one job that decide its SLA, taken at intake. A fact left unknown (null) matches only the
/// rules that do not ask for it.
/// </summary>
public sealed record SlaCase
{
    public SlaJobKind Job { get; init; } = SlaJobKind.Repair;
    public Priority Priority { get; init; } = Priority.Normal;

    /// <summary>A code of the configurable fault-type list (e.g. BODY, ENGINE_CHASSIS, ELECTRICAL, SOFTWARE).</summary>
    public string? FaultType { get; init; }

    /// <summary>The ticket's service category: in warranty (free), under a maintenance contract, or paid.</summary>
    public ServiceCategory? Category { get; init; }

    /// <summary>The region code of the site, as stations name theirs (e.g. ZJ-HZ).</summary>
    public string? Region { get; init; }

    public SiteZone? Zone { get; init; }

    /// <summary>Distance from the serving station to the site, in kilometres (the seed's 服务半径).</summary>
    public decimal? DistanceKm { get; init; }

    /// <summary>Whether the job needs the supplier of a component (需要与配套厂家联系, §2 3.2.2).</summary>
    public bool NeedsSupplier { get; init; }

    /// <summary>For a project in warranty, where its people are; null for anything else.</summary>
    public ProjectPhase? ProjectPhase { get; init; }
}

/// <summary>
/// What a rule asks of a case: every criterion it sets must hold, the ones it leaves null are not asked.
/// The distance band is one criterion: above <see cref="DistanceAboveKm"/> (exclusive) and up to
/// <see cref="DistanceUpToKm"/> (inclusive), so "within 100 km" and "beyond 100 km" meet at 100 without a gap.
/// </summary>
public sealed record SlaCriteria
{
    public const int MaxCodeLength = 32;

    public SlaJobKind? Job { get; init; }
    public Priority? Priority { get; init; }
    public string? FaultType { get; init; }
    public ServiceCategory? Category { get; init; }
    public string? Region { get; init; }
    public SiteZone? Zone { get; init; }
    public decimal? DistanceAboveKm { get; init; }
    public decimal? DistanceUpToKm { get; init; }
    public bool? NeedsSupplier { get; init; }
    public ProjectPhase? ProjectPhase { get; init; }

    /// <summary>How many criteria are set, the distance band counting once: more is more specific.</summary>
    public int Specificity =>
        new object?[] { Job, Priority, FaultType, Category, Region, Zone, DistanceAboveKm ?? DistanceUpToKm, NeedsSupplier, ProjectPhase }
            .Count(c => c is not null);

    public bool Matches(SlaCase @case) =>
        (Job is null || Job == @case.Job)
        && (Priority is null || Priority == @case.Priority)
        && (FaultType is null || string.Equals(FaultType, @case.FaultType, StringComparison.OrdinalIgnoreCase))
        && (Category is null || Category == @case.Category)
        && (Region is null || string.Equals(Region, @case.Region, StringComparison.OrdinalIgnoreCase))
        && (Zone is null || Zone == @case.Zone)
        && InDistanceBand(@case.DistanceKm)
        && (NeedsSupplier is null || NeedsSupplier == @case.NeedsSupplier)
        && (ProjectPhase is null || ProjectPhase == @case.ProjectPhase);

    private bool InDistanceBand(decimal? distanceKm)
    {
        if (DistanceAboveKm is null && DistanceUpToKm is null)
        {
            return true;
        }
        return distanceKm is { } km && (DistanceAboveKm is null || km > DistanceAboveKm) && (DistanceUpToKm is null || km <= DistanceUpToKm);
    }

    internal void Validate()
    {
        ThrowIfUndefined(Job, nameof(Job));
        ThrowIfUndefined(Priority, nameof(Priority));
        ThrowIfUndefined(Category, nameof(Category));
        ThrowIfUndefined(Zone, nameof(Zone));
        ThrowIfUndefined(ProjectPhase, nameof(ProjectPhase));
        ThrowIfBlankOrLong(FaultType, nameof(FaultType));
        ThrowIfBlankOrLong(Region, nameof(Region));
        if (DistanceAboveKm < 0 || DistanceUpToKm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SlaCriteria), "A distance is not negative.");
        }
        if (DistanceAboveKm >= DistanceUpToKm)
        {
            throw new ArgumentException("A distance band's lower bound is below its upper bound.", nameof(SlaCriteria));
        }
    }

    private static void ThrowIfUndefined<TEnum>(TEnum? value, string name) where TEnum : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v))
        {
            throw new ArgumentOutOfRangeException(name, v, $"Not a {typeof(TEnum).Name}.");
        }
    }

    private static void ThrowIfBlankOrLong(string? code, string name)
    {
        if (code is null)
        {
            return;
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(code, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code.Length, MaxCodeLength, name);
    }
}

/// <summary>
/// One SLA rule: the cases it applies to and the targets it gives each of the three clocks. A rule is
/// complete: when it wins, the clocks it gives no target do not run, so a specific rule never inherits a
/// target from a general one by accident. Which rule wins is <see cref="SlaPolicy.Precedence"/>.
/// </summary>
public sealed class SlaRule
{
    public const int MaxCodeLength = 64;
    public const int MaxDescriptionLength = 500;

    private SlaRule() { }

    public SlaRule(string code, string description, SlaCriteria criteria,
        SlaTarget? firstResponse = null, SlaTarget? arrival = null, SlaTarget? resolution = null, int precedence = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code.Length, MaxCodeLength, nameof(code));
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(description.Length, MaxDescriptionLength, nameof(description));
        criteria.Validate();
        if (firstResponse is null && arrival is null && resolution is null)
        {
            throw new ArgumentException($"Rule '{code}' gives no clock a target.", nameof(resolution));
        }
        Code = code;
        Description = description;
        Criteria = criteria;
        FirstResponse = firstResponse;
        Arrival = arrival;
        Resolution = resolution;
        Precedence = precedence;
    }

    /// <summary>Unique; the last tie-break between rules, so it is chosen once and not reused.</summary>
    public string Code { get; private set; } = "";

    /// <summary>What the rule says and where it comes from (the seed's chapter and clause).</summary>
    public string Description { get; private set; } = "";

    public SlaCriteria Criteria { get; private set; } = new();

    /// <summary>An explicit rank: a rule of higher precedence wins over any more specific rule of lower precedence.</summary>
    public int Precedence { get; private set; }

    /// <summary>Until the customer has an answer (答复, 应答), by phone or in writing.</summary>
    public SlaTarget? FirstResponse { get; private set; }

    /// <summary>Until a technician is on site.</summary>
    public SlaTarget? Arrival { get; private set; }

    /// <summary>Until the fault is resolved.</summary>
    public SlaTarget? Resolution { get; private set; }

    public int Specificity => Criteria.Specificity;

    public bool Matches(SlaCase @case) => Criteria.Matches(@case);

    public SlaTarget? TargetFor(SlaClockKind kind) => kind switch
    {
        SlaClockKind.FirstResponse => FirstResponse,
        SlaClockKind.Arrival => Arrival,
        SlaClockKind.Resolution => Resolution,
        // A date promised with a take-back receipt, not a rule's target.
        SlaClockKind.WorkshopReturn => null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of SLA clock."),
    };

    /// <summary>The targets the rule gives, clock by clock.</summary>
    public IEnumerable<(SlaClockKind Kind, SlaTarget Target)> Targets()
    {
        foreach (var kind in Enum.GetValues<SlaClockKind>())
        {
            if (TargetFor(kind) is { } target)
            {
                yield return (kind, target);
            }
        }
    }
}
