using AfterSales.Platform;

namespace AfterSales.Tickets.Sla;

/// <summary>The promises a ticket can carry, each timed by a clock of its own.</summary>
public enum SlaClockKind
{
    FirstResponse = 1,
    Arrival = 2,
    Resolution = 3,

    /// <summary>A taken-back unit's return by the date promised to the customer (§1 十四: late repairs escalate).</summary>
    WorkshopReturn = 4,
}

/// <summary>The thresholds an evaluation found newly crossed.</summary>
[Flags]
public enum SlaSignals
{
    None = 0,

    /// <summary>The configured share of the target is used up (imminent breach).</summary>
    AtRisk = 1,

    /// <summary>The due time has passed.</summary>
    Breached = 2,
}

/// <summary>
/// One clock of one ticket: started at intake with a target in a service calendar, due when that much
/// working time has passed. It pauses while the ticket waits for the customer (the due time then moves by
/// the working time it stood still) and stops when the promise is kept. Evaluating it tells which
/// thresholds were newly crossed; each is recorded when signalled, so it is signalled once, however often
/// and however late the clock is evaluated.
/// </summary>
/// <remarks>
/// Every method takes the instant it acts at; instants are kept to PostgreSQL's microsecond. A method
/// that measures working time takes the clock's calendar, which must be the one it started in.
/// </remarks>
public sealed class SlaClock
{
    private SlaClock() { }

