namespace AfterSales.Billing.Model;

/// <summary>What a fee is charged for (§10 五.11, §12 5.3.1); who pays for it depends on the kind.</summary>
public enum FeeKind
{
    Labour = 1,
    Part = 2,
    Travel = 3,
    DeviceAddition = 4,
    Relocation = 5,
}

/// <summary>An item of the published fee schedule (维修项目与收费标准, §10 五.11), priced in CNY per unit.</summary>
public sealed class FeeItem
{
    /// <summary>Prefix of the code a part the catalogue adds gets: its part number after it.</summary>
    public const string CataloguePartCodePrefix = "PRT-";

    /// <summary>As long as the inventory catalogue allows.</summary>
    public const int MaxPartNumberLength = 32;

    /// <summary>Room for a catalogue part's derived code (<see cref="CodeOf"/>).</summary>
    public const int MaxCodeLength = 36;

    public const int MaxNameLength = 200;
    public const int MaxUnitLength = 16;

    private FeeItem() { }

    /// <param name="partNumber">For a part item, the inventory catalogue part whose price it charges.</param>
    public FeeItem(Guid id, string code, string name, FeeKind kind, string unit, decimal price, string? partNumber = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code.Length, MaxCodeLength, nameof(code));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fee kind.");
        }
        if (partNumber is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(partNumber);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(partNumber.Length, MaxPartNumberLength, nameof(partNumber));
            if (kind != FeeKind.Part)
            {
                throw new ArgumentException("Only a part item is tied to a catalogue part.", nameof(partNumber));
            }
        }
        CheckPrice(price);
        Id = id;
        Code = code;
        Name = name;
        Kind = kind;
        Unit = unit;
        Price = price;
        PartNumber = partNumber;
    }

    /// <summary>The item of a part the schedule did not have yet, priced as the catalogue priced it at <paramref name="pricedAt"/>.</summary>
    public static FeeItem ForCataloguePart(Guid id, string partNumber, string name, string unit, decimal price, DateTimeOffset pricedAt) =>
        new(id, CodeOf(partNumber), name, FeeKind.Part, unit, price, partNumber) { PriceSetAt = pricedAt };

    /// <summary>The code of a part the catalogue added: quotes name it by the part number everyone already uses.</summary>
    public static string CodeOf(string partNumber) => CataloguePartCodePrefix + partNumber;

    public Guid Id { get; private set; }

    /// <summary>Unique in the schedule; quotes and invoices name items by it.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";
    public FeeKind Kind { get; private set; }

    /// <summary>The unit the price is per, as the schedule prints it (小时, 公里, 件...).</summary>
    public string Unit { get; private set; } = "";

    public decimal Price { get; private set; }

    /// <summary>
    /// The inventory catalogue part (its part number, which never changes) whose price this part item charges;
    /// null for an item the catalogue does not price. Unique in the schedule.
    /// </summary>
    public string? PartNumber { get; private set; }

    /// <summary>When the catalogue set the price this item carries; null until it first did.</summary>
    public DateTimeOffset? PriceSetAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): of two price changes saved at once, one is refused and retried.</summary>
    public uint Version { get; private set; }

    /// <summary>
    /// Takes the catalogue's price (and the unit it is per) as set at <paramref name="setAt"/>, unless the item
    /// already carries one set at that time or later: price changes may arrive out of order, and an older one
    /// must not undo a newer. Returns whether the item took it.
    /// </summary>
    public bool FollowCatalogue(string unit, decimal price, DateTimeOffset setAt)
    {
        if (PartNumber is null)
        {
            throw new InvalidOperationException($"Fee item {Code} is not tied to a catalogue part.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        CheckPrice(price);
        if (PriceSetAt >= setAt)
        {
            return false;
        }
        (Unit, Price, PriceSetAt) = (unit, price, setAt);
        return true;
    }

    private static void CheckPrice(decimal price)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(price);
        if (decimal.Round(price, 2) != price)
        {
            throw new ArgumentException("A price is kept to the fen: at most two decimals.", nameof(price));
        }
    }
}
