using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.Platform.V1;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Gateway;

/// <summary>
/// The gateway in front of the services: it refuses callers without a token in their own language, lets
/// anyone get a token, routes gRPC and JSON by service, limits each caller on its own, and routes the
/// platform services every service hosts by the header that names the service.
/// </summary>
public class GatewayTests(Suite suite) : SuiteTest(suite)
{
    private const string Hangzhou = "station-hangzhou";

    private GatewayFactory Gateway => Suite.Gateway;

    private TicketService.TicketServiceClient TicketsAs(Func<Task<string>> caller) => new(Gateway.ChannelAs(caller));

    private StationService.StationServiceClient StationsAs(Func<Task<string>> caller) => new(Gateway.ChannelAs(caller));

    [Fact]
    public async Task A_grpc_call_without_a_token_is_unauthenticated_and_told_where_to_get_one()
    {
        using var channel = Gateway.AnonymousChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new StationService.StationServiceClient(channel).ListStationsAsync(new ListStationsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("/connect/token", error.Status.Detail);
    }

    [Fact]
    public async Task A_json_call_without_a_token_gets_a_401_problem()
    {
        using var anonymous = Gateway.AnonymousHttp();

        var response = await anonymous.GetAsync("/api/tickets/v1/stations");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Contains("/connect/token", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_call_with_a_forged_token_is_unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            StationsAs(() => Task.FromResult("eyJhbGciOiJub25lIn0.eyJzdWIiOiJzdGF0aW9uLWhhbmd6aG91In0.")).ListStationsAsync(new ListStationsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_token_validated_once_vouches_for_no_altered_copy_of_it()
    {
        var token = await Suite.Callers.Station(Hangzhou)();
        // Used, so the gateway and the service remember it as validated.
        await StationsAs(() => Task.FromResult(token)).ListStationsAsync(new ListStationsRequest());
        var (header, payload, signature) = (token.Split('.')[0], token.Split('.')[1], token.Split('.')[2]);
        var otherSignature = $"{header}.{payload}.{(signature[0] == 'A' ? 'B' : 'A')}{signature[1..]}";
        var otherStation = $"{header}.{payload.Replace(payload[^4..], "AAAA", StringComparison.Ordinal)}.{signature}";

        var resigned = await Assert.ThrowsAsync<RpcException>(() =>
            StationsAs(() => Task.FromResult(otherSignature)).ListStationsAsync(new ListStationsRequest()).ResponseAsync);
        var rewritten = await Assert.ThrowsAsync<RpcException>(() =>
            StationsAs(() => Task.FromResult(otherStation)).ListStationsAsync(new ListStationsRequest()).ResponseAsync);
        var again = await StationsAs(() => Task.FromResult(token)).ListStationsAsync(new ListStationsRequest());

        Assert.Equal(StatusCode.Unauthenticated, resigned.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, rewritten.StatusCode);
        Assert.Equal([DemoIds.StationHangzhou.ToString()], again.Stations.Select(s => s.StationId));
    }

    [Fact]
    public async Task Anyone_gets_a_token_through_the_gateway_and_calls_with_it()
    {
        using var anonymous = Gateway.AnonymousHttp();

        var response = await anonymous.PostAsync(TokenRequests.Path,
            new FormUrlEncodedContent(TokenRequests.ClientCredentials(Hangzhou, Suite.DemoSecret(Hangzhou))));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        var stations = await StationsAs(() => Task.FromResult(token)).ListStationsAsync(new ListStationsRequest());

        Assert.Equal([DemoIds.StationHangzhou.ToString()], stations.Stations.Select(s => s.StationId));
    }

    [Fact]
    public async Task A_station_s_grpc_calls_reach_the_tickets_service()
    {
        var station = await Data.NewStationAsync();
        var asset = await Data.NewAssetAsync(station, Coverage.UnderContract);
        var tickets = TicketsAs(station.Caller);

        var created = await tickets.CreateTicketAsync(Requests.Intake(asset.SerialNumber));
        var read = await tickets.GetTicketAsync(new GetTicketRequest { TicketId = created.TicketId });

        Assert.Equal(created, read);
        Assert.Equal(station.Id.ToString(), created.StationId);
        Assert.Equal(1, await Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync(t => t.SerialNumber == asset.SerialNumber)));
    }

    [Fact]
    public async Task A_station_s_json_calls_reach_the_tickets_service()
    {
        var station = await Data.NewStationAsync();
        var asset = await Data.NewAssetAsync(station, Coverage.UnderContract);
        using var http = Gateway.HttpAs(station.Caller);

        var response = await http.PostAsJsonAsync("/api/tickets/v1/tickets", new
        {
            serialNumber = asset.SerialNumber,
            channel = "INTAKE_CHANNEL_PARTNER_API",
            contactName = "王建国",
            contactPhone = "0571-8888-1001",
            faultDescription = "电梯运行时有异响",
        });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var read = await http.GetFromJsonAsync<JsonElement>($"/api/tickets/v1/tickets/{created.GetProperty("ticketId").GetString()}");

        Assert.Equal("SERVICE_CATEGORY_CONTRACT", read.GetProperty("category").GetString());
        Assert.Equal(station.Id.ToString(), read.GetProperty("stationId").GetString());
    }

    [Fact]
    public async Task A_service_s_refusal_reaches_json_callers_as_its_problem()
    {
        using var hangzhou = Gateway.HttpAs(() => Suite.Callers.StationAsync(Hangzhou));

        var response = await hangzhou.GetAsync($"/api/tickets/v1/tickets/{Guid.NewGuid()}");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_burst_of_grpc_calls_from_the_limited_station_is_partly_refused_while_another_station_is_not_limited()
    {
        var limitedStation = StationsAs(() => Suite.Callers.StationAsync(Suite.RateLimitedStation));
        var hangzhou = StationsAs(() => Suite.Callers.StationAsync(Hangzhou));
        await WarmUpAsync();

        var limited = Enumerable.Range(0, 12).Select(_ => StatusOfAsync(limitedStation.ListStationsAsync(new ListStationsRequest())));
        var unlimited = Enumerable.Range(0, 12).Select(_ => StatusOfAsync(hangzhou.ListStationsAsync(new ListStationsRequest())));
        var limitedStatuses = Task.WhenAll(limited);
        var hangzhouStatuses = await Task.WhenAll(unlimited);

        Assert.Contains(StatusCode.OK, await limitedStatuses);
        Assert.Contains(StatusCode.ResourceExhausted, await limitedStatuses);
        Assert.All(await limitedStatuses, s => Assert.True(s is StatusCode.OK or StatusCode.ResourceExhausted, $"Unexpected {s}"));
        Assert.InRange((await limitedStatuses).Count(s => s == StatusCode.OK), 1, 2 * Suite.RateLimitedPermitsPerSecond);
        Assert.All(hangzhouStatuses, s => Assert.Equal(StatusCode.OK, s));
    }

    [Fact]
    public async Task A_burst_of_json_calls_from_the_limited_station_gets_429_problems_with_retry_after()
    {
        using var limitedStation = Gateway.HttpAs(() => Suite.Callers.StationAsync(Suite.RateLimitedStation));
        using var hangzhou = Gateway.HttpAs(() => Suite.Callers.StationAsync(Hangzhou));
        await WarmUpAsync();

        var limited = Task.WhenAll(Enumerable.Range(0, 12).Select(_ => limitedStation.GetAsync("/api/tickets/v1/stations")));
        var unlimited = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => hangzhou.GetAsync("/api/tickets/v1/stations")));
        var responses = await limited;

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        Assert.NotEmpty(refused);
        foreach (var response in refused)
        {
            await Problems.AssertProblemAsync(response, HttpStatusCode.TooManyRequests, "RESOURCE_EXHAUSTED");
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }
        Assert.All(unlimited, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task The_platform_route_reaches_the_service_named_by_the_header()
    {
        var station = await Data.NewStationAsync();
        var asset = await Data.NewAssetAsync(station);
        var ticket = await TicketsAs(station.Caller).CreateTicketAsync(Requests.Intake(asset.SerialNumber));
        var audit = new AuditService.AuditServiceClient(Gateway.ChannelAs(() => Suite.Callers.StaffAsync("manager")));

        var trail = await audit.ListAuditEntriesAsync(
            new ListAuditEntriesRequest { Service = ResourceNames.Tickets, EntityId = ticket.TicketId },
            new Metadata { { "x-aftersales-service", ResourceNames.Tickets } });

        var entry = Assert.Single(trail.Entries);
        Assert.Equal(("Ticket", "ADDED", station.ClientId), (entry.EntityType, entry.Change, entry.Actor));
    }

    [Fact]
    public async Task The_platform_route_sends_a_call_to_the_header_s_service_only()
    {
        var audit = new AuditService.AuditServiceClient(Gateway.ChannelAs(() => Suite.Callers.StaffAsync("manager")));

        // The header names billing, the request tickets: billing refuses to answer for tickets.
        var mismatch = await Assert.ThrowsAsync<RpcException>(() => audit.ListAuditEntriesAsync(
            new ListAuditEntriesRequest { Service = ResourceNames.Tickets },
            new Metadata { { "x-aftersales-service", ResourceNames.Billing } }).ResponseAsync);
        var billing = await audit.ListAuditEntriesAsync(
            new ListAuditEntriesRequest { Service = ResourceNames.Billing, PageSize = 100 },
            new Metadata { { "x-aftersales-service", ResourceNames.Billing } });

        Problems.AssertFieldViolations(mismatch, "service");
        // Billing's own trail (its seeded fee schedule at least), none of the tickets' entries.
        Assert.NotEmpty(billing.Entries);
        Assert.All(billing.Entries, e => Assert.Contains(e.EntityType, new[] { "FeeItem", "TicketAccount", "BuilderCharge" }));
    }

    [Fact]
    public async Task A_platform_call_without_the_header_reaches_no_service()
    {
        var audit = new AuditService.AuditServiceClient(Gateway.ChannelAs(() => Suite.Callers.StaffAsync("manager")));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Service = ResourceNames.Tickets }).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    /// <summary>
    /// Gets both tokens before a burst and lets the limited caller's bucket fill up again: it refills
    /// every second, so after a little more than that it holds its whole burst, whatever ran before.
    /// </summary>
    private async Task WarmUpAsync()
    {
        await Suite.Callers.StationAsync(Suite.RateLimitedStation);
        await Suite.Callers.StationAsync(Hangzhou);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
    }

    private static async Task<StatusCode> StatusOfAsync<T>(AsyncUnaryCall<T> call)
    {
        try
        {
            await call.ResponseAsync;
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