    public static SlaClock Start(Guid ticketId, SlaClockKind kind, string ruleCode, SlaTarget target, ServiceCalendar calendar, DateTimeOffset startedAt,
        int round = 0)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of SLA clock.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ruleCode.Length, SlaRule.MaxCodeLength, nameof(ruleCode));
        var workingTime = calendar.LengthOf(target);
        startedAt = BusinessCalendar.ToStoredPrecision(startedAt);
        return new SlaClock
        {
            TicketId = ticketId,
            Round = round,
            Kind = kind,
            RuleCode = ruleCode,
            CalendarCode = calendar.Code,
            Target = workingTime,
            StartedAt = startedAt,
            DueAt = BusinessCalendar.ToStoredPrecision(calendar.Add(startedAt, workingTime)),
        };
    }

    /// <summary>
    /// A clock for a promise made with a date rather than a target (the return date given with a take-back
    /// receipt), counted in elapsed time on a round-the-clock <paramref name="calendar"/>.
    /// </summary>
    public static SlaClock StartUntil(Guid ticketId, SlaClockKind kind, string ruleCode, ServiceCalendar calendar, DateTimeOffset startedAt, DateTimeOffset dueAt,
        int round = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleCode);
        startedAt = BusinessCalendar.ToStoredPrecision(startedAt);
        dueAt = BusinessCalendar.ToStoredPrecision(dueAt);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(dueAt, startedAt, nameof(dueAt));
        return new SlaClock
        {
            TicketId = ticketId,
            Round = round,
            Kind = kind,
            RuleCode = ruleCode,
            CalendarCode = calendar.Code,
            Target = calendar.WorkingTimeBetween(startedAt, dueAt),
            StartedAt = startedAt,
            DueAt = dueAt,
        };
    }

    public Guid TicketId { get; private set; }

    /// <summary>The ticket's round the clock times: 0 from registration, one more at each reopening, which starts its clocks afresh.</summary>
    public int Round { get; private set; }

    public SlaClockKind Kind { get; private set; }

    /// <summary>The rule that gave the target, kept so a due time can always be explained.</summary>
    public string RuleCode { get; private set; } = "";

    public string CalendarCode { get; private set; } = "";

    /// <summary>The working time the clock may run, in its calendar.</summary>
    public TimeSpan Target { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>When the target's working time is used up, moved on by each pause that began before it.</summary>
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>Since when the clock stands still; null while it runs.</summary>
    public DateTimeOffset? PausedSince { get; private set; }

    /// <summary>The working time the clock has stood still, over all its finished pauses.</summary>
    public TimeSpan PausedTime { get; private set; }

    /// <summary>When the promise was kept (or the clock otherwise ended); null while it is open.</summary>
    public DateTimeOffset? StoppedAt { get; private set; }

    public DateTimeOffset? AtRiskSignalledAt { get; private set; }
    public DateTimeOffset? BreachSignalledAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): two evaluators never both signal a threshold.</summary>
    public uint Version { get; private set; }

    public bool IsStopped => StoppedAt is not null;
    public bool IsPaused => PausedSince is not null;
    public bool IsRunning => !IsStopped && !IsPaused;

    /// <summary>Whether the promise was kept: null while the clock is open.</summary>
    public bool? Met => StoppedAt is { } stopped ? stopped <= DueAt : null;

    /// <summary>Stands the clock still from <paramref name="at"/>; false if it was not running.</summary>
    public bool Pause(DateTimeOffset at)
    {
        at = NotBeforeStart(at);
        if (!IsRunning)
        {
            return false;
        }
        PausedSince = at;
        return true;
    }

    /// <summary>
    /// Runs the clock again from <paramref name="at"/>; false if it was not paused. A pause that began
    /// before the due time moves it by the working time the pause lasted; one that began after it moves
    /// nothing, since the promise was already broken when the ticket went on hold.
    /// </summary>
    public bool Resume(DateTimeOffset at, ServiceCalendar calendar)
    {
        EnsureCalendar(calendar);
        at = NotBeforeStart(at);
        if (PausedSince is not { } pausedSince || IsStopped)
        {
            return false;
        }
        if (at < pausedSince)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"The clock was paused at {pausedSince:O}; it cannot resume before that.");
        }
        if (pausedSince < DueAt)
        {
            var remaining = calendar.WorkingTimeBetween(pausedSince, DueAt);
            DueAt = BusinessCalendar.ToStoredPrecision(calendar.Add(at, remaining));
        }
        PausedTime += calendar.WorkingTimeBetween(pausedSince, at);
        PausedSince = null;
        return true;
    }

    /// <summary>Ends the clock at <paramref name="at"/> (a paused clock resumes at that instant first); false if it had ended.</summary>
    public bool Stop(DateTimeOffset at, ServiceCalendar calendar)
    {
        EnsureCalendar(calendar);
        at = NotBeforeStart(at);
        if (IsStopped)
        {
            return false;
        }
        Resume(at, calendar);
        StoppedAt = at;
        return true;
    }

    /// <summary>The working time used of the target as of <paramref name="now"/>: frozen while paused, the whole target once due.</summary>
    public TimeSpan UsedAt(DateTimeOffset now, ServiceCalendar calendar)
    {
        EnsureCalendar(calendar);
        var asOf = StoppedAt ?? PausedSince ?? now;
        if (now < asOf)
        {
            asOf = now;
        }
        var remaining = calendar.WorkingTimeBetween(asOf < StartedAt ? StartedAt : asOf, DueAt);
        return Target - remaining;
    }

    /// <summary>
    /// The thresholds crossed since the last evaluation, recorded so each is signalled once: at risk when
    /// <paramref name="atRiskFraction"/> of the target is used, breached when the clock is past its due
    /// time. A clock evaluated late (after a downtime) signals both at once. A stopped clock signals nothing
    /// more, except a breach it stopped after and that no evaluation saw, so a downtime hides no breach.
    /// </summary>
    public SlaSignals Evaluate(DateTimeOffset now, double atRiskFraction, ServiceCalendar calendar)
    {
        if (!(atRiskFraction > 0 && atRiskFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(atRiskFraction), atRiskFraction, "The at-risk share of a target is above 0 and at most 1.");
        }
        EnsureCalendar(calendar);
        now = BusinessCalendar.ToStoredPrecision(now);
        if (now < StartedAt)
        {
            return SlaSignals.None;
        }

        var signals = SlaSignals.None;
        if (StoppedAt is { } stoppedAt)
        {
            if (BreachSignalledAt is null && stoppedAt > DueAt)
            {
                BreachSignalledAt = now;
                signals |= SlaSignals.Breached;
            }
            return signals;
        }

        if (AtRiskSignalledAt is null && UsedAt(now, calendar) >= Target * atRiskFraction)
        {
            AtRiskSignalledAt = now;
            signals |= SlaSignals.AtRisk;
        }
        var asOf = PausedSince is { } pausedSince && pausedSince < now ? pausedSince : now;
        if (BreachSignalledAt is null && asOf > DueAt)
        {
            BreachSignalledAt = now;
            signals |= SlaSignals.Breached;
        }
        return signals;
    }

    private DateTimeOffset NotBeforeStart(DateTimeOffset at)
    {
        at = BusinessCalendar.ToStoredPrecision(at);
        if (at < StartedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"The clock started at {StartedAt:O}.");
        }
        return at;
    }

    private void EnsureCalendar(ServiceCalendar calendar)
    {
        if (calendar.Code != CalendarCode)
        {
            throw new ArgumentException($"The clock counts in calendar '{CalendarCode}', not '{calendar.Code}'.", nameof(calendar));
        }
    }
}
