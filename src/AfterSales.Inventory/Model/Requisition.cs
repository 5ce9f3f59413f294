using AfterSales.Platform.Errors;

namespace AfterSales.Inventory.Model;

/// <summary>Where a requisition is.</summary>
public enum RequisitionStatus
{
    Proposed = 1,
    Approved = 2,
    Issued = 3,
    Rejected = 4,
}

/// <summary>One part of a requisition.</summary>
public sealed record RequisitionLine(Guid PartId, string PartNumber, int Quantity);

/// <summary>
/// A requisition (领料单) of parts for a ticket from its station's ledger (§2 3.6.1, 3.7.4): proposed, approved
/// by a manager (its parts reserved), then issued; or rejected, which releases what approval reserved.
/// </summary>
public sealed class Requisition
{
    public const int MaxLines = 50;
    public const int MaxReasonLength = 500;

    private Requisition() { }

    public Requisition(Guid id, string code, Guid ticketId, string ticketNumber, Guid stationId, Guid warehouseId,
        IEnumerable<RequisitionLine> lines, string proposedBy, DateTimeOffset proposedAt)
    {
        Id = id;
        Code = code;
        TicketId = ticketId;
        TicketNumber = ticketNumber;
        StationId = stationId;
        WarehouseId = warehouseId;
        Lines = [.. lines];
        ProposedBy = proposedBy;
        ProposedAt = proposedAt;
        Status = RequisitionStatus.Proposed;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public Guid TicketId { get; private set; }
    public string TicketNumber { get; private set; } = "";
    public Guid StationId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public RequisitionStatus Status { get; private set; }
    public List<RequisitionLine> Lines { get; private set; } = [];
    public string ProposedBy { get; private set; } = "";
    public DateTimeOffset ProposedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Reason { get; private set; }
    public string? IssuedBy { get; private set; }
    public DateTimeOffset? IssuedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): approved, rejected or issued by one caller only.</summary>
    public uint Version { get; private set; }

    /// <summary>Approves it, reserving each line from <paramref name="levels"/> (its warehouse's, by part); all or none.</summary>
    public IReadOnlyList<Movement> Approve(IReadOnlyDictionary<Guid, StockLevel> levels, string actor, DateTimeOffset at)
    {
        Require(RequisitionStatus.Proposed, "approved");
        var movements = Lines.Select(line => LevelOf(levels, line).Reserve(line.Quantity, line.PartNumber, Code, actor, at)).ToList();
        (Status, DecidedBy, DecidedAt) = (RequisitionStatus.Approved, actor, at);
        return movements;
    }

    /// <summary>Rejects a proposed requisition, or cancels an approved one releasing its reservations.</summary>
    public IReadOnlyList<Movement> Reject(IReadOnlyDictionary<Guid, StockLevel> levels, string reason, string actor, DateTimeOffset at)
    {
        if (Status is not (RequisitionStatus.Proposed or RequisitionStatus.Approved))
        {
            throw new PreconditionFailedException($"Requisition {Code} is {Status.ToString().ToUpperInvariant()}: only a proposed or approved one can be rejected.");
        }
        var movements = Status == RequisitionStatus.Approved
            ? Lines.Select(line => LevelOf(levels, line).Release(line.Quantity, Code, actor, at)).ToList()
            : [];
        (Status, DecidedBy, DecidedAt, Reason) = (RequisitionStatus.Rejected, actor, at, reason);
        return movements;
    }

    /// <summary>Issues the reserved parts.</summary>
    public IReadOnlyList<Movement> Issue(IReadOnlyDictionary<Guid, StockLevel> levels, string actor, DateTimeOffset at)
    {
        Require(RequisitionStatus.Approved, "issued");
        var movements = Lines.Select(line => LevelOf(levels, line).Issue(line.Quantity, Code, actor, at)).ToList();
        (Status, IssuedBy, IssuedAt) = (RequisitionStatus.Issued, actor, at);
        return movements;
    }

    /// <summary>
    /// Takes back issued units that were not fitted: of each line at most what it issued, less what came back before
    /// (<paramref name="returnedBefore"/>, from the ledger's RETURN movements under the requisition's code).
    /// </summary>
    public IReadOnlyList<Movement> ReturnUnused(IReadOnlyList<(Guid PartId, int Quantity)> lines, IReadOnlyDictionary<Guid, int> returnedBefore,
        IReadOnlyDictionary<Guid, StockLevel> levels, string actor, DateTimeOffset at)
    {
        Require(RequisitionStatus.Issued, "returned to stock");
        var movements = new List<Movement>();
        foreach (var (partId, quantity) in lines)
        {
            var line = Lines.SingleOrDefault(l => l.PartId == partId)
                ?? throw new PreconditionFailedException($"Requisition {Code} issued no such part: only its own parts come back under it.");
            var open = line.Quantity - returnedBefore.GetValueOrDefault(partId);
            if (quantity > open)
            {
                throw new PreconditionFailedException($"Requisition {Code} issued {line.Quantity} {line.PartNumber}, of which {open} may still come back; not {quantity}.");
            }
            movements.Add(LevelOf(levels, line).ReturnUnused(quantity, Code, actor, at));
        }
        return movements;
    }

    private void Require(RequisitionStatus status, string verb)
    {
        if (Status != status)
        {
            throw new PreconditionFailedException(
                $"Requisition {Code} is {Status.ToString().ToUpperInvariant()}: it is {verb} only when {status.ToString().ToUpperInvariant()}.");
        }
    }

    private StockLevel LevelOf(IReadOnlyDictionary<Guid, StockLevel> levels, RequisitionLine line) =>
        levels.TryGetValue(line.PartId, out var level) ? level
            : throw new PreconditionFailedException($"The station's ledger holds no {line.PartNumber}; requisition {Code} cannot be served from it.");
}
