namespace AfterSales.Inventory.Model;

/// <summary>A part's class by annual consumption value (§10 六.2); it sets how closely the part is planned and reviewed.</summary>
public enum AbcClass
{
    A = 1,
    B = 2,
    C = 3,
}

/// <summary>What a year's consumption of one part is worth: quantity issued × unit price, in CNY.</summary>
public sealed record PartConsumption(Guid PartId, decimal AnnualValue);

/// <summary>The shares of total consumption value that classes A and B cover; class C takes the rest.</summary>
public sealed record AbcThresholds
{
    public AbcThresholds(decimal aShare, decimal bShare)
    {
        if (aShare <= 0 || bShare < 0 || aShare + bShare > 1)
        {
            throw new ArgumentException("Class A needs a positive share, class B a share of zero or more, and together at most 1.");
        }
        AShare = aShare;
        BShare = bShare;
    }

    /// <summary>The regulation's default: A ≈ the top 80 % of value, B the next 15 %, C the last 5 %.</summary>
    public static AbcThresholds Default { get; } = new(0.80m, 0.15m);

    public decimal AShare { get; }
    public decimal BShare { get; }
}

/// <summary>
/// The ABC rule (§10 六.2). Parts are ranked by annual consumption value, most valuable first; a part is in
/// A when the value ranked above it is still short of the A share of the total, i.e. it is needed to reach
/// that share (so the most valuable part is always A), in B likewise for A + B, and in C otherwise.
/// Parts of equal value share one class, that of the first of them, so the result does not depend on the
/// order parts are listed in; a part with no consumption is always C.
/// </summary>
public static class AbcClassification
{
    public static IReadOnlyDictionary<Guid, AbcClass> Classify(IReadOnlyCollection<PartConsumption> consumption, AbcThresholds thresholds)
    {
        if (consumption.Any(c => c.AnnualValue < 0))
        {
            throw new ArgumentException("A consumption value cannot be negative.", nameof(consumption));
        }

        var total = consumption.Sum(c => c.AnnualValue);
        var aLimit = total * thresholds.AShare;
        var bLimit = total * (thresholds.AShare + thresholds.BShare);

        var classes = new Dictionary<Guid, AbcClass>(consumption.Count);
        var rankedAbove = 0m;
        foreach (var equalValue in consumption.GroupBy(c => c.AnnualValue).OrderByDescending(g => g.Key))
        {
            var abcClass = equalValue.Key == 0 ? AbcClass.C
                : rankedAbove < aLimit ? AbcClass.A
                : rankedAbove < bLimit ? AbcClass.B
                : AbcClass.C;
            foreach (var part in equalValue)
            {
                if (!classes.TryAdd(part.PartId, abcClass))
                {
                    throw new ArgumentException($"Part {part.PartId} is listed more than once.", nameof(consumption));
                }
            }
            rankedAbove += equalValue.Key * equalValue.Count();
        }
        return classes;
    }
}
