using AfterSales.Tickets.Model;
using AfterSales.Tickets.Sla;
using static AfterSales.UnitTests.Tickets.Sla.TestCalendars;

namespace AfterSales.UnitTests.Tickets.Sla;

/// <summary>Each SLA example of the seed, as the default policy applies it to a request received at a given instant.</summary>
public class SlaDefaultsTests
{
    private static readonly SlaPolicy Defaults = SlaDefaults.Policy();

    private static IReadOnlyList<SlaClock> Start(SlaCase @case, DateTimeOffset receivedAt) =>
        Defaults.StartClocks(Guid.NewGuid(), @case, receivedAt);

    private static SlaClock Only(SlaClockKind kind, IReadOnlyList<SlaClock> clocks)
    {
        var clock = Assert.Single(clocks);
        Assert.Equal(kind, clock.Kind);
        return clock;
    }

    [Fact]
    public void S2_3_2_2_a_body_fault_within_100_km_is_on_site_within_24_hours()
    {
        var clocks = Start(new SlaCase { FaultType = "BODY", DistanceKm = 80 }, Beijing(11, 27, 15, 0));

        var arrival = Only(SlaClockKind.Arrival, clocks);
        Assert.Equal("S2-3.2.2-BODY-NEAR", arrival.RuleCode);
        Assert.Equal(Beijing(11, 28, 15, 0), arrival.DueAt);
    }

    [Fact]
    public void S2_3_2_2_a_body_fault_beyond_100_km_is_answered_within_12_hours()
    {
        var clocks = Start(new SlaCase { FaultType = "BODY", DistanceKm = 150 }, Beijing(11, 27, 15, 0));

        var response = Only(SlaClockKind.FirstResponse, clocks);
        Assert.Equal("S2-3.2.2-BODY-FAR", response.RuleCode);
        Assert.Equal(Beijing(11, 28, 3, 0), response.DueAt);
    }

    [Fact]
    public void S2_3_2_2_a_body_fault_needing_the_supplier_is_answered_within_12_hours_even_nearby()
    {
        var clocks = Start(new SlaCase { FaultType = "BODY", DistanceKm = 30, NeedsSupplier = true }, Beijing(11, 27, 15, 0));

        var response = Only(SlaClockKind.FirstResponse, clocks);
        Assert.Equal("S2-3.2.2-BODY-SUPPLIER", response.RuleCode);
        Assert.Equal(Beijing(11, 28, 3, 0), response.DueAt);
    }

    [Fact]
    public void S2_3_2_3_an_engine_or_chassis_fault_is_answered_in_writing_within_12_hours()
    {
        var clocks = Start(new SlaCase { FaultType = "ENGINE_CHASSIS", DistanceKm = 40 }, Beijing(11, 30, 20, 0));

        var response = Only(SlaClockKind.FirstResponse, clocks);
        Assert.Equal("S2-3.2.3-ENGINE-CHASSIS", response.RuleCode);
        Assert.Equal(Beijing(12, 1, 8, 0), response.DueAt);
    }

    [Theory]
    [InlineData(SiteZone.InProvince, "S7-2.2-IN-PROVINCE", 3)]
    [InlineData(SiteZone.OutOfProvince, "S7-2.2-OUT-OF-PROVINCE", 7)]
    [InlineData(SiteZone.Remote, "S7-2.2-REMOTE", 10)]
    public void S7_2_2_a_quality_complaint_is_on_site_within_3_7_or_10_days_by_where_the_site_is(SiteZone zone, string rule, int days)
    {
        var clocks = Start(new SlaCase { Job = SlaJobKind.QualityComplaint, Zone = zone }, Beijing(11, 30, 10, 0));

        var arrival = Only(SlaClockKind.Arrival, clocks);
        Assert.Equal(rule, arrival.RuleCode);
        Assert.Equal(Beijing(11, 30, 10, 0).AddDays(days), arrival.DueAt);
    }

    [Fact]
    public void S7_2_2_days_are_exact_instants()
    {
        var remote = Start(new SlaCase { Job = SlaJobKind.QualityComplaint, Zone = SiteZone.Remote }, Beijing(11, 30, 10, 0));

        Assert.Equal(Beijing(12, 10, 10, 0), remote[0].DueAt);
    }

    [Fact]
    public void S8_5_1_and_5_3_an_answer_within_2_hotline_hours_and_a_visit_within_12_across_the_national_day_holiday()
    {
        // Wednesday 30 September 17:00: half an hour left that day, then closed 1–7 October.
        var clocks = Start(new SlaCase { FaultType = "ELECTRICAL" }, Beijing(9, 30, 17, 0));

        Assert.Equal([SlaClockKind.FirstResponse, SlaClockKind.Arrival], clocks.Select(c => c.Kind));
        Assert.All(clocks, c => Assert.Equal("S8-5.1-5.3", c.RuleCode));
        Assert.Equal(Beijing(10, 8, 10, 0), clocks[0].DueAt);
        // 0.5 h on 30 September, 9 h on Thursday 8 October, 2.5 h on Friday 9 October.
        Assert.Equal(Beijing(10, 9, 11, 0), clocks[1].DueAt);
    }

    [Fact]
    public void S8_5_1_the_hotline_works_on_the_make_up_sunday_before_the_national_day()
    {
        // Saturday 19 September noon; Sunday 20 September is a working day (国庆节调休上班).
        var clocks = Start(new SlaCase(), Beijing(9, 19, 12, 0));

        Assert.Equal(Beijing(9, 20, 10, 30), clocks[0].DueAt);
        Assert.Equal(Beijing(9, 21, 11, 30), clocks[1].DueAt);
    }

