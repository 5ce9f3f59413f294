using AfterSales.Tickets.Model;
using AfterSales.Tickets.Sla;
using static AfterSales.UnitTests.Tickets.Sla.TestCalendars;

namespace AfterSales.UnitTests.Tickets.Sla;

public class SlaPolicyTests
{
    private static SlaRule Rule(string code, SlaCriteria criteria, int arrivalHours = 1, int precedence = 0) =>
        new(code, $"test rule {code}", criteria, arrival: SlaTarget.Hours(arrivalHours, AllDayCode), precedence: precedence);

    private static SlaPolicy Policy(params SlaRule[] rules) => new(rules, [Office(), AllDay()]);

    private static readonly SlaRule General = Rule("GENERAL", new SlaCriteria(), 48);
    private static readonly SlaRule Body = Rule("BODY", new SlaCriteria { FaultType = "body" }, 36);
    private static readonly SlaRule BodyNear = Rule("BODY-NEAR", new SlaCriteria { FaultType = "body", DistanceUpToKm = 100 }, 24);
    private static readonly SlaRule BodyFar = Rule("BODY-FAR", new SlaCriteria { FaultType = "body", DistanceAboveKm = 100 }, 30);

    [Fact]
    public void The_most_specific_matching_rule_wins()
    {
        var policy = Policy(General, Body, BodyNear, BodyFar);

        Assert.Equal("BODY-NEAR", policy.Match(new SlaCase { FaultType = "body", DistanceKm = 50 })?.Code);
        Assert.Equal("BODY-FAR", policy.Match(new SlaCase { FaultType = "body", DistanceKm = 150 })?.Code);
        Assert.Equal("BODY", policy.Match(new SlaCase { FaultType = "body" })?.Code);
        Assert.Equal("GENERAL", policy.Match(new SlaCase { FaultType = "electrical", DistanceKm = 50 })?.Code);
    }

    [Fact]
    public void A_distance_band_includes_its_upper_bound_and_excludes_its_lower()
    {
        var policy = Policy(BodyNear, BodyFar);

        Assert.Equal("BODY-NEAR", policy.Match(new SlaCase { FaultType = "body", DistanceKm = 100m })?.Code);
        Assert.Equal("BODY-FAR", policy.Match(new SlaCase { FaultType = "body", DistanceKm = 100.1m })?.Code);
        Assert.Equal("BODY-NEAR", policy.Match(new SlaCase { FaultType = "body", DistanceKm = 0m })?.Code);
    }

    [Fact]
    public void An_unknown_fact_matches_no_rule_that_asks_for_it()
    {
        var policy = Policy(BodyNear, Rule("COMPLAINT-REMOTE", new SlaCriteria { Job = SlaJobKind.QualityComplaint, Zone = SiteZone.Remote }));

        Assert.Null(policy.Match(new SlaCase { FaultType = "body" }));
        Assert.Null(policy.Match(new SlaCase { Job = SlaJobKind.QualityComplaint }));
        Assert.Empty(policy.StartClocks(Guid.NewGuid(), new SlaCase { FaultType = "body" }, Beijing(11, 30, 9, 0)));
    }

    [Fact]
    public void An_explicit_precedence_beats_any_specificity()
    {
        var emergency = Rule("EMERGENCY", new SlaCriteria { Priority = Priority.Emergency }, 2, precedence: 1);
        var policy = Policy(General, BodyNear, emergency);

        Assert.Equal("EMERGENCY", policy.Match(new SlaCase { FaultType = "body", DistanceKm = 50, Priority = Priority.Emergency })?.Code);
        Assert.Equal("BODY-NEAR", policy.Match(new SlaCase { FaultType = "body", DistanceKm = 50, Priority = Priority.Urgent })?.Code);
    }

    [Fact]
    public void Equally_ranked_rules_are_decided_by_code_whatever_order_they_come_in()
    {
        var byRegion = Rule("B-REGION", new SlaCriteria { Region = "ZJ-HZ" });
        var byCategory = Rule("A-CATEGORY", new SlaCriteria { Category = ServiceCategory.Contract });
        var @case = new SlaCase { Region = "ZJ-HZ", Category = ServiceCategory.Contract };

        Assert.Equal("A-CATEGORY", Policy(byRegion, byCategory).Match(@case)?.Code);
        Assert.Equal("A-CATEGORY", Policy(byCategory, byRegion).Match(@case)?.Code);
        Assert.Equal(["A-CATEGORY", "B-REGION"], Policy(byRegion, byCategory).Rules.Select(r => r.Code));
    }

