using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Billing.V1;
using AfterSales.Customers.V1;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Grpc.Core;

namespace AfterSales.EndToEndTests;

/// <summary>
/// The platform's promises, through the gateway of the running suite: who may call, what a station may
/// see, retries that do the work once, and events that survive a stopped consumer or a stopped Redis.
/// </summary>
[Collection(SuiteCollection.Name)]
public class PlatformGuaranteesTests(SuiteHost suite)
{
    private const string HangzhouSerial = "EL-2019-0001";
    private const string HangzhouClient = "station-hangzhou";
    private const string NingboClient = "station-ningbo";

    /// <summary>An intake whose fault description no other test sends, so the test can find its own ticket in a list.</summary>
    private static CreateTicketRequest Intake(string serial, string requestId = "")
    {
        var request = Requests.Intake(serial, requestId: requestId);
        request.FaultDescription = $"电梯异响 {Guid.NewGuid():N}";
        return request;
    }

    private async Task<TicketService.TicketServiceClient> TicketsAsStationAsync(string client) =>
        new(suite.GatewayAs(await suite.Callers.StationAsync(client)));

    [Fact]
    public async Task A_call_without_a_token_is_refused_by_grpc_and_by_json()
    {
        var anonymous = new TicketService.TicketServiceClient(suite.Gateway);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            anonymous.GetTicketAsync(new GetTicketRequest { TicketId = Guid.NewGuid().ToString() }).ResponseAsync);
        using var response = await suite.GatewayJson.GetAsync("/api/tickets/v1/tickets");

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var forged = new TicketService.TicketServiceClient(suite.GatewayAs("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));

        var error = await Assert.ThrowsAsync<RpcException>(() => forged.ListTicketsAsync(new ListTicketsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Station_B_cannot_read_list_use_or_detect_station_As_ticket_while_a_dispatcher_can()
    {
        var hangzhou = await TicketsAsStationAsync(HangzhouClient);
        var ningbo = await TicketsAsStationAsync(NingboClient);
        var ticket = await hangzhou.CreateTicketAsync(Intake(HangzhouSerial));

        // Read: the same answer as for a ticket that does not exist.
        var hidden = await Assert.ThrowsAsync<RpcException>(() => ningbo.GetTicketAsync(new GetTicketRequest { TicketId = ticket.TicketId }).ResponseAsync);
        var missingId = Guid.NewGuid().ToString();
        var missing = await Assert.ThrowsAsync<RpcException>(() => ningbo.GetTicketAsync(new GetTicketRequest { TicketId = missingId }).ResponseAsync);
        Problems.AssertSameAsMissing(hidden, ticket.TicketId, missing, missingId);

        // List: nothing of station A, not even in the paging.
        var listed = await ningbo.ListTicketsAsync(new ListTicketsRequest { PageSize = 100 });
        Assert.DoesNotContain(listed.Tickets, t => t.TicketId == ticket.TicketId);
        Assert.All(listed.Tickets, t => Assert.NotEqual(ticket.StationId, t.StationId));

        // Use: station A's asset is as unknown to station B as a serial number that does not exist.
        var foreignAsset = await Assert.ThrowsAsync<RpcException>(() => ningbo.CreateTicketAsync(Intake(HangzhouSerial)).ResponseAsync);
        var unknownAsset = await Assert.ThrowsAsync<RpcException>(() => ningbo.CreateTicketAsync(Intake("NO-SUCH-SERIAL")).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, foreignAsset.StatusCode);
        Assert.Equal(unknownAsset.Status.Detail, foreignAsset.Status.Detail);

        // Nor station A's customer, nor billing's account of the ticket.
        var ningboChannel = suite.GatewayAs(await suite.Callers.StationAsync(NingboClient));
        var customer = await Assert.ThrowsAsync<RpcException>(() => new CustomerService.CustomerServiceClient(ningboChannel)
            .GetCustomerAsync(new GetCustomerRequest { CustomerId = ticket.CustomerId }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, customer.StatusCode);

        // Internal staff see across stations.
        var dispatcher = new TicketService.TicketServiceClient(suite.GatewayAs(await suite.Callers.StaffAsync("dispatcher")));
        Assert.Equal(ticket, await dispatcher.GetTicketAsync(new GetTicketRequest { TicketId = ticket.TicketId }));
        var all = await dispatcher.ListTicketsAsync(new ListTicketsRequest { PageSize = 100 });
        Assert.Contains(all.Tickets, t => t.TicketId == ticket.TicketId);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_request_id_yields_one_ticket()
    {
        var hangzhou = await TicketsAsStationAsync(HangzhouClient);
        var request = Intake(HangzhouSerial, requestId: Guid.NewGuid().ToString());

        var first = await hangzhou.CreateTicketAsync(request);
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => hangzhou.CreateTicketAsync(request).ResponseAsync));

        Assert.All(retries, retry => Assert.Equal(first, retry));
        var dispatcher = new TicketService.TicketServiceClient(suite.GatewayAs(await suite.Callers.StaffAsync("dispatcher")));
        var all = await dispatcher.ListTicketsAsync(new ListTicketsRequest { PageSize = 100 });
        Assert.Single(all.Tickets, t => t.FaultDescription == request.FaultDescription);
    }

    [Fact]
    public async Task An_event_produced_while_its_consumer_is_stopped_is_processed_once_after_it_restarts()
    {
        var hangzhou = await TicketsAsStationAsync(HangzhouClient);
        Ticket? ticket = null;

        await suite.WhileStoppedAsync(ResourceNames.Billing, async () => ticket = await hangzhou.CreateTicketAsync(Intake(HangzhouSerial)));

        await AssertBilledOnceAsync(ticket!);
    }

    [Fact]
    public async Task An_event_produced_while_redis_is_stopped_is_delivered_once_after_redis_returns()
    {
        var hangzhou = await TicketsAsStationAsync(HangzhouClient);
        Ticket? ticket = null;

        await suite.WhileStoppedAsync(ResourceNames.Redis, async () => ticket = await hangzhou.CreateTicketAsync(Intake(HangzhouSerial)));

        await AssertBilledOnceAsync(ticket!);
    }

    private Task AssertBilledOnceAsync(Ticket ticket) => suite.AssertBilledOnceAsync(ticket);
}
