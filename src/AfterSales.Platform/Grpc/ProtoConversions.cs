namespace AfterSales.Platform.Grpc;

/// <summary>
/// Domain values as the contracts carry them: calendar dates as google.type.Date, amounts (CNY, kept to
/// the fen in the domain) as aftersales.common.v1.Money.
/// </summary>
public static class ProtoConversions
{
    /// <summary>The company's currency: every price and charge is in yuan.</summary>
    public const string Currency = "CNY";

    /// <summary>An amount in yuan as units and nanos; exact for amounts kept to the fen.</summary>
    public static Common.V1.Money ToMoney(decimal amount)
    {
        var units = decimal.Truncate(amount);
        return new Common.V1.Money { CurrencyCode = Currency, Units = (long)units, Nanos = (int)((amount - units) * 1_000_000_000m) };
    }

    /// <summary>An amount as the domain keeps it; the caller has checked it (<c>FieldViolations.RequireAmount</c>) or made it.</summary>
    public static decimal ToDecimal(this Common.V1.Money money) => money.Units + money.Nanos / 1_000_000_000m;

    /// <summary>A domain enum value as its proto enum names it without the prefix, e.g. OnHold → "ON_HOLD".</summary>
    public static string WireName(this Enum value) =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{c}" : c.ToString())).ToUpperInvariant();

    public static Google.Type.Date ToProtoDate(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static Google.Type.Date? ToProtoDate(this DateOnly? date) => date?.ToProtoDate();

    /// <summary>
    /// The calendar date, or null for a partial one (no day, month or year). A date that is no date at all
    /// never gets this far: the platform refuses it with the request (MalformedInput).
    /// </summary>
    public static DateOnly? ToDateOnly(this Google.Type.Date date) =>
        date is { Year: > 0, Month: > 0, Day: > 0 } ? new DateOnly(date.Year, date.Month, date.Day) : null;
}