    [Fact]
    public void S8_5_1_an_emergency_on_the_24_hour_line_counts_through_a_holiday_night()
    {
        var clocks = Start(new SlaCase { Priority = Priority.Emergency }, Beijing(10, 3, 2, 0));

        Assert.All(clocks, c => Assert.Equal("S8-5.1-EMERGENCY", c.RuleCode));
        Assert.Equal(Beijing(10, 3, 4, 0), clocks.Single(c => c.Kind == SlaClockKind.FirstResponse).DueAt);
        Assert.Equal(Beijing(10, 3, 14, 0), clocks.Single(c => c.Kind == SlaClockKind.Arrival).DueAt);
    }

    [Fact]
    public void S3_4_4_1_equipment_staff_are_on_site_within_1_hour_of_a_return_order()
    {
        var clocks = Start(new SlaCase { Job = SlaJobKind.ReturnOrder, FaultType = "BODY", DistanceKm = 5 }, Beijing(11, 29, 22, 30));

        var arrival = Only(SlaClockKind.Arrival, clocks);
        Assert.Equal("S3-4.4.1-RETURN-ORDER", arrival.RuleCode);
        Assert.Equal(Beijing(11, 29, 23, 30), arrival.DueAt);
    }

    [Theory]
    [InlineData(ProjectPhase.TeamOnSite, "S12-5.4.1.2-TEAM-ON-SITE", 1)]
    [InlineData(ProjectPhase.TeamLeft, "S12-5.4.1.2-TEAM-LEFT", 24)]
    [InlineData(ProjectPhase.DepartmentLeftCity, "S12-5.4.1.2-DEPARTMENT-LEFT", 48)]
    public void S12_5_4_1_2_an_emergency_in_warranty_is_reached_by_how_far_the_project_people_are(ProjectPhase phase, string rule, int hours)
    {
        var @case = new SlaCase { Priority = Priority.Emergency, Category = ServiceCategory.Free, ProjectPhase = phase };

        var arrival = Only(SlaClockKind.Arrival, Start(@case, Beijing(11, 30, 21, 0)));

        Assert.Equal(rule, arrival.RuleCode);
        Assert.Equal(Beijing(11, 30, 21, 0).AddHours(hours), arrival.DueAt);
    }

    [Fact]
    public void S12_5_4_1_2_due_times_are_exact_instants()
    {
        var @case = new SlaCase { Priority = Priority.Emergency, Category = ServiceCategory.Free, ProjectPhase = ProjectPhase.DepartmentLeftCity };

        Assert.Equal(Beijing(12, 2, 21, 0), Start(@case, Beijing(11, 30, 21, 0))[0].DueAt);
    }

    [Fact]
    public void An_emergency_is_never_held_to_its_fault_types_slower_target()
    {
        var nearBody = new SlaCase { FaultType = "BODY", DistanceKm = 20, Priority = Priority.Emergency };

        Assert.Equal("S8-5.1-EMERGENCY", Defaults.Match(nearBody)?.Code);
        Assert.Equal("S2-3.2.2-BODY-NEAR", Defaults.Match(nearBody with { Priority = Priority.Urgent })?.Code);
    }

    [Fact]
    public void A_project_emergency_out_of_warranty_falls_back_to_the_24_hour_line()
    {
        var @case = new SlaCase { Priority = Priority.Emergency, Category = ServiceCategory.Paid, ProjectPhase = ProjectPhase.TeamLeft };

        Assert.Equal("S8-5.1-EMERGENCY", Defaults.Match(@case)?.Code);
    }

    [Fact]
    public void A_quality_complaint_follows_its_own_targets_whatever_the_fault()
    {
        var @case = new SlaCase { Job = SlaJobKind.QualityComplaint, Zone = SiteZone.OutOfProvince, FaultType = "BODY", DistanceKm = 20 };

        Assert.Equal("S7-2.2-OUT-OF-PROVINCE", Defaults.Match(@case)?.Code);
    }

    [Fact]
    public void The_hotline_calendar_carries_the_2026_holidays_and_make_up_days()
    {
        var hotline = Defaults.Calendar(SlaDefaults.HotlineCalendar);

        Assert.False(hotline.IsWorkingDay(new DateOnly(2026, 1, 2)));
        Assert.True(hotline.IsWorkingDay(new DateOnly(2026, 1, 4)));
        Assert.True(hotline.IsWorkingDay(new DateOnly(2026, 2, 14)));
        Assert.False(hotline.IsWorkingDay(new DateOnly(2026, 2, 23)));
        Assert.True(hotline.IsWorkingDay(new DateOnly(2026, 2, 28)));
        Assert.False(hotline.IsWorkingDay(new DateOnly(2026, 4, 6)));
        Assert.False(hotline.IsWorkingDay(new DateOnly(2026, 5, 5)));
        Assert.True(hotline.IsWorkingDay(new DateOnly(2026, 5, 9)));
        Assert.False(hotline.IsWorkingDay(new DateOnly(2026, 6, 19)));
        Assert.False(hotline.IsWorkingDay(new DateOnly(2026, 9, 25)));
        Assert.True(hotline.IsWorkingDay(new DateOnly(2026, 10, 10)));
        Assert.True(hotline.IsWorkingDay(new DateOnly(2026, 10, 9)));
        Assert.False(hotline.IsWorkingDay(new DateOnly(2026, 10, 11)));
    }

    [Fact]
    public void Every_call_gives_new_objects_for_a_seeder_to_track()
    {
        Assert.NotSame(SlaDefaults.Rules()[0], SlaDefaults.Rules()[0]);
        Assert.NotSame(SlaDefaults.Calendars()[0], SlaDefaults.Calendars()[0]);
        Assert.Equal(13, SlaDefaults.Rules().Count);
    }
}
