using AfterSales.Platform.Errors;

namespace AfterSales.Inventory.Model;

/// <summary>
/// How much of one part one warehouse holds. Neither quantity ever goes negative and no more is reserved
/// than is on hand, so a unit is never promised twice (§3: never double-issued, however many stations call).
/// </summary>
public sealed class StockLevel
{
    private StockLevel() { }

    /// <summary>An empty ledger line; stock arrives through <see cref="Receive"/>.</summary>
    public StockLevel(Guid warehouseId, Guid partId)
    {
        WarehouseId = warehouseId;
        PartId = partId;
    }

    public Guid WarehouseId { get; private set; }
    public Guid PartId { get; private set; }

    /// <summary>Units physically in the warehouse.</summary>
    public int OnHand { get; private set; }

    /// <summary>Units of <see cref="OnHand"/> promised to requisitions and not yet issued.</summary>
    public int Reserved { get; private set; }

    /// <summary>Units free to promise.</summary>
    public int Available => OnHand - Reserved;

    /// <summary>When an approved stock count last covered this level; null for one never counted.</summary>
    public DateTimeOffset? LastCountedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): two stations reserving the last unit never both win.</summary>
    public uint Version { get; private set; }

    /// <summary>Books units received into the warehouse (接收单, §2 3.7.2), or sent to it from another.</summary>
    public Movement Receive(int quantity, MovementKind kind, string reference, string actor, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (kind is not (MovementKind.Receipt or MovementKind.TransferIn))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Stock arrives by a receipt or a transfer.");
        }
        OnHand = checked(OnHand + quantity);
        return Booked(kind, quantity, 0, reference, actor, at);
    }

    /// <summary>Sends available units to another warehouse: only what is not promised can leave.</summary>
    public Movement TransferOut(int quantity, string partNumber, string reference, string actor, DateTimeOffset at)
    {
        RequireAvailable(quantity, partNumber, "sent");
        OnHand -= quantity;
        return Booked(MovementKind.TransferOut, -quantity, 0, reference, actor, at);
    }

    /// <summary>Promises units to a requisition; only what is available can be promised.</summary>
    public Movement Reserve(int quantity, string partNumber, string reference, string actor, DateTimeOffset at)
    {
        RequireAvailable(quantity, partNumber, "reserved");
        Reserved += quantity;
        return Booked(MovementKind.Reservation, 0, quantity, reference, actor, at);
    }

    /// <summary>Gives back units promised to a requisition that will not be issued.</summary>
    public Movement Release(int quantity, string reference, string actor, DateTimeOffset at)
    {
        RequireReserved(quantity, reference);
        Reserved -= quantity;
        return Booked(MovementKind.Release, 0, -quantity, reference, actor, at);
    }

    /// <summary>Hands out units promised to a requisition: they leave the warehouse and the promise with them.</summary>
    public Movement Issue(int quantity, string reference, string actor, DateTimeOffset at)
    {
        RequireReserved(quantity, reference);
        (OnHand, Reserved) = (OnHand - quantity, Reserved - quantity);
        return Booked(MovementKind.Issue, -quantity, -quantity, reference, actor, at);
    }

    /// <summary>
    /// Books the difference an approved stock count found. Units promised to requisitions must still be there:
    /// a count that finds fewer is refused until those requisitions are released or rejected.
    /// </summary>
    public Movement Adjust(int difference, string partNumber, string reference, string actor, DateTimeOffset at)
    {
        if (difference == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(difference), "A count that found what the books say books nothing.");
        }
        var onHand = checked(OnHand + difference);
        if (onHand < Reserved)
        {
            throw new PreconditionFailedException(
                $"{reference} leaves {onHand} unit(s) of {partNumber} on hand, but {Reserved} are promised to requisitions: release or reject them first.");
        }
        OnHand = onHand;
        return Booked(MovementKind.CountAdjustment, difference, 0, reference, actor, at);
    }

    /// <summary>Takes back issued units that were not fitted.</summary>
    public Movement ReturnUnused(int quantity, string reference, string actor, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        OnHand = checked(OnHand + quantity);
        return Booked(MovementKind.Return, quantity, 0, reference, actor, at);
    }

    /// <summary>Scraps units: only what is not promised to a requisition.</summary>
    public Movement WriteOff(int quantity, string partNumber, string reference, string actor, DateTimeOffset at)
    {
        RequireAvailable(quantity, partNumber, "written off");
        OnHand -= quantity;
        return Booked(MovementKind.WriteOff, -quantity, 0, reference, actor, at);
    }

    /// <summary>Marks the level counted: its class's count period starts again.</summary>
    public void Counted(DateTimeOffset at) => LastCountedAt = at;

    /// <summary>
    /// Fewer units reserved than a requisition holds means the requisition was read before another caller issued
    /// or released it (two reads, not one snapshot): a conflict to retry, never a negative reservation.
    /// </summary>
    private void RequireReserved(int quantity, string reference)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (quantity > Reserved)
        {
            throw new ConcurrencyConflictException($"{reference} was changed by someone else meanwhile; read it again and retry.");
        }
    }

    private void RequireAvailable(int quantity, string partNumber, string verb)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (quantity > Available)
        {
            throw new PreconditionFailedException($"Only {Available} unit(s) of {partNumber} are available; {quantity} cannot be {verb}.");
        }
    }

    private Movement Booked(MovementKind kind, int onHandChange, int reservedChange, string reference, string actor, DateTimeOffset at) =>
        new(Guid.CreateVersion7(), WarehouseId, PartId, kind, onHandChange, reservedChange, OnHand, Reserved, reference, actor, at);
}
