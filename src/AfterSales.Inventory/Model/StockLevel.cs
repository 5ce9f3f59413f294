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

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): two stations reserving the last unit never both win.</summary>
    public uint Version { get; private set; }

    /// <summary>Books units received into the warehouse (接收单, §2 3.7.2).</summary>
    public void Receive(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        OnHand = checked(OnHand + quantity);
    }

    /// <summary>Promises units to a requisition; only what is available can be promised.</summary>
    public void Reserve(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (quantity > Available)
        {
            throw new PreconditionFailedException($"Only {Available} unit(s) are available; {quantity} cannot be reserved.");
        }
        Reserved += quantity;
    }
}
