using AfterSales.Tickets.Model;

namespace AfterSales.UnitTests.Tickets;

public class VisitScheduleTests
{
    // A Monday.
    private static readonly DateOnly First = new(2026, 11, 30);

    private static VisitSchedule Schedule(VisitCadence cadence, DateOnly? first = null)
    {
        var schedule = new VisitSchedule(Guid.NewGuid(), "P-000001", Guid.NewGuid());
        schedule.Set(cadence, first ?? First, "dispatcher", DateTimeOffset.UnixEpoch);
        return schedule;
    }

    [Theory]
    [InlineData(VisitCadence.TwiceWeekly, "2026-11-20", "2026-11-30")]
    [InlineData(VisitCadence.TwiceWeekly, "2026-11-30", "2026-11-30")]
    [InlineData(VisitCadence.TwiceWeekly, "2026-12-01", "2026-12-03")]
    [InlineData(VisitCadence.TwiceWeekly, "2026-12-03", "2026-12-03")]
    [InlineData(VisitCadence.TwiceWeekly, "2026-12-04", "2026-12-07")]
    [InlineData(VisitCadence.Weekly, "2026-12-01", "2026-12-07")]
    [InlineData(VisitCadence.Weekly, "2026-12-07", "2026-12-07")]
    [InlineData(VisitCadence.Fortnightly, "2026-12-08", "2026-12-14")]
    [InlineData(VisitCadence.Fortnightly, "2026-12-15", "2026-12-28")]
    [InlineData(VisitCadence.Monthly, "2026-12-01", "2026-12-30")]
    [InlineData(VisitCadence.Monthly, "2026-12-31", "2027-01-30")]
    public void The_next_visit_follows_the_cadence_from_the_first_visit_day(VisitCadence cadence, string from, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Schedule(cadence).NextVisitOn(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_monthly_visit_on_a_31st_falls_on_a_shorter_month_s_last_day() =>
        Assert.Equal(new DateOnly(2027, 2, 28), Schedule(VisitCadence.Monthly, new DateOnly(2027, 1, 31)).NextVisitOn(new DateOnly(2027, 2, 1)));

    [Theory]
    [InlineData(VisitCadence.PersonOnSite)]
    [InlineData(VisitCadence.PhoneOnly)]
    public void Jobs_do_not_wait_while_a_person_is_on_site_or_support_is_by_phone(VisitCadence cadence)
    {
        Assert.Null(Schedule(cadence).NextVisitOn(First.AddDays(-3)));
        Assert.Null(Schedule(cadence).NextVisitOn(First.AddDays(10)));
    }
}
