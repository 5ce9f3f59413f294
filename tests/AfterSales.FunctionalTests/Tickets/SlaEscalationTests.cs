using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Events;
using AfterSales.Tickets.V1;
using Microsoft.EntityFrameworkCore;
using SlaClockKind = AfterSales.Tickets.Sla.SlaClockKind;

namespace AfterSales.FunctionalTests.Tickets;

/// <summary>
/// SLA clocks on real tickets: due times from the seeded policy at intake, clocks met by the ticket's moves
/// and paused while it waits for the customer, and escalations raised once per threshold by the background
/// job, also with a second replica evaluating the same clocks and across a restart.
/// </summary>
public class SlaEscalationTests(Suite suite) : SuiteTest(suite)
{
    private async Task<(TestStation Station, TicketService.TicketServiceClient Tickets, IReadOnlyList<Guid> Technicians)> StationAsync()
    {
        var station = await Data.NewStationAsync(technicians: 1);
        var technicians = await Suite.Tickets.WithDbAsync(db => db.Technicians.Where(t => t.StationId == station.Id).Select(t => t.Id).ToListAsync());
        return (station, new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller)), technicians);
    }

    private async Task<Ticket> OpenAsync(TicketService.TicketServiceClient tickets, TestStation station, string faultType, Priority priority = Priority.Normal)
    {
        var asset = await Data.NewAssetAsync(station);
        var request = Requests.Intake(asset.SerialNumber);
        (request.FaultType, request.Priority) = (faultType, priority);
        return await tickets.CreateTicketAsync(request);
    }

    [Fact]
    public async Task A_body_fault_near_the_station_is_due_on_site_within_24_hours_and_an_emergency_on_the_24_hour_line()
    {
        var (station, tickets, _) = await StationAsync();

        var body = await OpenAsync(tickets, station, "BODY");
        var emergency = await OpenAsync(tickets, station, "LIFT", Priority.Emergency);

        Assert.Equal("S2-3.2.2-BODY-NEAR", body.SlaRule);
        Assert.Equal(body.ReceivedAt.ToDateTimeOffset().AddHours(24), body.ArrivalDueAt.ToDateTimeOffset());
        Assert.Null(body.FirstResponseDueAt);
        Assert.Equal("S8-5.1-EMERGENCY", emergency.SlaRule);
        Assert.Equal(emergency.ReceivedAt.ToDateTimeOffset().AddHours(2), emergency.FirstResponseDueAt.ToDateTimeOffset());
        Assert.Equal(emergency.ReceivedAt.ToDateTimeOffset().AddHours(12), emergency.ArrivalDueAt.ToDateTimeOffset());
    }

    /// <summary>The seed's examples that key on what intake is told (§2 3.2.2, §7 2.2, §3 4.4.1, §12 5.4.1.2), through the gateway.</summary>
    [Theory]
    [InlineData("BODY", Priority.Normal, JobKind.Unspecified, SiteZone.Unspecified, ProjectPhase.Unspecified, true, "S2-3.2.2-BODY-SUPPLIER", 12, 0)]
    [InlineData("LIFT", Priority.Normal, JobKind.QualityComplaint, SiteZone.InProvince, ProjectPhase.Unspecified, false, "S7-2.2-IN-PROVINCE", 0, 72)]
    [InlineData("LIFT", Priority.Normal, JobKind.QualityComplaint, SiteZone.OutOfProvince, ProjectPhase.Unspecified, false, "S7-2.2-OUT-OF-PROVINCE", 0, 168)]
    [InlineData("LIFT", Priority.Normal, JobKind.QualityComplaint, SiteZone.Remote, ProjectPhase.Unspecified, false, "S7-2.2-REMOTE", 0, 240)]
    [InlineData("LIFT", Priority.Normal, JobKind.ReturnOrder, SiteZone.Unspecified, ProjectPhase.Unspecified, false, "S3-4.4.1-RETURN-ORDER", 0, 1)]
    [InlineData("LIFT", Priority.Emergency, JobKind.Unspecified, SiteZone.Unspecified, ProjectPhase.TeamOnSite, false, "S12-5.4.1.2-TEAM-ON-SITE", 0, 1)]
    [InlineData("LIFT", Priority.Emergency, JobKind.Unspecified, SiteZone.Unspecified, ProjectPhase.TeamLeft, false, "S12-5.4.1.2-TEAM-LEFT", 0, 24)]
    [InlineData("LIFT", Priority.Emergency, JobKind.Unspecified, SiteZone.Unspecified, ProjectPhase.DepartmentLeftCity, false, "S12-5.4.1.2-DEPARTMENT-LEFT", 0, 48)]
    public async Task Intake_s_facts_choose_the_seed_s_rule_and_its_due_times(string faultType, Priority priority, JobKind job, SiteZone zone,
        ProjectPhase phase, bool needsSupplier, string rule, int answerHours, int arrivalHours)
    {
        var (station, tickets, _) = await StationAsync();
        var asset = await Data.NewAssetAsync(station); // in warranty: category C, as §12's projects are
        var request = Requests.Intake(asset.SerialNumber);
        (request.FaultType, request.Priority, request.JobKind, request.SiteZone, request.ProjectPhase, request.NeedsSupplier) =
            (faultType, priority, job, zone, phase, needsSupplier);

        var ticket = await tickets.CreateTicketAsync(request);

        var received = ticket.ReceivedAt.ToDateTimeOffset();
        Assert.Equal(rule, ticket.SlaRule);
        Assert.Equal(answerHours == 0 ? null : received.AddHours(answerHours), ticket.FirstResponseDueAt?.ToDateTimeOffset());
        Assert.Equal(arrivalHours == 0 ? null : received.AddHours(arrivalHours), ticket.ArrivalDueAt?.ToDateTimeOffset());
        Assert.Equal((job == JobKind.Unspecified ? JobKind.Repair : job, zone, phase, needsSupplier),
            (ticket.JobKind, ticket.SiteZone, ticket.ProjectPhase, ticket.NeedsSupplier));
    }

    [Fact]
    public async Task The_ticket_s_moves_meet_its_clocks_and_a_wait_for_the_customer_moves_the_due_time()
    {
        var (station, tickets, technicians) = await StationAsync();
        var ticket = await OpenAsync(tickets, station, "LIFT", Priority.Emergency);
        await tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = ticket.TicketId, TechnicianId = technicians[0].ToString() });

        await tickets.PutOnHoldAsync(new PutOnHoldRequest { TicketId = ticket.TicketId, Reason = HoldReason.WaitingForCustomer });
        await Task.Delay(TimeSpan.FromSeconds(1));
        var resumed = await tickets.ResumeTicketAsync(new ResumeTicketRequest { TicketId = ticket.TicketId });
        await tickets.StartTravelAsync(new StartTravelRequest { TicketId = ticket.TicketId });
        await tickets.ArriveOnSiteAsync(new ArriveOnSiteRequest { TicketId = ticket.TicketId });

        Assert.True(resumed.ArrivalDueAt.ToDateTimeOffset() > ticket.ArrivalDueAt.ToDateTimeOffset().AddMilliseconds(900),
            $"{resumed.ArrivalDueAt} is not later than {ticket.ArrivalDueAt} by the wait.");
        var id = Guid.Parse(ticket.TicketId);
        var clocks = await Suite.Tickets.WithDbAsync(db => db.SlaClocks.AsNoTracking().Where(c => c.TicketId == id).ToListAsync());
        Assert.Equal([SlaClockKind.FirstResponse, SlaClockKind.Arrival], clocks.OrderBy(c => c.Kind).Select(c => c.Kind));
        Assert.All(clocks, c => Assert.True(c.Met));
    }

    [Fact]
    public async Task A_late_clock_escalates_at_risk_and_at_breach_exactly_once_with_two_replicas_evaluating_and_after_a_restart()
    {
        var (station, tickets, technicians) = await StationAsync();
        var late = await OpenAsync(tickets, station, "LIFT", Priority.Emergency);
        var unassigned = await OpenAsync(tickets, station, "LIFT", Priority.Emergency);
        var onTime = await OpenAsync(tickets, station, "LIFT", Priority.Emergency);
        await tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = late.TicketId, TechnicianId = technicians[0].ToString() });
        var ids = new[] { Guid.Parse(late.TicketId), Guid.Parse(unassigned.TicketId) };

        await using (var replica = Suite.NewTicketsReplica())
        {
            // Received three days ago: every clock is long past due, as after a downtime.
            await Suite.Tickets.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
                UPDATE tickets."SlaClocks" SET "StartedAt" = "StartedAt" - interval '3 days', "DueAt" = "DueAt" - interval '3 days'
                WHERE "TicketId" = ANY({ids})
                """));
            await Eventually.TrueAsync(async () => await EscalationsAsync(ids) == 8, TimeSpan.FromSeconds(30));
            // Rounds enough for both replicas to have seen them again.
            await Task.Delay(Suite.SlaEvaluationInterval * 6);
        }
        await using (var restarted = Suite.NewTicketsReplica())
        {
            await Task.Delay(Suite.SlaEvaluationInterval * 6);
        }

        var escalations = await Suite.Tickets.WithDbAsync(db => db.Escalations.AsNoTracking().Where(e => ids.Contains(e.TicketId)).ToListAsync());
        Assert.Equal(8, escalations.Count);
        Assert.Equal(8, escalations.Select(e => (e.TicketId, e.Clock, e.Cause)).Distinct().Count());
        var levels = escalations.Where(e => e.TicketId == ids[0]).OrderBy(e => e.Clock).ThenBy(e => e.Cause).Select(e => e.Level.ToString());
        Assert.Equal(["Technician", "ServiceManager", "Technician", "ServiceManager"], levels);
        Assert.All(escalations.Where(e => e.TicketId == ids[1] && e.Cause == AfterSales.Tickets.Model.EscalationCause.AtRisk),
            e => Assert.Equal(AfterSales.Tickets.Model.EscalationLevel.StationDispatcher, e.Level));
        Assert.Equal(8, await OutboxAsync("aftersales.events.v1.TicketEscalated", ids));
        Assert.Equal(4, await OutboxAsync("aftersales.events.v1.SlaBreached", ids));

        var managers = await tickets.ListEscalationsAsync(new ListEscalationsRequest { Level = EscalationLevel.ServiceManager });
        Assert.Equal(4, managers.Escalations.Count(e => e.StationId == station.Id.ToString()));
        Assert.All(managers.Escalations, e => Assert.Equal("BREACHED", e.Cause));

        // The breach marks each ticket, and the station's list of breached tickets holds those two, not the one on time.
        var breached = await tickets.ListTicketsAsync(new ListTicketsRequest { Breached = true });
        Assert.Equal(ids.Select(id => id.ToString()).Order(), breached.Tickets.Select(t => t.TicketId).Order());
        Assert.DoesNotContain(onTime.TicketId, breached.Tickets.Select(t => t.TicketId));
    }

    [Fact]
    public async Task A_reopened_ticket_is_timed_afresh_from_its_reopening_and_the_earlier_round_s_clocks_stay_as_they_ended()
    {
        var (station, tickets, _) = await StationAsync();
        var ticket = await OpenAsync(tickets, station, "LIFT", Priority.Emergency);
        await tickets.CancelTicketAsync(new CancelTicketRequest { TicketId = ticket.TicketId, Reason = "客户撤回" });
        await Task.Delay(TimeSpan.FromMilliseconds(200));

        var reopened = await tickets.ReopenTicketAsync(new ReopenTicketRequest { TicketId = ticket.TicketId, Reason = "故障复发" });

        var reopenedAt = (await tickets.GetTicketHistoryAsync(new GetTicketHistoryRequest { TicketId = ticket.TicketId })).StatusChanges[^1].At.ToDateTimeOffset();
        Assert.Equal(reopenedAt.AddHours(12), reopened.ArrivalDueAt.ToDateTimeOffset());
        Assert.True(reopened.ArrivalDueAt.ToDateTimeOffset() > ticket.ArrivalDueAt.ToDateTimeOffset());
        var id = Guid.Parse(ticket.TicketId);
        var clocks = await Suite.Tickets.WithDbAsync(db => db.SlaClocks.AsNoTracking().Where(c => c.TicketId == id).ToListAsync());
        Assert.Equal([0, 0, 1, 1], clocks.OrderBy(c => c.Round).Select(c => c.Round));
        Assert.All(clocks.Where(c => c.Round == 0), c => Assert.NotNull(c.StoppedAt));
        Assert.All(clocks.Where(c => c.Round == 1), c => Assert.Null(c.StoppedAt));
    }

    [Fact]
    public async Task A_taken_back_unit_not_returned_by_the_promised_date_escalates_to_the_service_manager()
    {
        var (station, tickets, technicians) = await StationAsync();
        var ticket = await OpenAsync(tickets, station, "LIFT", Priority.Emergency);
        var id = ticket.TicketId;
        await tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = id, TechnicianId = technicians[0].ToString() });
        await tickets.StartTravelAsync(new StartTravelRequest { TicketId = id });
        await tickets.ArriveOnSiteAsync(new ArriveOnSiteRequest { TicketId = id });
        var promised = DateTimeOffset.UtcNow.AddDays(3);
        await tickets.CompleteVisitAsync(new CompleteVisitRequest
        {
            TicketId = id, Result = VisitResult.TakenBack, Note = "返厂", ReceiptNumber = "SJ-1",
            PromisedReturnAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(promised),
        });
        var ticketId = Guid.Parse(id);
        var clock = await Suite.Tickets.WithDbAsync(db => db.SlaClocks.AsNoTracking().SingleAsync(c => c.TicketId == ticketId && c.Kind == SlaClockKind.WorkshopReturn));

        // Four days later, and the unit is still in the workshop.
        await Suite.Tickets.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            UPDATE tickets."SlaClocks" SET "StartedAt" = "StartedAt" - interval '4 days', "DueAt" = "DueAt" - interval '4 days'
            WHERE "TicketId" = {ticketId} AND "Kind" = {(int)SlaClockKind.WorkshopReturn}
            """));

        var late = await Eventually.ValueAsync(() => Suite.Tickets.WithDbAsync(db => db.Escalations.AsNoTracking()
            .SingleOrDefaultAsync(e => e.TicketId == ticketId && e.Clock == SlaClockKind.WorkshopReturn && e.Cause == AfterSales.Tickets.Model.EscalationCause.Breached)));
        Assert.Equal(promised.UtcTicks / 10 * 10, clock.DueAt.UtcTicks);
        Assert.Equal(AfterSales.Tickets.Model.EscalationLevel.ServiceManager, late.Level);
    }

    private Task<int> EscalationsAsync(Guid[] ids) => Suite.Tickets.WithDbAsync(db => db.Escalations.CountAsync(e => ids.Contains(e.TicketId)));

    /// <summary>Events of <paramref name="type"/> about the tickets in the outbox (their payloads carry the ticket id).</summary>
    private async Task<int> OutboxAsync(string type, Guid[] ids)
    {
        var payloads = await Suite.Tickets.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == type).Select(m => m.Payload).ToListAsync());
        var needles = ids.Select(id => id.ToString()).ToList();
        return payloads.Count(p => needles.Any(n => System.Text.Encoding.UTF8.GetString(p).Contains(n, StringComparison.Ordinal)));
    }
}
