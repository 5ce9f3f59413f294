namespace AfterSales.Inventory.Model;

/// <summary>How a class is planned (§10 六.2): the closer the watch, the smaller the stock held for it.</summary>
/// <param name="SafetyMonths">Months of average consumption kept back as safety stock.</param>
/// <param name="LeadMonths">Months of consumption a reorder must cover until the parts arrive.</param>
/// <param name="CountEveryMonths">How often its stock is counted.</param>
public sealed record ClassPlan(double SafetyMonths, double LeadMonths, int CountEveryMonths);

/// <summary>The classification's settings; the defaults are the regulation's shares and a common plan per class.</summary>
public sealed class AbcOptions
{
    public const string SectionName = "Inventory:Abc";

    /// <summary>Days of issues a run looks back over.</summary>
    public int WindowDays { get; set; } = 365;

    public decimal AShare { get; set; } = AbcThresholds.Default.AShare;
    public decimal BShare { get; set; } = AbcThresholds.Default.BShare;

    /// <summary>A: counted monthly, little held; B: quarterly; C: yearly, more held as it is watched least.</summary>
    public ClassPlan A { get; set; } = new(SafetyMonths: 0.5, LeadMonths: 1, CountEveryMonths: 1);
    public ClassPlan B { get; set; } = new(SafetyMonths: 1, LeadMonths: 1, CountEveryMonths: 3);
    public ClassPlan C { get; set; } = new(SafetyMonths: 2, LeadMonths: 1, CountEveryMonths: 12);

    /// <summary>How often the scheduler checks that this month's run was made.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromHours(1);

    public ClassPlan PlanOf(AbcClass abcClass) => abcClass switch
    {
        AbcClass.A => A,
        AbcClass.B => B,
        _ => C,
    };
}

/// <summary>What a run found for one part: its consumption in the window, its class and the stock figures that follow.</summary>
public sealed record AbcResult(Guid PartId, string PartNumber, int IssuedUnits, decimal ConsumptionValue, AbcClass Class, int SafetyStock, int ReorderPoint);

/// <summary>How a run was started.</summary>
public enum AbcTrigger
{
    OnDemand = 1,
    Scheduled = 2,
}

/// <summary>
/// One ABC classification run (§10 六.2), kept as history: the window of issues it read, its shares, and each
/// part's consumption value, class, safety stock and reorder point. A scheduled run is made once per month
/// (<see cref="Period"/> is unique), whatever the replicas or restarts.
/// </summary>
public sealed class AbcRun
{
    private AbcRun() { }

    public AbcRun(Guid id, AbcTrigger trigger, string? period, DateTimeOffset windowFrom, DateTimeOffset windowTo, decimal aShare, decimal bShare,
        IEnumerable<AbcResult> results, string ranBy, DateTimeOffset ranAt)
    {
        Id = id;
        Trigger = trigger;
        Period = period;
        WindowFrom = windowFrom;
        WindowTo = windowTo;
        AShare = aShare;
        BShare = bShare;
        Results = [.. results];
        RanBy = ranBy;
        RanAt = ranAt;
    }

    public Guid Id { get; private set; }
    public AbcTrigger Trigger { get; private set; }

    /// <summary>The month ("2026-11") a scheduled run was made for; null for a run on demand.</summary>
    public string? Period { get; private set; }

    public DateTimeOffset WindowFrom { get; private set; }
    public DateTimeOffset WindowTo { get; private set; }
    public decimal AShare { get; private set; }
    public decimal BShare { get; private set; }
    public List<AbcResult> Results { get; private set; } = [];
    public string RanBy { get; private set; } = "";
    public DateTimeOffset RanAt { get; private set; }
}

/// <summary>The ABC run's arithmetic: classes from consumption value, stock figures from the class's plan.</summary>
public static class AbcPlanning
{
    /// <summary>A year of 365 days is 12 months: a window of 365 days reads a year's issues as twelve months of them.</summary>
    private const decimal DaysPerMonth = 365m / 12;

    /// <param name="issued">Units issued per part within the window; parts missing from it issued none.</param>
    public static IReadOnlyList<AbcResult> Plan(IReadOnlyCollection<Part> parts, IReadOnlyDictionary<Guid, int> issued, int windowDays, AbcOptions options)
    {
        var values = parts.Select(p => new PartConsumption(p.Id, p.UnitPrice * issued.GetValueOrDefault(p.Id))).ToList();
        var classes = AbcClassification.Classify(values, new AbcThresholds(options.AShare, options.BShare));
        return
        [
            .. parts.Select(p =>
            {
                var units = issued.GetValueOrDefault(p.Id);
                // In decimals, so a whole number of units a month stays whole and is not rounded up a unit.
                var perMonth = units * DaysPerMonth / windowDays;
                var plan = options.PlanOf(classes[p.Id]);
                var safety = (int)Math.Ceiling(perMonth * (decimal)plan.SafetyMonths);
                return new AbcResult(p.Id, p.PartNumber, units, p.UnitPrice * units, classes[p.Id], safety,
                    safety + (int)Math.Ceiling(perMonth * (decimal)plan.LeadMonths));
            }).OrderBy(r => r.PartNumber, StringComparer.Ordinal),
        ];
    }
}
