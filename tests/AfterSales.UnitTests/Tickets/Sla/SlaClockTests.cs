using AfterSales.Tickets.Sla;
using static AfterSales.UnitTests.Tickets.Sla.TestCalendars;

namespace AfterSales.UnitTests.Tickets.Sla;

public class SlaClockTests
{
    private static readonly Guid TicketId = Guid.NewGuid();
    private static readonly ServiceCalendar OfficeHours = Office();

    private static SlaClock StartOffice(int hours, DateTimeOffset at, SlaClockKind kind = SlaClockKind.Arrival) =>
        SlaClock.Start(TicketId, kind, "TEST", SlaTarget.Hours(hours, OfficeCode), OfficeHours, at);

    [Fact]
    public void A_clock_is_due_when_its_target_of_working_time_is_used()
    {
        // Monday 15:00 + 4 working hours: 2.5 h on Monday, 1.5 h from Tuesday's 8:30.
        var clock = StartOffice(4, Beijing(11, 30, 15, 0));

        Assert.Equal(Beijing(11, 30, 15, 0), clock.StartedAt);
        Assert.Equal(TimeSpan.FromHours(4), clock.Target);
        Assert.Equal(Beijing(12, 1, 10, 0), clock.DueAt);
        Assert.Equal(OfficeCode, clock.CalendarCode);
        Assert.True(clock.IsRunning);
        Assert.Null(clock.Met);
    }

    [Fact]
    public void A_pause_over_a_night_moves_the_due_time_by_the_working_time_it_lasted()
    {
        var clock = StartOffice(8, Beijing(11, 30, 9, 0));
        Assert.Equal(Beijing(11, 30, 17, 0), clock.DueAt);

        Assert.True(clock.Pause(Beijing(11, 30, 16, 0)));
        Assert.True(clock.IsPaused);
        Assert.True(clock.Resume(Beijing(12, 1, 10, 0), OfficeHours));

        // Paused 1.5 h on Monday and 1.5 h on Tuesday: the hour left runs from Tuesday 10:00.
        Assert.Equal(TimeSpan.FromHours(3), clock.PausedTime);
        Assert.Equal(Beijing(12, 1, 11, 0), clock.DueAt);
        Assert.True(clock.IsRunning);
    }

    [Fact]
    public void A_pause_outside_working_hours_moves_nothing()
    {
        // Friday 15:00 + 4 h is Monday 10:00 (2.5 h on Friday); a pause over the weekend costs no working time.
        var clock = StartOffice(4, Beijing(11, 27, 15, 0));

        clock.Pause(Beijing(11, 28, 10, 0));
        clock.Resume(Beijing(11, 29, 18, 0), OfficeHours);

        Assert.Equal(Beijing(11, 30, 10, 0), clock.DueAt);
        Assert.Equal(TimeSpan.Zero, clock.PausedTime);
    }

    [Fact]
    public void A_pause_that_begins_after_the_due_time_does_not_move_it()
    {
        var clock = StartOffice(2, Beijing(11, 30, 9, 0));

        clock.Pause(Beijing(11, 30, 12, 0));
        clock.Resume(Beijing(11, 30, 15, 0), OfficeHours);

        Assert.Equal(Beijing(11, 30, 11, 0), clock.DueAt);
        Assert.Equal(TimeSpan.FromHours(3), clock.PausedTime);
    }

    [Fact]
    public void Pauses_add_up_across_a_holiday()
    {
        // Monday 9:00 + 8 h is Monday 17:00.
        var clock = StartOffice(8, Beijing(11, 30, 9, 0));

        clock.Pause(Beijing(11, 30, 10, 0));
        clock.Resume(Beijing(11, 30, 11, 0), OfficeHours);
        // One more hour on Monday: 6 h left at 12:00, paused until Thursday 9:00 (Wednesday is a holiday).
        clock.Pause(Beijing(11, 30, 12, 0));
        clock.Resume(Beijing(12, 3, 9, 0), OfficeHours);

        Assert.Equal(Beijing(12, 3, 15, 0), clock.DueAt);
        Assert.Equal(TimeSpan.FromHours(1 + 5.5 + 9 + 0.5), clock.PausedTime);
    }

