using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AfterSales.EndToEndTests;

/// <summary>What an SRE runs from a resource's menu in the dashboard, run as the dashboard runs it.</summary>
[Collection(SuiteCollection.Name)]
public class DashboardCommandTests(SuiteHost suite)
{
    private static readonly TimeSpan Restart = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Replay_parked_events_sends_every_parked_event_of_the_service_back_through_its_outbox()
    {
        var tickets = new TicketService.TicketServiceClient(suite.GatewayAs(await suite.Callers.StationAsync("station-hangzhou")));
        var ticket = await tickets.CreateTicketAsync(Requests.Intake("EL-2019-0001"));
        await using var billing = new NpgsqlConnection(await suite.App.GetConnectionStringAsync(ResourceNames.Database(ResourceNames.Billing)));
        await billing.OpenAsync();
        // Parked as billing's consumer parks an event that failed every delivery.
        var parked = Guid.CreateVersion7();
        var payload = new AfterSales.Events.V1.TicketOpened { TicketId = ticket.TicketId, Number = ticket.Number, StationId = ticket.StationId }.ToByteArray();
        await using (var park = new NpgsqlCommand("""
            INSERT INTO billing."ParkedEvent" ("EventId", "Type", "Payload", "TraceParent", "Error", "Deliveries", "ParkedAt")
            VALUES ($1, 'aftersales.events.v1.TicketOpened', $2, NULL, 'InvalidOperationException: test', 5, now())
            """, billing) { Parameters = { new() { Value = parked }, new() { Value = payload } } })
        {
            await park.ExecuteNonQueryAsync();
        }

        var result = await suite.App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(ResourceNames.Billing, AfterSales.AppHost.DashboardCommands.ReplayParkedEvents);

        Assert.True(result.Success, result.Message);
        Assert.Contains("Replayed 1 parked event", result.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(billing, """SELECT count(*) FROM billing."ParkedEvent" WHERE "EventId" = $1""", parked));
        Assert.Equal(1L, await ScalarAsync(billing, """SELECT count(*) FROM billing."OutboxMessage" WHERE "Id" = $1""", parked));
    }

    [Fact]
    public async Task Reset_demo_data_leaves_the_domain_services_as_on_a_first_run_and_their_callers_signed_in()
    {
        var station = await suite.Callers.StationAsync("station-hangzhou");
        var tickets = new TicketService.TicketServiceClient(suite.GatewayAs(station));
        var made = await tickets.CreateTicketAsync(Requests.Intake("EL-2019-0001"));

        var result = await suite.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(ResourceNames.Postgres, AfterSales.AppHost.ProvisionedInfrastructure.ResetDemoDataCommand);

        Assert.True(result.Success, result.Message);
        // Six services starting cold on two cores: minutes, not seconds.
        var gone = await Eventually.ValueAsync(async () =>
        {
            try
            {
                await tickets.GetTicketAsync(new GetTicketRequest { TicketId = made.TicketId });
                return "still there";
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.Unavailable)
            {
                return ex.StatusCode.ToString();
            }
            catch (RpcException)
            {
                return null; // tickets is starting
            }
        }, Restart);
        // The demo asset is back, and the token the station held before still works.
        var again = await Eventually.AnsweredAsync(() => tickets.CreateTicketAsync(Requests.Intake("EL-2019-0001")).ResponseAsync, Restart, StatusCode.Unavailable);
        Assert.Equal(nameof(StatusCode.NotFound), gone);
        Assert.Equal(made.CustomerId, again.CustomerId);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, Guid id)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = id } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
