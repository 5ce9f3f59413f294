using AfterSales.Tickets.Sla;
using static AfterSales.UnitTests.Tickets.Sla.TestCalendars;

namespace AfterSales.UnitTests.Tickets.Sla;

public class ServiceCalendarTests
{
    [Fact]
    public void Hours_added_inside_a_working_day_stay_on_that_day()
    {
        Assert.Equal(Beijing(11, 30, 11, 30), Office().Add(Beijing(11, 30, 9, 30), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Hours_that_outlast_the_day_go_on_at_the_next_opening()
    {
        // Monday 16:30: one hour to closing, one more from Tuesday's 8:30.
        Assert.Equal(Beijing(12, 1, 9, 30), Office().Add(Beijing(11, 30, 16, 30), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Hours_that_end_exactly_at_closing_end_at_closing()
    {
        Assert.Equal(Beijing(11, 30, 17, 30), Office().Add(Beijing(11, 30, 15, 30), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Hours_cross_a_weekend()
    {
        // Friday 27 November 16:30 → Monday 30 November.
        Assert.Equal(Beijing(11, 30, 9, 30), Office().Add(Beijing(11, 27, 16, 30), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_request_outside_hours_counts_from_the_next_opening()
    {
        Assert.Equal(Beijing(11, 30, 10, 30), Office().Add(Beijing(11, 28, 12, 0), TimeSpan.FromHours(2)));
        Assert.Equal(Beijing(11, 30, 10, 30), Office().Add(Beijing(11, 30, 6, 0), TimeSpan.FromHours(2)));
        Assert.Equal(Beijing(12, 1, 10, 30), Office().Add(Beijing(11, 30, 20, 0), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_holiday_on_a_weekday_is_skipped()
    {
        // Tuesday 1 December 16:30 → Wednesday 2 December is a holiday → Thursday 3 December.
        Assert.Equal(Beijing(12, 3, 9, 30), Office().Add(Beijing(12, 1, 16, 30), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_make_up_working_day_on_a_saturday_counts()
    {
        // Friday 4 December 16:30 → Saturday 5 December is a make-up working day.
        Assert.Equal(Beijing(12, 5, 9, 30), Office().Add(Beijing(12, 4, 16, 30), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Many_hours_cross_nights_weekends_holidays_and_make_up_days()
    {
        // Monday 30 Nov 9:00: Mon 8.5 h, Tue 9 h, (Wed holiday), Thu 9 h, Fri 9 h, Sat (make-up) 9 h = 44.5 h,
        // (Sun closed), then 5.5 h on Monday 7 December from 8:30.
        Assert.Equal(Beijing(12, 7, 14, 0), Office().Add(Beijing(11, 30, 9, 0), TimeSpan.FromHours(50)));
    }

    [Fact]
    public void Adding_nothing_is_the_start_even_outside_hours()
    {
        Assert.Equal(Beijing(11, 28, 12, 0), Office().Add(Beijing(11, 28, 12, 0), TimeSpan.Zero));
    }

    [Fact]
    public void Results_are_utc_instants()
    {
        var due = Office().Add(Beijing(11, 30, 6, 0), TimeSpan.FromMinutes(30));

        Assert.Equal(TimeSpan.Zero, due.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Working_time_between_counts_only_open_hours()
    {
        var office = Office();

        Assert.Equal(TimeSpan.FromHours(2), office.WorkingTimeBetween(Beijing(11, 30, 9, 0), Beijing(11, 30, 11, 0)));
        // Friday 16:30 to Monday 9:30: an hour on Friday, an hour on Monday.
        Assert.Equal(TimeSpan.FromHours(2), office.WorkingTimeBetween(Beijing(11, 27, 16, 30), Beijing(11, 30, 9, 30)));
        // A whole Wednesday holiday is worth nothing, a whole make-up Saturday a full day.
        Assert.Equal(TimeSpan.Zero, office.WorkingTimeBetween(Beijing(12, 2, 0, 0), Beijing(12, 3, 0, 0)));
        Assert.Equal(TimeSpan.FromHours(9), office.WorkingTimeBetween(Beijing(12, 5, 0, 0), Beijing(12, 6, 0, 0)));
        Assert.Equal(TimeSpan.Zero, office.WorkingTimeBetween(Beijing(11, 30, 11, 0), Beijing(11, 30, 9, 0)));
    }

    [Fact]
    public void Working_time_between_undoes_adding()
    {
        var office = Office();
        var start = Beijing(11, 27, 13, 15);

        var due = office.Add(start, TimeSpan.FromHours(37.25));

        Assert.Equal(TimeSpan.FromHours(37.25), office.WorkingTimeBetween(start, due));
    }

    [Fact]
    public void A_round_the_clock_calendar_counts_elapsed_time_through_nights_and_any_day()
    {
        var allDay = AllDay();

        Assert.Equal(Beijing(11, 29, 2, 0), allDay.Add(Beijing(11, 28, 23, 0), TimeSpan.FromHours(3)));
        Assert.Equal(TimeSpan.FromHours(48), allDay.WorkingTimeBetween(Beijing(12, 1, 12, 0), Beijing(12, 3, 12, 0)));
        Assert.True(allDay.IsWorkingDay(new DateOnly(2026, 11, 29)));
    }

    [Fact]
    public void Days_are_working_days_of_the_calendar()
    {
        var office = Office();

        Assert.Equal(TimeSpan.FromHours(27), office.LengthOf(SlaTarget.Days(3, "office")));
        Assert.Equal(TimeSpan.FromHours(72), AllDay().LengthOf(SlaTarget.Days(3, "all-day")));
        Assert.Equal(TimeSpan.FromHours(12), office.LengthOf(SlaTarget.Hours(12, "office")));
        // One working day from Tuesday 10:00 is Thursday 10:00: Wednesday is a holiday.
        Assert.Equal(Beijing(12, 3, 10, 0), office.Add(Beijing(12, 1, 10, 0), office.LengthOf(SlaTarget.Days(1, "office"))));
    }

    [Fact]
    public void A_target_of_another_calendar_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Office().LengthOf(SlaTarget.Hours(2, "all-day")));
    }

    [Fact]
    public void Days_are_days_in_the_calendar_zone()
    {
        var office = Office();

        // 23:30 UTC on Tuesday 1 December is 7:30 on Wednesday 2 December in Shanghai: the holiday.
        Assert.Equal(new DateOnly(2026, 12, 2), office.DateOf(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero)));
        Assert.False(office.IsWorkingDay(new DateOnly(2026, 12, 2)));
        Assert.True(office.IsWorkingDay(new DateOnly(2026, 12, 5)));
        Assert.False(office.IsWorkingDay(new DateOnly(2026, 12, 6)));
    }

    [Fact]
    public void A_calendar_in_another_zone_opens_at_its_own_local_time()
    {
        var london = ServiceCalendar.WorkingHours("london", "London office", new TimeOnly(9, 0), new TimeOnly(17, 0),
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], [], "Europe/London");

        // Friday 16:00 BST → Monday after the clocks went back (25 Oct 2026): 9:00 GMT is 9:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 10, 0, 0, TimeSpan.Zero),
            london.Add(new DateTimeOffset(2026, 10, 23, 16, 0, 0, TimeSpan.FromHours(1)), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_day_cannot_be_both_a_holiday_and_a_working_day()
    {
        Assert.Throws<ArgumentException>(() => ServiceCalendar.WorkingHours("x", "x", new TimeOnly(8, 30), new TimeOnly(17, 30),
            [DayOfWeek.Monday],
            [
                new SpecialDay(new DateOnly(2026, 10, 10), SpecialDayKind.WorkingDay, "国庆调休"),
                new SpecialDay(new DateOnly(2026, 10, 10), SpecialDayKind.Holiday, "国庆"),
            ]));
    }

    [Fact]
    public void A_calendar_must_open_before_it_closes_and_on_some_weekday()
    {
        Assert.Throws<ArgumentException>(() => ServiceCalendar.WorkingHours("x", "x", new TimeOnly(17, 30), new TimeOnly(8, 30), [DayOfWeek.Monday], []));
        Assert.Throws<ArgumentException>(() => ServiceCalendar.WorkingHours("x", "x", new TimeOnly(8, 30), new TimeOnly(17, 30), [], []));
    }

    [Fact]
    public void A_calendar_closed_for_over_a_year_refuses_to_add_rather_than_loop()
    {
        var closed = ServiceCalendar.WorkingHours("closed", "closed", new TimeOnly(8, 30), new TimeOnly(17, 30), [DayOfWeek.Monday],
            Enumerable.Range(0, 60).Select(w => new SpecialDay(new DateOnly(2026, 11, 30).AddDays(7 * w), SpecialDayKind.Holiday, "停业")));

        Assert.Throws<InvalidOperationException>(() => closed.Add(Beijing(11, 30, 9, 0), TimeSpan.FromHours(1)));
    }
}
