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
    private FeeItem() { }

    public FeeItem(Guid id, string code, string name, FeeKind kind, string unit, decimal price)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fee kind.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(price);
        if (decimal.Round(price, 2) != price)
        {
            throw new ArgumentException("A price is kept to the fen: at most two decimals.", nameof(price));
        }
        Id = id;
        Code = code;
        Name = name;
        Kind = kind;
        Unit = unit;
        Price = price;
    }

    public Guid Id { get; private set; }

    /// <summary>Unique in the schedule; quotes and invoices name items by it.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";
    public FeeKind Kind { get; private set; }

    /// <summary>The unit the price is per, as the schedule prints it (小时, 公里, 件...).</summary>
    public string Unit { get; private set; } = "";

    public decimal Price { get; private set; }
}