    [Fact]
    public void A_clock_stopped_by_its_due_time_is_met_and_after_it_is_not()
    {
        var kept = StartOffice(2, Beijing(11, 30, 9, 0));
        var broken = StartOffice(2, Beijing(11, 30, 9, 0));

        Assert.True(kept.Stop(Beijing(11, 30, 11, 0), OfficeHours));
        Assert.True(broken.Stop(Beijing(11, 30, 11, 1), OfficeHours));

        Assert.True(kept.Met);
        Assert.False(broken.Met);
        Assert.True(kept.IsStopped);
        Assert.Equal(Beijing(11, 30, 11, 0), kept.StoppedAt);
    }

    [Fact]
    public void A_clock_stopped_while_paused_before_its_due_time_is_met()
    {
        var clock = StartOffice(2, Beijing(11, 30, 9, 0));

        clock.Pause(Beijing(11, 30, 10, 0));
        clock.Stop(Beijing(11, 30, 15, 0), OfficeHours);

        Assert.True(clock.Met);
        Assert.False(clock.IsPaused);
        Assert.Equal(Beijing(11, 30, 16, 0), clock.DueAt);
        Assert.Equal(TimeSpan.FromHours(5), clock.PausedTime);
    }

    [Fact]
    public void Pausing_resuming_and_stopping_twice_change_nothing()
    {
        var clock = StartOffice(8, Beijing(11, 30, 9, 0));

        Assert.False(clock.Resume(Beijing(11, 30, 9, 30), OfficeHours));
        clock.Pause(Beijing(11, 30, 10, 0));
        Assert.False(clock.Pause(Beijing(11, 30, 11, 0)));
        Assert.Equal(Beijing(11, 30, 10, 0), clock.PausedSince);
        clock.Stop(Beijing(11, 30, 12, 0), OfficeHours);

        Assert.False(clock.Stop(Beijing(11, 30, 13, 0), OfficeHours));
        Assert.False(clock.Pause(Beijing(11, 30, 14, 0)));
        Assert.Equal(Beijing(11, 30, 12, 0), clock.StoppedAt);
    }

    [Fact]
    public void A_clock_refuses_instants_before_it_started_or_paused_and_another_calendar()
    {
        var clock = StartOffice(8, Beijing(11, 30, 9, 0));

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Pause(Beijing(11, 30, 8, 0)));
        clock.Pause(Beijing(11, 30, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Resume(Beijing(11, 30, 9, 30), OfficeHours));
        Assert.Throws<ArgumentException>(() => clock.Resume(Beijing(11, 30, 11, 0), AllDay()));
    }

    [Fact]
    public void At_risk_and_breach_each_fire_once_as_the_clock_runs()
    {
        // 10 working hours from Monday 9:00: due Tuesday 10:00; 80 % (8 h) is used at Monday 17:00.
        var clock = StartOffice(10, Beijing(11, 30, 9, 0));
        Assert.Equal(Beijing(12, 1, 10, 0), clock.DueAt);

        Assert.Equal(SlaSignals.None, clock.Evaluate(Beijing(11, 30, 16, 59), 0.8, OfficeHours));
        Assert.Equal(SlaSignals.AtRisk, clock.Evaluate(Beijing(11, 30, 17, 0), 0.8, OfficeHours));
        Assert.Equal(SlaSignals.None, clock.Evaluate(Beijing(11, 30, 17, 20), 0.8, OfficeHours));
        // The night costs no working time: not due yet at midnight, nor at 10:00 itself.
        Assert.Equal(SlaSignals.None, clock.Evaluate(Beijing(12, 1, 0, 0), 0.8, OfficeHours));
        Assert.Equal(SlaSignals.None, clock.Evaluate(Beijing(12, 1, 10, 0), 0.8, OfficeHours));
        Assert.Equal(SlaSignals.Breached, clock.Evaluate(Beijing(12, 1, 10, 1), 0.8, OfficeHours));
        Assert.Equal(SlaSignals.None, clock.Evaluate(Beijing(12, 1, 11, 0), 0.8, OfficeHours));

        Assert.Equal(Beijing(11, 30, 17, 0), clock.AtRiskSignalledAt);
        Assert.Equal(Beijing(12, 1, 10, 1), clock.BreachSignalledAt);
    }

