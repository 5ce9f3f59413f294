namespace AfterSales.Billing.Model;

/// <summary>Who pays (§1 六, §4 四): A paid, B contract, C free, D internal work.</summary>
public enum ServiceCategory
{
    Paid = 1,
    Contract = 2,
    Free = 3,
    Internal = 4,
}

/// <summary>
/// Which fees the customer is charged under each category (§4 四, §10 五.3). Free service in warranty
/// charges neither parts nor labour, and internal work is nobody's bill; paid service charges everything.
/// A contract covers the labour and travel of its maintenance, while parts and work beyond upkeep (device
/// additions, relocations, §12 5.3.1) are charged: the default until contracts carry their own scope.
/// </summary>
public static class ChargePolicy
{
    public static bool IsCharged(ServiceCategory category, FeeKind kind) => category switch
    {
        ServiceCategory.Paid => true,
        ServiceCategory.Contract => kind is not (FeeKind.Labour or FeeKind.Travel),
        ServiceCategory.Free or ServiceCategory.Internal => false,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown service category."),
    };
}

/// <summary>A piece of work to price: a fee item and how many of its unit.</summary>
public sealed record WorkLine(FeeItem Item, int Quantity);

/// <summary>A priced piece of work: its value at schedule prices and what the customer pays of it.</summary>
public sealed record QuoteLine(FeeItem Item, int Quantity, decimal ListAmount, decimal AmountDue);

/// <summary>What some work costs the customer under a category. Amounts are exact decimals in CNY.</summary>
public sealed record Quote(ServiceCategory Category, IReadOnlyList<QuoteLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.AmountDue);

    public static Quote Price(ServiceCategory category, IEnumerable<WorkLine> work)
    {
        var lines = new List<QuoteLine>();
        foreach (var (item, quantity) in work)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
            var listAmount = item.Price * quantity;
            lines.Add(new QuoteLine(item, quantity, listAmount, ChargePolicy.IsCharged(category, item.Kind) ? listAmount : 0m));
        }
        return new Quote(category, lines);
    }
}
