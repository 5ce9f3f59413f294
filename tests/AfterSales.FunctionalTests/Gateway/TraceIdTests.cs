using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Google.Rpc;
using Grpc.Core;

namespace AfterSales.FunctionalTests.Gateway;

/// <summary>
/// A caller can quote its trace to support: every answer through the gateway, gRPC or JSON, carries the trace id in a
/// header, and an error says the same id again in its body (problem details) or its status details (google.rpc.RequestInfo).
/// </summary>
public class TraceIdTests(Suite suite) : SuiteTest(suite)
{
    private static void AssertTraceId(string? traceId) =>
        Assert.Matches("^[0-9a-f]{32}$", traceId ?? "");

    [Fact]
    public async Task Grpc_answers_and_errors_carry_the_trace_id()
    {
        var tickets = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(Suite.Callers.Staff("dispatcher")));

        using var ok = tickets.ListTicketsAsync(new ListTicketsRequest { PageSize = 1 });
        await ok.ResponseAsync;
        var answered = (await ok.ResponseHeadersAsync).GetValue(TraceIds.Header);
        var error = await Assert.ThrowsAsync<RpcException>(() => tickets.GetTicketAsync(new GetTicketRequest { TicketId = "not-an-id" }).ResponseAsync);
        var quoted = error.GetRpcStatus()?.GetDetail<RequestInfo>()?.RequestId;

        AssertTraceId(answered);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        AssertTraceId(quoted);
        Assert.NotEqual(answered, quoted);
        // The error's own header (a trailers-only answer) names the same trace as its details.
        Assert.Equal(quoted, error.Trailers.GetValue(TraceIds.Header));
    }

    [Fact]
    public async Task Json_answers_and_problems_carry_the_trace_id()
    {
        using var http = Suite.Gateway.HttpAs(Suite.Callers.Staff("dispatcher"));

        using var missing = await http.GetAsync($"/api/tickets/v1/tickets/{Guid.NewGuid()}");
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        using var unauthenticated = await Suite.Gateway.AnonymousHttp().GetAsync("/api/tickets/v1/stations");
        var refusal = await unauthenticated.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var traceId = Assert.Single(missing.Headers.GetValues(TraceIds.Header));
        AssertTraceId(traceId);
        Assert.Equal(traceId, problem.GetProperty("traceId").GetString());
        // Refused at the gateway, before any service: its own trace, said in both places all the same.
        var gatewayTrace = Assert.Single(unauthenticated.Headers.GetValues(TraceIds.Header));
        AssertTraceId(gatewayTrace);
        Assert.Equal(gatewayTrace, refusal.GetProperty("traceId").GetString());
    }
}