    [Fact]
    public void After_a_long_downtime_one_evaluation_fires_at_risk_and_breach_once()
    {
        var clock = StartOffice(10, Beijing(11, 30, 9, 0));

        Assert.Equal(SlaSignals.AtRisk | SlaSignals.Breached, clock.Evaluate(Beijing(12, 4, 9, 0), 0.8, OfficeHours));
        Assert.Equal(SlaSignals.None, clock.Evaluate(Beijing(12, 4, 9, 5), 0.8, OfficeHours));
        Assert.Equal(Beijing(12, 4, 9, 0), clock.AtRiskSignalledAt);
        Assert.Equal(Beijing(12, 4, 9, 0), clock.BreachSignalledAt);
    }

    [Fact]
    public void The_at_risk_share_is_configurable()
    {
        var clock = StartOffice(10, Beijing(11, 30, 9, 0));

        Assert.Equal(SlaSignals.None, clock.Evaluate(Beijing(11, 30, 13, 59), 0.5, OfficeHours));
        Assert.Equal(SlaSignals.AtRisk, clock.Evaluate(Beijing(11, 30, 14, 0), 0.5, OfficeHours));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Evaluate(Beijing(11, 30, 14, 0), 0, OfficeHours));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Evaluate(Beijing(11, 30, 14, 0), 1.5, OfficeHours));
    }

    [Fact]
    public void A_paused_clock_uses_no_time_and_neither_risks_nor_breaches_while_paused()
    {
        var clock = StartOffice(10, Beijing(11, 30, 9, 0));
        clock.Pause(Beijing(11, 30, 12, 0));

        Assert.Equal(TimeSpan.FromHours(3), clock.UsedAt(Beijing(12, 4, 9, 0), OfficeHours));
        Assert.Equal(SlaSignals.None, clock.Evaluate(Beijing(12, 4, 9, 0), 0.8, OfficeHours));

        // Resumed on Friday at 9:00, 7 h left: at risk after 5 h (14:00), due at 16:00.
        clock.Resume(Beijing(12, 4, 9, 0), OfficeHours);
        Assert.Equal(Beijing(12, 4, 16, 0), clock.DueAt);
        Assert.Equal(SlaSignals.None, clock.Evaluate(Beijing(12, 4, 13, 59), 0.8, OfficeHours));
        Assert.Equal(SlaSignals.AtRisk, clock.Evaluate(Beijing(12, 4, 14, 0), 0.8, OfficeHours));
        Assert.Equal(SlaSignals.Breached, clock.Evaluate(Beijing(12, 4, 16, 30), 0.8, OfficeHours));
    }

    [Fact]
    public void A_clock_paused_after_its_due_time_is_breached()
    {
        var clock = StartOffice(2, Beijing(11, 30, 9, 0));
        clock.Pause(Beijing(11, 30, 12, 0));

        Assert.Equal(SlaSignals.AtRisk | SlaSignals.Breached, clock.Evaluate(Beijing(11, 30, 13, 0), 0.8, OfficeHours));
    }

    [Fact]
    public void A_clock_stopped_late_that_no_evaluation_saw_signals_only_its_breach_once()
    {
        var clock = StartOffice(2, Beijing(11, 30, 9, 0));
        clock.Stop(Beijing(11, 30, 12, 0), OfficeHours);

        Assert.Equal(SlaSignals.Breached, clock.Evaluate(Beijing(11, 30, 13, 0), 0.8, OfficeHours));
        Assert.Equal(SlaSignals.None, clock.Evaluate(Beijing(11, 30, 14, 0), 0.8, OfficeHours));
        Assert.Null(clock.AtRiskSignalledAt);
    }

    [Fact]
    public void A_clock_stopped_in_time_signals_nothing_more()
    {
        var clock = StartOffice(2, Beijing(11, 30, 9, 0));
        clock.Stop(Beijing(11, 30, 10, 45), OfficeHours);

        Assert.Equal(SlaSignals.None, clock.Evaluate(Beijing(12, 4, 9, 0), 0.8, OfficeHours));
    }

    [Fact]
    public void Instants_are_kept_to_the_microsecond_postgresql_stores()
    {
        var clock = StartOffice(2, Beijing(11, 30, 9, 0).AddTicks(7));

        Assert.Equal(Beijing(11, 30, 9, 0), clock.StartedAt);
        Assert.Equal(TimeSpan.Zero, clock.StartedAt.Offset);
        Assert.Equal(TimeSpan.Zero, clock.DueAt.Offset);
    }
}
