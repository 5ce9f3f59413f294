using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Xunit.Abstractions;

namespace AfterSales.EndToEndTests;

/// <summary>
/// What an SRE finds in the dashboard: the traces of what callers and jobs did, and nothing of the background
/// polling (outbox and stream polls, claim sweeps, health pings) that an idle suite does all the time; and a
/// trace found by the id a caller was answered with.
/// </summary>
[Collection(SuiteCollection.Name)]
public class TracingTests(SuiteHost suite, ITestOutputHelper output)
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_idle_suite_writes_no_traces_in_30_seconds()
    {
        // What earlier tests caused (events consumed, exports batched) settles first.
        var before = await SettledTraceCountAsync();

        await Task.Delay(Idle);

        var (after, newest) = await Telemetry.TracesAsync(suite.Dashboard, newest: 20);
        Assert.True(after == before, $"{after - before} traces written by an idle suite in {Idle.TotalSeconds} s; newest roots: {string.Join(", ", newest)}");
    }

    [Fact]
    public async Task A_created_ticket_s_trace_is_found_by_the_trace_id_the_caller_was_answered_with()
    {
        var tickets = new TicketService.TicketServiceClient(suite.GatewayAs(await suite.Callers.StationAsync("station-hangzhou")));

        using var call = tickets.CreateTicketAsync(Requests.Intake("EL-2019-0001"));
        var created = await call.ResponseAsync;
        var traceId = (await call.ResponseHeadersAsync).GetValue(TraceIds.Header);

        Assert.NotNull(traceId);
        var spans = await Telemetry.WaitForTraceAsync(suite.Dashboard, traceId, s =>
            s.Any(x => x.Service == ResourceNames.Gateway)
            && s.Any(x => x.Service == ResourceNames.Tickets && x.Name.Contains("CreateTicket", StringComparison.Ordinal))
            && s.Any(x => x.Service == ResourceNames.Billing && x.Name.EndsWith("TicketOpened process", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60));
        foreach (var span in spans)
        {
            output.WriteLine($"{span.Service,-10} {span.Name}");
        }
        Assert.Contains(spans, s => s.Service == ResourceNames.Gateway);
        Assert.Contains(spans, s => s.Service == ResourceNames.Tickets && s.Name.Contains("CreateTicket", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Service == ResourceNames.Billing && s.Name.EndsWith("TicketOpened process", StringComparison.Ordinal));
        Assert.NotEmpty(created.TicketId);
    }

    /// <summary>The dashboard's trace count once it has stayed the same for 5 s.</summary>
    private async Task<int> SettledTraceCountAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var (count, _) = await Telemetry.TracesAsync(suite.Dashboard);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            var (now, newest) = await Telemetry.TracesAsync(suite.Dashboard, newest: 5);
            if (now == count)
            {
                return count;
            }
            output.WriteLine($"Still settling: {now - count} new traces ({string.Join(", ", newest)})");
            count = now;
        }
        return count;
    }
}