    [Fact]
    public void Rules_are_tried_by_precedence_then_specificity_then_code()
    {
        var ranked = Rule("Z-RANKED", new SlaCriteria(), precedence: 5);

        var policy = Policy(General, BodyFar, ranked, Body, BodyNear);

        Assert.Equal(["Z-RANKED", "BODY-FAR", "BODY-NEAR", "BODY", "GENERAL"], policy.Rules.Select(r => r.Code));
    }

    [Fact]
    public void Codes_of_fault_types_and_regions_match_whatever_their_case()
    {
        var policy = Policy(Body, Rule("REGION", new SlaCriteria { Region = "ZJ-HZ" }));

        Assert.Equal("BODY", policy.Match(new SlaCase { FaultType = "BODY" })?.Code);
        Assert.Equal("REGION", policy.Match(new SlaCase { Region = "zj-hz" })?.Code);
    }

    [Fact]
    public void Every_criterion_must_hold()
    {
        var rule = Rule("ALL", new SlaCriteria
        {
            Job = SlaJobKind.Repair,
            Priority = Priority.Emergency,
            FaultType = "electrical",
            Category = ServiceCategory.Free,
            Region = "ZJ-NB",
            Zone = SiteZone.InProvince,
            DistanceAboveKm = 10,
            DistanceUpToKm = 50,
            NeedsSupplier = false,
            ProjectPhase = ProjectPhase.TeamLeft,
        });
        var matching = new SlaCase
        {
            Job = SlaJobKind.Repair,
            Priority = Priority.Emergency,
            FaultType = "electrical",
            Category = ServiceCategory.Free,
            Region = "ZJ-NB",
            Zone = SiteZone.InProvince,
            DistanceKm = 30,
            NeedsSupplier = false,
            ProjectPhase = ProjectPhase.TeamLeft,
        };
        var policy = Policy(rule);

        Assert.Equal(9, rule.Specificity);
        Assert.Same(rule, policy.Match(matching));
        Assert.Null(policy.Match(matching with { Job = SlaJobKind.ReturnOrder }));
        Assert.Null(policy.Match(matching with { Priority = Priority.Urgent }));
        Assert.Null(policy.Match(matching with { FaultType = "software" }));
        Assert.Null(policy.Match(matching with { Category = ServiceCategory.Paid }));
        Assert.Null(policy.Match(matching with { Region = "ZJ-HZ" }));
        Assert.Null(policy.Match(matching with { Zone = SiteZone.OutOfProvince }));
        Assert.Null(policy.Match(matching with { DistanceKm = 10 }));
        Assert.Null(policy.Match(matching with { DistanceKm = 51 }));
        Assert.Null(policy.Match(matching with { NeedsSupplier = true }));
        Assert.Null(policy.Match(matching with { ProjectPhase = ProjectPhase.TeamOnSite }));
    }

    [Fact]
    public void A_winning_rule_starts_only_its_own_clocks()
    {
        var general = new SlaRule("GENERAL", "answer in 2 h, on site in 12 h", new SlaCriteria(),
            firstResponse: SlaTarget.Hours(2, OfficeCode), arrival: SlaTarget.Hours(12, OfficeCode));
        var policy = Policy(general, BodyNear);

        var clocks = policy.StartClocks(Guid.NewGuid(), new SlaCase { FaultType = "body", DistanceKm = 20 }, Beijing(11, 30, 9, 0));

        var arrival = Assert.Single(clocks);
        Assert.Equal(SlaClockKind.Arrival, arrival.Kind);
        Assert.Equal("BODY-NEAR", arrival.RuleCode);
        Assert.Equal(Beijing(12, 1, 9, 0), arrival.DueAt);
    }

