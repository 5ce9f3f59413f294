using AfterSales.Customers.Model;

namespace AfterSales.UnitTests.Customers;

public class ReminderScheduleTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    // One month before the last day, as the Civil Code counts months: the 31st is reminded of on a shorter month's last day.
    [InlineData("2026-12-31", 1, "2026-11-30")]
    [InlineData("2027-03-31", 1, "2027-02-28")]
    [InlineData("2027-03-15", 6, "2026-09-15")]
    [InlineData("2026-08-31", 6, "2026-02-28")]
    public void A_term_is_reminded_of_its_notice_period_before_its_last_day(string endsOn, int monthsBefore, string dueOn) =>
        Assert.Equal(DateOnly.Parse(dueOn), ReminderSchedule.DueOn(DateOnly.Parse(endsOn), monthsBefore, D(2020, 1, 1)));

    [Fact]
    public void A_term_shorter_than_its_notice_period_is_reminded_of_when_it_begins() =>
        Assert.Equal(D(2026, 10, 1), ReminderSchedule.DueOn(D(2027, 1, 31), 6, D(2026, 10, 1)));

    [Fact]
    public void A_reminder_is_due_from_its_day_until_the_catch_up_window_after_the_term_ends()
    {
        var endsOn = D(2027, 3, 31);

        Assert.False(ReminderSchedule.IsDue(endsOn, 1, D(2026, 1, 1), D(2027, 2, 27), catchUpDays: 60));
        Assert.True(ReminderSchedule.IsDue(endsOn, 1, D(2026, 1, 1), D(2027, 2, 28), catchUpDays: 60));
        Assert.True(ReminderSchedule.IsDue(endsOn, 1, D(2026, 1, 1), D(2027, 5, 30), catchUpDays: 60));
        Assert.False(ReminderSchedule.IsDue(endsOn, 1, D(2026, 1, 1), D(2027, 5, 31), catchUpDays: 60));
    }

    [Fact]
    public void The_horizon_reaches_every_term_due_by_today_even_at_a_month_s_end()
    {
        var today = D(2027, 2, 28);
        Assert.True(ReminderSchedule.Horizon(today, 1) >= D(2027, 3, 31));
        Assert.True(ReminderSchedule.IsDue(D(2027, 3, 31), 1, D(2026, 1, 1), today, 60));
    }

    [Theory]
    [InlineData("2.9.4", "2.10.0", true)]
    [InlineData("2.10.0", "2.10", false)]
    [InlineData("V3.2-b4", "3.2-b5", true)]
    [InlineData("3.2", "3.1.9", false)]
    [InlineData("", "1.0", true)]
    [InlineData("1.0", "1.0", false)]
    public void Software_versions_compare_segment_by_segment_numbers_as_numbers(string installed, string released, bool older) =>
        Assert.Equal(older, SoftwareVersions.IsOlder(installed, released));

    [Fact]
    public void A_reminder_is_handled_once_and_overdue_only_while_open_past_its_last_day()
    {
        var reminder = new Reminder(Guid.CreateVersion7(), ReminderKind.ContractExpiry, Guid.NewGuid(), "2027-03-31", Guid.NewGuid(), Guid.NewGuid(),
            "HT-1", D(2027, 2, 28), D(2027, 3, 31), "…", DateTimeOffset.UnixEpoch);

        Assert.False(reminder.IsOverdue(D(2027, 3, 31)));
        Assert.True(reminder.IsOverdue(D(2027, 4, 1)));
        reminder.Handle("已发通知书", "alice", DateTimeOffset.UnixEpoch);
        Assert.False(reminder.IsOverdue(D(2027, 4, 1)));
        Assert.Throws<AfterSales.Platform.Errors.PreconditionFailedException>(() => reminder.Handle("again", "bob", DateTimeOffset.UnixEpoch));
    }
}

public class ReturnVisitPlanTests
{
    private static ReturnVisitPlan Plan(ReturnVisitKind kind, DateOnly startsOn, DateOnly endsOn, int requested = 0) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), kind, startsOn, endsOn, ReturnVisitPlan.IntervalFor(kind, requested), "alice", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Warranty_visits_fall_due_every_six_months_by_default_counted_as_the_civil_code_counts_months()
    {
        var visits = Plan(ReturnVisitKind.WarrantyVisit, new DateOnly(2026, 8, 31), new DateOnly(2028, 8, 31)).ScheduleVisits().Select(v => v.DueOn);

        Assert.Equal([new DateOnly(2027, 2, 28), new DateOnly(2027, 8, 31), new DateOnly(2028, 2, 29), new DateOnly(2028, 8, 31)], visits);
    }

    [Theory]
    [InlineData(ReturnVisitKind.MonthlyCheckIn, 0, 12)]
    [InlineData(ReturnVisitKind.AnnualVisit, 0, 1)]
    [InlineData(ReturnVisitKind.WarrantyVisit, 3, 4)]
    public void Each_kind_takes_its_interval_over_a_year(ReturnVisitKind kind, int requested, int visitsInAYear) =>
        Assert.Equal(visitsInAYear, Plan(kind, new DateOnly(2026, 1, 15), new DateOnly(2027, 1, 15), requested).ScheduleVisits().Count());

    [Fact]
    public void A_yearly_visit_is_recorded_only_with_its_signed_record_and_once()
    {
        var visit = Plan(ReturnVisitKind.AnnualVisit, new DateOnly(2026, 1, 15), new DateOnly(2027, 1, 15)).ScheduleVisits().Single();

        Assert.Throws<AfterSales.Platform.Errors.ValidationException>(() => visit.Record("ok", null, null, "alice", DateTimeOffset.UnixEpoch));
        visit.Record("ok", Satisfaction.Satisfied, Guid.NewGuid(), "alice", DateTimeOffset.UnixEpoch);
        Assert.False(visit.IsOverdue(new DateOnly(2030, 1, 1)));
        Assert.Throws<AfterSales.Platform.Errors.PreconditionFailedException>(() => visit.Record("again", null, Guid.NewGuid(), "bob", DateTimeOffset.UnixEpoch));
    }
}
