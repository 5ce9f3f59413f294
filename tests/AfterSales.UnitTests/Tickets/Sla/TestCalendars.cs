using AfterSales.Tickets.Sla;

namespace AfterSales.UnitTests.Tickets.Sla;

/// <summary>Calendars and instants the SLA tests share, independent of the seeded defaults.</summary>
internal static class TestCalendars
{
    public const string OfficeCode = "office";
    public const string AllDayCode = "all-day";

    /// <summary>Shanghai wall-clock time as an instant.</summary>
    public static DateTimeOffset Beijing(int month, int day, int hour, int minute = 0, int year = 2026) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    /// <summary>
    /// 8:30–17:30 Monday to Friday, closed on Wednesday 2 December 2026 and working on Saturday 5 December
    /// (a make-up day), in the company's zone.
    /// </summary>
    public static ServiceCalendar Office() => ServiceCalendar.WorkingHours(
        OfficeCode, "办公时间", new TimeOnly(8, 30), new TimeOnly(17, 30),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        [
            new SpecialDay(new DateOnly(2026, 12, 2), SpecialDayKind.Holiday, "厂庆"),
            new SpecialDay(new DateOnly(2026, 12, 5), SpecialDayKind.WorkingDay, "厂庆调休上班"),
        ]);

    public static ServiceCalendar AllDay() => ServiceCalendar.RoundTheClock(AllDayCode, "24小时热线");
}
