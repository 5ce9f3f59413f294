using AfterSales.Tickets.Model;

namespace AfterSales.Tickets.Sla;

/// <summary>A clock and the thresholds its evaluation newly crossed.</summary>
public sealed record SlaClockSignal(SlaClock Clock, SlaSignals Signals);

/// <summary>
/// The SLA rules and the calendars they count in, read from the database, and what a ticket's clocks do
/// with them: which rule a case gets, the clocks it starts, and their holds and evaluations.
/// </summary>
/// <remarks>
/// <para>Precedence, the one order in which rules are tried (the first that matches wins):</para>
/// <list type="number">
/// <item>higher <see cref="SlaRule.Precedence"/> first: an explicit rank, 0 unless a rule must beat more specific ones;</item>
/// <item>then higher <see cref="SlaRule.Specificity"/>: the more criteria a rule sets, the more specific it is;</item>
/// <item>then the rule code, in ordinal order: equal rules never depend on the order they were loaded in.</item>
/// </list>
/// </remarks>
public sealed class SlaPolicy
{
    /// <summary>At risk once 80 % of a target is used, unless configured otherwise.</summary>
    public const double DefaultAtRiskFraction = 0.8;

    private readonly IReadOnlyList<SlaRule> _rules;
    private readonly Dictionary<string, ServiceCalendar> _calendars;

    public SlaPolicy(IEnumerable<SlaRule> rules, IEnumerable<ServiceCalendar> calendars, double atRiskFraction = DefaultAtRiskFraction)
    {
        if (!(atRiskFraction > 0 && atRiskFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(atRiskFraction), atRiskFraction, "The at-risk share of a target is above 0 and at most 1.");
        }
        _calendars = [];
        foreach (var calendar in calendars)
        {
            if (!_calendars.TryAdd(calendar.Code, calendar))
            {
                throw new ArgumentException($"Calendar '{calendar.Code}' is given twice.", nameof(calendars));
            }
        }
        _rules = [.. rules.OrderBy(r => r, Precedence)];
        var repeated = _rules.GroupBy(r => r.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"Rule '{repeated.Key}' is given twice.", nameof(rules));
        }
        foreach (var rule in _rules)
        {
            foreach (var (kind, target) in rule.Targets())
            {
                if (!_calendars.ContainsKey(target.CalendarCode))
                {
                    throw new ArgumentException($"Rule '{rule.Code}' counts its {kind} target in calendar '{target.CalendarCode}', which is not given.", nameof(rules));
                }
            }
        }
        AtRiskFraction = atRiskFraction;
    }

    /// <summary>The order rules are tried in: precedence, then specificity, then code.</summary>
    public static IComparer<SlaRule> Precedence { get; } = Comparer<SlaRule>.Create((a, b) =>
    {
        var order = b.Precedence.CompareTo(a.Precedence);
        if (order == 0)
        {
            order = b.Specificity.CompareTo(a.Specificity);
        }
        return order != 0 ? order : string.CompareOrdinal(a.Code, b.Code);
    });

    /// <summary>The rules in the order <see cref="Match"/> tries them.</summary>
    public IReadOnlyList<SlaRule> Rules => _rules;

    public IEnumerable<ServiceCalendar> Calendars => _calendars.Values;

    public double AtRiskFraction { get; }

    /// <summary>Only a wait for the customer stops the clocks.</summary>
    public static bool Pauses(HoldReason reason) => reason == HoldReason.WaitingForCustomer;

    public ServiceCalendar Calendar(string code) =>
        _calendars.TryGetValue(code, out var calendar)
            ? calendar
            : throw new KeyNotFoundException($"No service calendar '{code}'.");

    /// <summary>The rule a case gets, or null when none applies (the ticket then runs no clocks).</summary>
    public SlaRule? Match(SlaCase @case) => _rules.FirstOrDefault(r => r.Matches(@case));

    /// <summary>The clocks of a new ticket, one per target of the rule its case gets, started when the request was received.</summary>
    public IReadOnlyList<SlaClock> StartClocks(Guid ticketId, SlaCase @case, DateTimeOffset receivedAt, int round = 0) =>
        Match(@case) is { } rule
            ? [.. rule.Targets().Select(t => SlaClock.Start(ticketId, t.Kind, rule.Code, t.Target, Calendar(t.Target.CalendarCode), receivedAt, round))]
            : [];

    /// <summary>The ticket goes on hold: its running clocks pause if the reason is one that pauses them.</summary>
    public void Hold(IEnumerable<SlaClock> clocks, HoldReason reason, DateTimeOffset at)
    {
        if (!Enum.IsDefined(reason))
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a reason to hold a ticket.");
        }
        if (!Pauses(reason))
        {
            return;
        }
        foreach (var clock in clocks)
        {
            clock.Pause(at);
        }
    }

    /// <summary>The ticket leaves hold: its paused clocks run again.</summary>
    public void Release(IEnumerable<SlaClock> clocks, DateTimeOffset at)
    {
        foreach (var clock in clocks)
        {
            clock.Resume(at, Calendar(clock.CalendarCode));
        }
    }

    public bool Stop(SlaClock clock, DateTimeOffset at) => clock.Stop(at, Calendar(clock.CalendarCode));

    /// <summary>The clocks that newly crossed a threshold at <paramref name="now"/>, with what they crossed.</summary>
    public IReadOnlyList<SlaClockSignal> Evaluate(IEnumerable<SlaClock> clocks, DateTimeOffset now) =>
        [.. clocks
            .Select(c => new SlaClockSignal(c, c.Evaluate(now, AtRiskFraction, Calendar(c.CalendarCode))))
            .Where(s => s.Signals != SlaSignals.None)];
}
