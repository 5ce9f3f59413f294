namespace AfterSales.Inventory.Model;

/// <summary>A spare part of the catalogue (§2 3.7.1), priced in CNY.</summary>
public sealed class Part
{
    private Part() { }

    public Part(Guid id, string partNumber, string name, string specification, decimal unitPrice)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(partNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(unitPrice);
        if (decimal.Round(unitPrice, 2) != unitPrice)
        {
            throw new ArgumentException("A price is kept to the fen: at most two decimals.", nameof(unitPrice));
        }
        Id = id;
        PartNumber = partNumber;
        Name = name;
        Specification = specification;
        UnitPrice = unitPrice;
    }

    public Guid Id { get; private set; }

    /// <summary>Unique across the catalogue; the catalogue is listed in its order.</summary>
    public string PartNumber { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>Dimensions, ratings and the models the part fits: what "accurate in spec" is checked against.</summary>
    public string Specification { get; private set; } = "";

    public decimal UnitPrice { get; private set; }

    /// <summary>What one unit is, as the catalogue prints it (件, 套, 米...).</summary>
    public string Unit { get; private set; } = DefaultUnit;

    /// <summary>Who the part is bought from.</summary>
    public string Supplier { get; private set; } = "";

    /// <summary>Parts that may be fitted in its place.</summary>
    public List<Guid> Substitutes { get; private set; } = [];

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): of two edits of one part at once, one is refused.</summary>
    public uint Version { get; private set; }

    public const string DefaultUnit = "件";
    public const int MaxSubstitutes = 20;

    /// <summary>Edits what the catalogue says of the part; only the values given change.</summary>
    public void Edit(string? name, string? specification, string? unit, decimal? unitPrice, string? supplier, IReadOnlyCollection<Guid>? substitutes)
    {
        if (unitPrice is { } price && (price < 0 || decimal.Round(price, 2) != price))
        {
            throw new ArgumentException("A price is not negative and kept to the fen.", nameof(unitPrice));
        }
        if (substitutes?.Contains(Id) == true)
        {
            throw new ArgumentException("A part is no substitute for itself.", nameof(substitutes));
        }
        (Name, Specification, Unit, UnitPrice, Supplier) = (name ?? Name, specification ?? Specification, unit ?? Unit, unitPrice ?? UnitPrice, supplier ?? Supplier);
        Substitutes = substitutes is null ? Substitutes : [.. substitutes.Distinct()];
    }

    /// <summary>The class of the last classification run, or null for a part that has not been through one.</summary>
    public AbcClass? AbcClass { get; private set; }

    /// <summary>Units kept back against late deliveries, and the level at which the part is reordered (set by the ABC run).</summary>
    public int SafetyStock { get; private set; }
    public int ReorderPoint { get; private set; }

    public void Classify(AbcClass abcClass) => AbcClass = abcClass;

    /// <summary>Takes a classification run's result for the part.</summary>
    public void Plan(AbcResult result) => (AbcClass, SafetyStock, ReorderPoint) = (result.Class, result.SafetyStock, result.ReorderPoint);
}
