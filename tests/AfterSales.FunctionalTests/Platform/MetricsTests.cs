using System.Diagnostics.Metrics;
using System.Net;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Events;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AfterSales.FunctionalTests.Platform;

/// <summary>
/// The measures an SRE watches, read from each service's own meters as calls go through the gateway. Other
/// tests run alongside, so each assertion picks out this test's own station, or asks only for more than none.
/// </summary>
public class MetricsTests(Suite suite) : SuiteTest(suite)
{
    private static readonly string TicketOpenedStream = EventStreams.StreamOf(AfterSales.Events.V1.TicketOpened.Descriptor);

    private static MetricCollector<T> Collect<T>(IServiceProvider services, string meter, string instrument) where T : struct =>
        new(services.GetRequiredService<IMeterFactory>(), meter, instrument);

    private static long Sum(MetricCollector<long> collector, string tag, string value) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);

    [Fact]
    public async Task A_station_s_tickets_are_counted_opened_dispatched_and_ended_once_and_a_retried_create_counts_a_replay()
    {
        using var opened = Collect<long>(Suite.Tickets.Services, "AfterSales.Tickets", "aftersales.tickets.opened");
        using var ended = Collect<long>(Suite.Tickets.Services, "AfterSales.Tickets", "aftersales.tickets.ended");
        using var toDispatch = Collect<double>(Suite.Tickets.Services, "AfterSales.Tickets", "aftersales.tickets.time_to_dispatch");
        using var replays = Collect<long>(Suite.Tickets.Services, "AfterSales.Platform", "aftersales.requests.replayed");
        var station = await Data.NewStationAsync(technicians: 1);
        var technician = await Suite.Tickets.WithDbAsync(db => db.Technicians.Where(t => t.StationId == station.Id).Select(t => t.Id).SingleAsync());
        var tickets = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var stationId = station.Id.ToString();

        var intake = Requests.Intake((await Data.NewAssetAsync(station)).SerialNumber, requestId: Guid.NewGuid().ToString());
        var ticket = await tickets.CreateTicketAsync(intake);
        await tickets.CreateTicketAsync(intake);
        await tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = ticket.TicketId, TechnicianId = technician.ToString() });
        await tickets.CancelTicketAsync(new CancelTicketRequest { TicketId = ticket.TicketId, Reason = "客户撤回" });
        var refused = await Assert.ThrowsAsync<RpcException>(() => tickets.CancelTicketAsync(new CancelTicketRequest { TicketId = ticket.TicketId, Reason = "again" }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var open = Assert.Single(opened.GetMeasurementSnapshot(), m => Equals(m.Tags["aftersales.station.id"], stationId));
        Assert.Equal((1L, "Free"), (open.Value, open.Tags["aftersales.ticket.category"]));
        var end = Assert.Single(ended.GetMeasurementSnapshot(), m => Equals(m.Tags["aftersales.station.id"], stationId));
        Assert.Equal((1L, "Cancelled"), (end.Value, end.Tags["aftersales.ticket.outcome"]));
        var waited = Assert.Single(toDispatch.GetMeasurementSnapshot(), m => Equals(m.Tags["aftersales.station.id"], stationId));
        Assert.InRange(waited.Value, 0, 60);
        Assert.True(Sum(replays, "rpc.method", "/aftersales.tickets.v1.TicketService/CreateTicket") >= 1);
    }

    [Fact]
    public async Task Events_are_counted_published_and_their_lag_measured_per_stream_and_consumer_group()
    {
        using var published = Collect<long>(Suite.Tickets.Services, "AfterSales.Platform", "aftersales.events.published");
        using var lag = Collect<double>(Suite.Billing.Services, "AfterSales.Platform", "aftersales.events.lag");
        var station = await Data.NewStationAsync();
        var tickets = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller));

        await tickets.CreateTicketAsync(Requests.Intake((await Data.NewAssetAsync(station)).SerialNumber));

        await Eventually.TrueAsync(() => Task.FromResult(
            Sum(published, "messaging.destination.name", TicketOpenedStream) >= 1
            && lag.GetMeasurementSnapshot().Any(m => Equals(m.Tags["messaging.destination.name"], TicketOpenedStream))));
        var measured = lag.GetMeasurementSnapshot().First(m => Equals(m.Tags["messaging.destination.name"], TicketOpenedStream));
        Assert.Equal("AfterSales.Billing", measured.Tags["messaging.consumer.group.name"]);
        Assert.InRange(measured.Value, 0, 60);
    }

    [Fact]
    public async Task Refused_sign_ins_and_rate_limited_calls_are_counted()
    {
        using var failures = Collect<long>(Suite.Identity.Services, "AfterSales.Identity", "aftersales.identity.sign_in_failures");
        using var limited = Collect<long>(Suite.Gateway.Services, "AfterSales.Gateway", "aftersales.gateway.rate_limited");
        var station = await Data.NewStationAsync();

        using var anonymous = new HttpClient { BaseAddress = Suite.Gateway.HttpAddress };
        using var wrongSecret = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = station.ClientId, ["client_secret"] = "not-the-secret", ["scope"] = "aftersales",
        }));
        using var limitedStation = Suite.Gateway.HttpAs(() => Suite.Callers.StationAsync(Suite.MeteredRateLimitedStation));
        var burst = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => limitedStation.GetAsync("/api/tickets/v1/stations")));

        Assert.False(wrongSecret.IsSuccessStatusCode);
        Assert.True(Sum(failures, "aftersales.sign_in.kind", "StationClient") >= 1);
        Assert.Contains(burst, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(Sum(limited, "aftersales.rate_limit", "caller") >= 1);
    }
}
