using AfterSales.Platform;

namespace AfterSales.Tickets.Sla;

/// <summary>How a dated exception changes a day of a <see cref="ServiceCalendar"/>.</summary>
public enum SpecialDayKind
{
    /// <summary>A public holiday (or a rest day of a holiday's 调休): closed although it is a weekday.</summary>
    Holiday = 1,

    /// <summary>A make-up working day (调休上班): open although it falls on a weekend.</summary>
    WorkingDay = 2,
}

/// <summary>One dated exception to a calendar's working week, named as the holiday notice names it.</summary>
public sealed record SpecialDay(DateOnly Date, SpecialDayKind Kind, string Name);

/// <summary>
/// The hours a service line counts as working time (§8 5.1: the hotline 8:30–17:30 on working days, a
/// 24-hour line beside it), against which SLA targets in business hours are measured. A calendar is
/// either round the clock, where working time is elapsed time, or open one window a day on its working
/// days; public holidays and China's make-up working days are dated exceptions kept as data, so a new
/// year's State Council notice is a data change.
/// </summary>
/// <remarks>
/// As <see cref="BusinessCalendar"/> does, instants are UTC and days are days in the calendar's time zone.
/// A calendar never changes once written: a changed notice is a new list of special days, saved whole.
/// </remarks>
public sealed class ServiceCalendar
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;
    public const int MaxTimeZoneIdLength = 64;

    /// <summary>The company's zone: <see cref="BusinessCalendar"/>'s default for <c>Business:TimeZone</c>.</summary>
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    /// <summary>
    /// A calendar closed this many days in a row has no working time to give: adding to it would never
    /// end, so it is refused rather than looped on.
    /// </summary>
    private const int MaxClosedDaysInARow = 366;

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private List<DayOfWeek> _workingDays = [];
    private List<SpecialDay> _specialDays = [];
    private TimeZoneInfo? _zone;
    private Dictionary<DateOnly, SpecialDayKind>? _specialDayIndex;

    private ServiceCalendar() { }

    /// <summary>A calendar open from <paramref name="opens"/> to <paramref name="closes"/> on its working days.</summary>
    public static ServiceCalendar WorkingHours(
        string code, string name, TimeOnly opens, TimeOnly closes, IEnumerable<DayOfWeek> workingDays,
        IEnumerable<SpecialDay> specialDays, string timeZoneId = DefaultTimeZoneId)
    {
        if (opens >= closes)
        {
            throw new ArgumentException("A calendar closes after it opens, on the same day.", nameof(closes));
        }
        var days = workingDays.Distinct().Order().ToList();
        if (days.Count == 0)
        {
            throw new ArgumentException("A calendar with working hours needs at least one working day a week.", nameof(workingDays));
        }
        if (days.Any(d => !Enum.IsDefined(d)))
        {
            throw new ArgumentOutOfRangeException(nameof(workingDays), "Not a day of the week.");
        }
        var special = specialDays.OrderBy(d => d.Date).ToList();
        foreach (var day in special)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(day.Name, nameof(specialDays));
            if (!Enum.IsDefined(day.Kind))
            {
                throw new ArgumentOutOfRangeException(nameof(specialDays), day.Kind, "Not a kind of special day.");
            }
        }
        var repeated = special.GroupBy(d => d.Date).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"{repeated.Key:yyyy-MM-dd} is listed more than once; a day is either a holiday or a working day.", nameof(specialDays));
        }

        var calendar = New(code, name, timeZoneId);
        calendar.Opens = opens;
        calendar.Closes = closes;
        calendar._workingDays = days;
        calendar._specialDays = special;
        return calendar;
    }

    /// <summary>A calendar open every hour of every day (the 24-hour line): business time is elapsed time.</summary>
    public static ServiceCalendar RoundTheClock(string code, string name, string timeZoneId = DefaultTimeZoneId)
    {
        var calendar = New(code, name, timeZoneId);
        calendar.IsRoundTheClock = true;
        calendar._workingDays = [.. Enum.GetValues<DayOfWeek>()];
        return calendar;
    }

    private static ServiceCalendar New(string code, string name, string timeZoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code.Length, MaxCodeLength, nameof(code));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, MaxNameLength, nameof(name));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeZoneId.Length, MaxTimeZoneIdLength, nameof(timeZoneId));
        // Fails here, at configuration, for a zone this machine does not know.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        return new ServiceCalendar { Code = code, Name = name, TimeZoneId = timeZoneId, _zone = zone };
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>An IANA zone id (or one the machine maps to it); the zone the working days and hours are in.</summary>
    public string TimeZoneId { get; private set; } = DefaultTimeZoneId;

    /// <summary>Open every instant, whatever the day: the working week, hours and special days are ignored.</summary>
    public bool IsRoundTheClock { get; private set; }

    /// <summary>Local time of day the working window opens, on a working day.</summary>
    public TimeOnly Opens { get; private set; }

    /// <summary>Local time of day the working window closes; closing time itself is not working time.</summary>
    public TimeOnly Closes { get; private set; }

    /// <summary>The days of an ordinary week that are working days.</summary>
    public IReadOnlyList<DayOfWeek> WorkingDays => _workingDays;

    /// <summary>Holidays and make-up working days, by date; each overrides the working week for its day.</summary>
    public IReadOnlyList<SpecialDay> SpecialDays => _specialDays;

    /// <summary>The working time of one full working day: what a target in days means in this calendar.</summary>
    public TimeSpan WorkingDayLength => IsRoundTheClock ? Day : Closes - Opens;

    // One policy's calendars serve concurrent requests: the caches are published whole, once.
    private TimeZoneInfo Zone => LazyInitializer.EnsureInitialized(ref _zone, () => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId));

    /// <summary>The day an instant falls on, in the calendar's zone.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public bool IsWorkingDay(DateOnly date)
    {
        if (IsRoundTheClock)
        {
            return true;
        }
        var specialDays = LazyInitializer.EnsureInitialized(ref _specialDayIndex, () => _specialDays.ToDictionary(d => d.Date, d => d.Kind));
        return specialDays.TryGetValue(date, out var kind)
            ? kind == SpecialDayKind.WorkingDay
            : _workingDays.Contains(date.DayOfWeek);
    }

    /// <summary>How much working time a target gives in this calendar: a day is one <see cref="WorkingDayLength"/>.</summary>
    public TimeSpan LengthOf(SlaTarget target)
    {
        if (target.CalendarCode != Code)
        {
            throw new ArgumentException($"The target counts in calendar '{target.CalendarCode}', not '{Code}'.", nameof(target));
        }
        return target.Unit switch
        {
            SlaTimeUnit.Hours => TimeSpan.FromHours(target.Amount),
            SlaTimeUnit.Days => WorkingDayLength * target.Amount,
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Unit, "Not a unit of time."),
        };
    }

    /// <summary>
    /// The instant at which <paramref name="workingTime"/> of working time has passed since
    /// <paramref name="start"/>. Time before the next opening does not count; a span that ends exactly at
    /// closing time ends at closing, not at the next opening. Adding nothing is the start itself.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        start = start.ToUniversalTime();
        if (IsRoundTheClock || workingTime == TimeSpan.Zero)
        {
            return start + workingTime;
        }
        var left = workingTime;
        foreach (var (open, close) in WindowsFrom(start))
        {
            if (left <= close - open)
            {
                return open + left;
            }
            left -= close - open;
        }
        throw new InvalidOperationException("Unreachable: the windows of a calendar never run out.");
    }

    /// <summary>The working time between two instants; none when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }
        if (IsRoundTheClock)
        {
            return to - from;
        }
        var total = TimeSpan.Zero;
        foreach (var (open, close) in WindowsFrom(from.ToUniversalTime()))
        {
            if (open >= to)
            {
                break;
            }
            total += (close < to ? close : to) - open;
        }
        return total;
    }

    /// <summary>The working windows from <paramref name="start"/> on, in order, the first cut to begin at it.</summary>
    private IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> WindowsFrom(DateTimeOffset start)
    {
        var closedInARow = 0;
        for (var date = DateOf(start); ; date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                if (++closedInARow > MaxClosedDaysInARow)
                {
                    throw new InvalidOperationException($"Calendar '{Code}' has no working day for a year after {date:yyyy-MM-dd}.");
                }
                continue;
            }
            closedInARow = 0;
            var open = At(date, Opens);
            var close = At(date, Closes);
            if (close > start)
            {
                yield return (open < start ? start : open, close);
            }
        }
    }

    /// <summary>
    /// A local wall-clock time as an instant. A time a daylight-saving jump skips takes the zone's standard
    /// offset; China keeps none, so this only matters for calendars in other zones.
    /// </summary>
    private DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
