using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;

namespace AfterSales.Inventory.Model;

/// <summary>Where a tool is.</summary>
public enum ToolStatus
{
    InUse = 1,
    Lost = 2,
    Damaged = 3,
    WornOut = 4,
}

/// <summary>A hand-over of a tool from one technician to another (调离本岗时应移交).</summary>
public sealed record ToolHandOver(Guid FromTechnicianId, Guid ToTechnicianId, string RecordedBy, DateTimeOffset At);

/// <summary>
/// A testing or repair tool registered to the technician who keeps it (§10 六.5–六.6); one valued at or above the
/// fixed-asset threshold is a fixed asset of the company. Lost or damaged, the technician compensates it; worn out
/// in normal use, nothing is owed; either way the cause is reported and the tool leaves service.
/// </summary>
public sealed class Tool
{
    public const int MaxTextLength = 500;

    private Tool() { }

    public Tool(Guid id, string code, string name, string specification, string serialNumber, decimal value, bool fixedAsset,
        Guid stationId, Guid technicianId, string technicianName, DateTimeOffset registeredAt)
    {
        Id = id;
        Code = code;
        Name = name;
        Specification = specification;
        SerialNumber = serialNumber;
        Value = value;
        FixedAsset = fixedAsset;
        StationId = stationId;
        TechnicianId = technicianId;
        TechnicianName = technicianName;
        RegisteredAt = registeredAt;
        Status = ToolStatus.InUse;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Specification { get; private set; } = "";
    public string SerialNumber { get; private set; } = "";
    public decimal Value { get; private set; }
    public bool FixedAsset { get; private set; }
    public Guid StationId { get; private set; }
    public Guid TechnicianId { get; private set; }
    public string TechnicianName { get; private set; } = "";
    public ToolStatus Status { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public List<ToolHandOver> HandOvers { get; private set; } = [];
    public string? LossCause { get; private set; }
    public decimal? Compensation { get; private set; }
    public string? ReportedBy { get; private set; }
    public DateTimeOffset? ReportedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public void HandOver(Guid technicianId, string technicianName, string actor, DateTimeOffset at)
    {
        RequireInUse("handed over");
        if (technicianId == TechnicianId)
        {
            throw new PreconditionFailedException($"{Code} is kept by {TechnicianName} already.");
        }
        HandOvers.Add(new ToolHandOver(TechnicianId, technicianId, actor, at));
        (TechnicianId, TechnicianName) = (technicianId, technicianName);
    }

    /// <summary>Records the tool lost, damaged or worn out, with the compensation due (none for normal wear).</summary>
    public void ReportLoss(ToolStatus kind, string cause, decimal compensation, string actor, DateTimeOffset at)
    {
        if (kind is ToolStatus.InUse || !Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A loss is LOST, DAMAGED or WORN_OUT.");
        }
        RequireInUse("reported");
        if (compensation > Value)
        {
            throw new PreconditionFailedException($"{Code} is valued at {Value:0.00} CNY: no more than that is compensated.");
        }
        (Status, LossCause, Compensation, ReportedBy, ReportedAt) = (kind, cause, compensation, actor, at);
    }

    private void RequireInUse(string verb)
    {
        if (Status != ToolStatus.InUse)
        {
            throw new PreconditionFailedException($"{Code} is {ProtoConversions.WireName(Status)}: it is out of service and cannot be {verb}.");
        }
    }
}

/// <summary>Options of the tool register (configuration section <c>Inventory:Tools</c>).</summary>
public sealed class ToolOptions
{
    public const string SectionName = "Inventory:Tools";

    /// <summary>A tool worth at least this (CNY) is a fixed asset of the company (§10 六.5).</summary>
    public decimal FixedAssetThreshold { get; set; } = 2000m;
}
