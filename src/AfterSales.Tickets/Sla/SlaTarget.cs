namespace AfterSales.Tickets.Sla;

/// <summary>The unit a target is stated in, as the regulation states it.</summary>
public enum SlaTimeUnit
{
    Hours = 1,

    /// <summary>Working days of the target's calendar: a day is that calendar's <see cref="ServiceCalendar.WorkingDayLength"/>.</summary>
    Days = 2,
}

/// <summary>
/// How long a clock may run: an amount of hours or days counted in a service calendar. Calendar hours
/// (plain elapsed time) are the hours of a round-the-clock calendar; business hours those of a calendar
/// with working hours.
/// </summary>
public sealed record SlaTarget
{
    public SlaTarget(int amount, SlaTimeUnit unit, string calendarCode)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a unit of time.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(calendarCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(calendarCode.Length, ServiceCalendar.MaxCodeLength, nameof(calendarCode));
        Amount = amount;
        Unit = unit;
        CalendarCode = calendarCode;
    }

    public static SlaTarget Hours(int amount, string calendarCode) => new(amount, SlaTimeUnit.Hours, calendarCode);

    public static SlaTarget Days(int amount, string calendarCode) => new(amount, SlaTimeUnit.Days, calendarCode);

    public int Amount { get; private init; }
    public SlaTimeUnit Unit { get; private init; }
    public string CalendarCode { get; private init; }

    public override string ToString() => $"{Amount} {Unit.ToString().ToLowerInvariant()} of {CalendarCode}";
}