    [Fact]
    public void Several_clocks_run_on_one_ticket_and_a_wait_for_the_customer_pauses_the_open_ones()
    {
        var rule = new SlaRule("THREE", "three clocks", new SlaCriteria(),
            firstResponse: SlaTarget.Hours(2, OfficeCode), arrival: SlaTarget.Days(1, OfficeCode), resolution: SlaTarget.Days(3, AllDayCode));
        var policy = Policy(rule);
        var ticketId = Guid.NewGuid();

        var clocks = policy.StartClocks(ticketId, new SlaCase(), Beijing(11, 30, 9, 0));
        var (response, arrival, resolution) = (clocks[0], clocks[1], clocks[2]);
        Assert.Equal([SlaClockKind.FirstResponse, SlaClockKind.Arrival, SlaClockKind.Resolution], clocks.Select(c => c.Kind));
        Assert.All(clocks, c => Assert.Equal(ticketId, c.TicketId));
        Assert.Equal(Beijing(11, 30, 11, 0), response.DueAt);
        Assert.Equal(Beijing(12, 1, 9, 0), arrival.DueAt);
        Assert.Equal(Beijing(12, 3, 9, 0), resolution.DueAt);

        Assert.True(policy.Stop(response, Beijing(11, 30, 10, 0)));
        policy.Hold(clocks, HoldReason.WaitingForCustomer, Beijing(11, 30, 14, 0));
        Assert.False(response.IsPaused);
        Assert.True(arrival.IsPaused && resolution.IsPaused);
        policy.Release(clocks, Beijing(12, 1, 14, 0));

        // Arrival had 4 working hours left at Monday 14:00: from Tuesday 14:00, 3.5 h that day and, past
        // Wednesday's holiday, half an hour on Thursday. Resolution counts elapsed time: a day later.
        Assert.True(response.Met);
        Assert.Equal(Beijing(11, 30, 11, 0), response.DueAt);
        Assert.Equal(Beijing(12, 3, 9, 0), arrival.DueAt);
        Assert.Equal(TimeSpan.FromHours(9), arrival.PausedTime);
        Assert.Equal(Beijing(12, 4, 9, 0), resolution.DueAt);
        Assert.Equal(TimeSpan.FromHours(24), resolution.PausedTime);
    }

    [Fact]
    public void A_wait_for_parts_pauses_nothing()
    {
        var policy = Policy(General);
        var clocks = policy.StartClocks(Guid.NewGuid(), new SlaCase(), Beijing(11, 30, 9, 0));

        policy.Hold(clocks, HoldReason.WaitingForParts, Beijing(11, 30, 10, 0));

        Assert.All(clocks, c => Assert.True(c.IsRunning));
        Assert.True(SlaPolicy.Pauses(HoldReason.WaitingForCustomer));
        Assert.False(SlaPolicy.Pauses(HoldReason.WaitingForParts));
        Assert.False(SlaPolicy.Pauses(HoldReason.Other));
    }

    [Fact]
    public void Evaluating_a_ticket_reports_only_the_clocks_that_crossed_a_threshold_and_only_once()
    {
        var rule = new SlaRule("TWO", "two clocks", new SlaCriteria(),
            firstResponse: SlaTarget.Hours(2, AllDayCode), arrival: SlaTarget.Hours(10, AllDayCode));
        var policy = new SlaPolicy([rule], [AllDay()], atRiskFraction: 0.75);
        var clocks = policy.StartClocks(Guid.NewGuid(), new SlaCase(), Beijing(11, 30, 9, 0));

        var first = policy.Evaluate(clocks, Beijing(11, 30, 11, 30));
        var second = policy.Evaluate(clocks, Beijing(11, 30, 11, 45));

        // The response clock is past due; the arrival clock has used 2.5 of its 10 hours.
        var signal = Assert.Single(first);
        Assert.Equal(SlaClockKind.FirstResponse, signal.Clock.Kind);
        Assert.Equal(SlaSignals.AtRisk | SlaSignals.Breached, signal.Signals);
        Assert.Empty(second);
        Assert.Equal(SlaSignals.AtRisk, Assert.Single(policy.Evaluate(clocks, Beijing(11, 30, 16, 30))).Signals);
    }

    [Fact]
    public void A_policy_refuses_rules_it_cannot_apply()
    {
        var elsewhere = new SlaRule("ELSEWHERE", "counts in a calendar not given", new SlaCriteria(), arrival: SlaTarget.Hours(1, "hotline-2"));

        Assert.Throws<ArgumentException>(() => Policy(elsewhere));
        Assert.Throws<ArgumentException>(() => Policy(General, Rule("GENERAL", new SlaCriteria { FaultType = "body" })));
        Assert.Throws<ArgumentException>(() => new SlaPolicy([], [Office(), Office()]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlaPolicy([], [], atRiskFraction: 0));
    }

    [Fact]
    public void A_rule_gives_some_clock_a_target_and_a_distance_band_is_not_empty()
    {
        Assert.Throws<ArgumentException>(() => new SlaRule("NONE", "no target", new SlaCriteria()));
        Assert.Throws<ArgumentException>(() => Rule("EMPTY-BAND", new SlaCriteria { DistanceAboveKm = 100, DistanceUpToKm = 100 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rule("NEGATIVE", new SlaCriteria { DistanceUpToKm = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rule("UNDEFINED", new SlaCriteria { Priority = (Priority)9 }));
    }
}
