using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;

namespace AfterSales.Inventory.Model;

/// <summary>Where a count sheet is.</summary>
public enum StockCountStatus
{
    Open = 1,
    Submitted = 2,
    Approved = 3,
    Rejected = 4,
}

/// <summary>One part of a count sheet: the book figure when the count was entered, and what was found.</summary>
public sealed class StockCountLine
{
    private StockCountLine() { }

    public StockCountLine(Guid partId, string partNumber) => (PartId, PartNumber) = (partId, partNumber);

    public Guid PartId { get; private set; }
    public string PartNumber { get; private set; } = "";
    public int? BookOnHand { get; private set; }
    public int? Counted { get; private set; }

    /// <summary>What approval books: positive when more was found than the books say.</summary>
    public int Difference => (Counted ?? 0) - (BookOnHand ?? 0);

    internal void Record(int bookOnHand, int counted) => (BookOnHand, Counted) = (bookOnHand, counted);
}

/// <summary>
/// A stock count (盘点) of one warehouse: the sheet lists the parts to count, the counted units are entered against
/// the book figures of that moment, and the differences are booked as adjustments only when a manager other than
/// the person who entered them approves. Units moved between entry and approval stay moved: the difference is what
/// is booked, not the counted figure.
/// </summary>
public sealed class StockCount
{
    public const int MaxLines = 500;
    public const int MaxCounted = 1_000_000;
    public const int MaxReasonLength = 500;

    private StockCount() { }

    public StockCount(Guid id, string code, Guid warehouseId, Guid? stationId, IEnumerable<StockCountLine> lines, string openedBy, DateTimeOffset openedAt)
    {
        Id = id;
        Code = code;
        WarehouseId = warehouseId;
        StationId = stationId;
        Lines = [.. lines];
        if (Lines.Count == 0)
        {
            throw new PreconditionFailedException("Nothing to count: the warehouse holds none of the parts asked for, or none is due.");
        }
        OpenedBy = openedBy;
        OpenedAt = openedAt;
        Status = StockCountStatus.Open;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public Guid WarehouseId { get; private set; }

    /// <summary>The station whose ledger is counted; null for the central warehouse.</summary>
    public Guid? StationId { get; private set; }

    public StockCountStatus Status { get; private set; }
    public List<StockCountLine> Lines { get; private set; } = [];
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): entered, approved or rejected by one caller only.</summary>
    public uint Version { get; private set; }

    /// <summary>Enters the counted units of every line against the warehouse's book figures now.</summary>
    public void Submit(IReadOnlyDictionary<Guid, int> counted, IReadOnlyDictionary<Guid, StockLevel> levels, string actor, DateTimeOffset at)
    {
        Require(StockCountStatus.Open, "entered");
        foreach (var line in Lines)
        {
            line.Record(levels.GetValueOrDefault(line.PartId)?.OnHand ?? 0, counted[line.PartId]);
        }
        (Status, SubmittedBy, SubmittedAt) = (StockCountStatus.Submitted, actor, at);
    }

    /// <summary>Books each difference on its stock level, and marks every counted level counted.</summary>
    public IReadOnlyList<Movement> Approve(IReadOnlyDictionary<Guid, StockLevel> levels, string actor, DateTimeOffset at)
    {
        Require(StockCountStatus.Submitted, "approved");
        if (actor == SubmittedBy)
        {
            throw new PreconditionFailedException($"{Code} was entered by you: its differences are approved by another person.");
        }
        var movements = new List<Movement>();
        foreach (var line in Lines)
        {
            var level = levels[line.PartId];
            if (line.Difference != 0)
            {
                movements.Add(level.Adjust(line.Difference, line.PartNumber, Code, actor, at));
            }
            level.Counted(at);
        }
        (Status, DecidedBy, DecidedAt) = (StockCountStatus.Approved, actor, at);
        return movements;
    }

    public void Reject(string reason, string actor, DateTimeOffset at)
    {
        if (Status is not (StockCountStatus.Open or StockCountStatus.Submitted))
        {
            throw new PreconditionFailedException($"{Code} is {ProtoConversions.WireName(Status)}: it was decided already.");
        }
        (Status, Reason, DecidedBy, DecidedAt) = (StockCountStatus.Rejected, reason, actor, at);
    }

    private void Require(StockCountStatus status, string verb)
    {
        if (Status != status)
        {
            throw new PreconditionFailedException($"{Code} is {ProtoConversions.WireName(Status)}: it is {verb} only when {ProtoConversions.WireName(status)}.");
        }
    }
}
