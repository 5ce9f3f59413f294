using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Common.V1;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace AfterSales.EndToEndTests;

/// <summary>
/// The first flow through the real suite: a partner station opens a repair ticket through the gateway;
/// tickets asks customers for the asset's entitlement; the ticket is read back by gRPC and by JSON; and
/// the whole flow is one trace in the dashboard.
/// </summary>
[Collection(SuiteCollection.Name)]
public class VerticalSliceTests(SuiteHost suite, ITestOutputHelper output)
{
    // A seeded asset (DemoIds.SerialUnderContract): accepted in 2019, under a maintenance contract now.
    private const string SerialUnderContract = "EL-2019-0001";

    private static CreateTicketRequest Intake() => Requests.Intake(SerialUnderContract);

    [Fact]
    public async Task A_partner_opens_a_ticket_through_the_gateway_and_reads_it_by_grpc_and_json_in_one_trace()
    {
        output.WriteLine($"Suite started and healthy in {suite.StartupTime.TotalSeconds:F1} s");
        var station = await suite.Callers.StationAsync("station-hangzhou");
        var tickets = new TicketService.TicketServiceClient(suite.GatewayAs(station));
        var (traceId, traceParent) = Telemetry.NewTraceParent();

        var created = await tickets.CreateTicketAsync(Intake(), new Metadata { { "traceparent", traceParent } });
        var read = await tickets.GetTicketAsync(new GetTicketRequest { TicketId = created.TicketId });
        using var jsonRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/tickets/v1/tickets/{created.TicketId}");
        jsonRequest.Headers.Authorization = new("Bearer", station);
        using var jsonResponse = await suite.GatewayJson.SendAsync(jsonRequest);
        var json = await jsonResponse.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(ServiceCategory.Contract, created.Category);
        Assert.Equal(created, read);
        Assert.Equal("SERVICE_CATEGORY_CONTRACT", json.GetProperty("category").GetString());
        Assert.Equal(created.Number, json.GetProperty("number").GetString());

        var spans = await Telemetry.WaitForTraceAsync(suite.Dashboard, traceId, s =>
            s.Any(x => x.Service == ResourceNames.Gateway)
            && s.Any(x => x.Service == ResourceNames.Tickets && x.IsDatabase("postgresql"))
            && s.Any(x => x.Service == ResourceNames.Customers && x.IsDatabase("redis"))
            && s.Any(x => x.Service == ResourceNames.Billing && x.Name.EndsWith("TicketOpened process", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60));
        foreach (var span in spans)
        {
            output.WriteLine($"{span.Service,-10} {span.Name}");
        }

        Assert.Contains(spans, s => s.Service == ResourceNames.Gateway);
        Assert.Contains(spans, s => s.Service == ResourceNames.Tickets && s.Name.Contains("CreateTicket", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Service == ResourceNames.Customers && s.Name.Contains("CheckEntitlement", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Service == ResourceNames.Tickets && s.IsDatabase("postgresql"));
        Assert.Contains(spans, s => s.Service == ResourceNames.Customers && s.IsDatabase("redis"));
        // The trace continues across the event: published by tickets' outbox relay, consumed by billing.
        Assert.Contains(spans, s => s.Service == ResourceNames.Tickets && s.Name.EndsWith("TicketOpened publish", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Service == ResourceNames.Billing && s.Name.EndsWith("TicketOpened process", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Service == ResourceNames.Billing && s.IsDatabase("postgresql"));
    }

    [Fact]
    public async Task Bad_input_through_the_gateway_gets_field_violations_by_grpc_and_a_problem_by_json()
    {
        var station = await suite.Callers.StationAsync("station-hangzhou");
        var tickets = new TicketService.TicketServiceClient(suite.GatewayAs(station));
        var request = Intake();
        request.SerialNumber = "";

        var error = await Assert.ThrowsAsync<RpcException>(() => tickets.CreateTicketAsync(request).ResponseAsync);
        using var jsonRequest = new HttpRequestMessage(HttpMethod.Post, "/api/tickets/v1/tickets")
        {
            Content = JsonContent.Create(new { serialNumber = "NO-SUCH-SERIAL" }),
        };
        jsonRequest.Headers.Authorization = new("Bearer", station);
        var response = await suite.GatewayJson.SendAsync(jsonRequest);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("contact_name", out _));
    }

    [Fact]
    public async Task Every_service_answers_through_its_one_gateway_rule()
    {
        var manager = await suite.Callers.StaffAsync("manager");
        foreach (var path in new[]
        {
            "/api/customers/v1/customers?pageSize=1",
            "/api/tickets/v1/stations",
            "/api/inventory/v1/parts?pageSize=1",
            "/api/billing/v1/fee-items",
            "/api/feedback/v1/complaints?pageSize=1",
            "/api/documents/v1/templates",
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new("Bearer", manager);
            using var response = await suite.GatewayJson.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        }
    }
}
