using System.Diagnostics;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Npgsql;
using StackExchange.Redis;

namespace AfterSales.EndToEndTests;

/// <summary>
/// Crashes, not only clean stops, in the running suite in local mode: PostgreSQL and redis-server killed
/// with SIGKILL come back by themselves on their ports and data (their scripts supervise them), the
/// services find them again, and a consuming service killed in the middle of a handler acts on the
/// event exactly once after it is started again.
/// </summary>
[Collection(SuiteCollection.Name)]
public class CrashTests(SuiteHost suite)
{
    private const string HangzhouClient = "station-hangzhou";

    private static CreateTicketRequest Intake() => new()
    {
        SerialNumber = "EL-2019-0001",
        Channel = IntakeChannel.PartnerApi,
        ContactName = "王建国",
        ContactPhone = "0571-8888-1001",
        FaultDescription = $"电梯异响 {Guid.NewGuid():N}",
    };

    private async Task<TicketService.TicketServiceClient> TicketsAsync() =>
        new(suite.GatewayAs(await suite.Callers.StationAsync(HangzhouClient)));

    [Fact]
    public async Task Redis_keeps_an_append_only_file_fsynced_on_every_write()
    {
        var connectionString = await suite.App.GetConnectionStringAsync(ResourceNames.Redis);
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{connectionString},allowAdmin=true");
        var server = redis.GetServers().Single();

        var appendOnly = await server.ConfigGetAsync("appendonly");
        var fsync = await server.ConfigGetAsync("appendfsync");

        Assert.Equal("yes", Assert.Single(appendOnly).Value);
        Assert.Equal("always", Assert.Single(fsync).Value);
    }

    [Fact]
    public async Task PostgreSQL_and_Redis_killed_come_back_on_their_own_and_the_suite_answers_within_seconds()
    {
        var tickets = await TicketsAsync();
        var before = await tickets.CreateTicketAsync(Intake());
        var postgres = Processes.ChildNamed(suite.ProcessId(ResourceNames.Postgres), "postgres");
        var redis = Processes.ChildNamed(suite.ProcessId(ResourceNames.Redis), "redis-server");

        Processes.Signal(postgres, "KILL");
        Processes.Signal(redis, "KILL");
        // The tests' own pooled connections died with the server; the next test must not be handed one.
        NpgsqlConnection.ClearAllPools();
        var outage = Stopwatch.StartNew();
        var after = await Eventually.ValueAsync(async () =>
        {
            try
            {
                return await tickets.CreateTicketAsync(Intake(), deadline: DateTime.UtcNow.AddSeconds(10));
            }
            catch (RpcException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(60));

        Assert.True(outage.Elapsed < TimeSpan.FromSeconds(30), $"Intake answered again only after {outage.Elapsed}.");
        Assert.NotEqual(postgres, Processes.ChildNamed(suite.ProcessId(ResourceNames.Postgres), "postgres"));
        Assert.NotEqual(redis, Processes.ChildNamed(suite.ProcessId(ResourceNames.Redis), "redis-server"));
        Assert.Equal(before, await tickets.GetTicketAsync(new GetTicketRequest { TicketId = before.TicketId }));
        await suite.AssertBilledOnceAsync(before);
        await suite.AssertBilledOnceAsync(after);
    }

    /// <summary>
    /// The handler is caught in flight without a hook in the product: the test holds a lock on billing's
    /// accounts table, so billing's consumer waits inside its transaction, past the inbox check, until
    /// the process is killed.
    /// </summary>
    [Fact]
    public async Task Billing_killed_mid_handler_opens_the_account_once_after_it_is_started_again()
    {
        var billingDb = await suite.App.GetConnectionStringAsync(ResourceNames.Database(ResourceNames.Billing))
            ?? throw new InvalidOperationException("Billing has no database connection string.");
        await using var blocker = new NpgsqlConnection(billingDb);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockAccounts = new NpgsqlCommand($"LOCK TABLE \"{ResourceNames.Billing}\".\"TicketAccounts\" IN ACCESS EXCLUSIVE MODE", blocker, hold))
        {
            await lockAccounts.ExecuteNonQueryAsync();
        }

        var ticket = await (await TicketsAsync()).CreateTicketAsync(Intake());
        await Eventually.ValueAsync(async () => await BillingWaitsForTheLockAsync(billingDb) ? "in flight" : null, TimeSpan.FromSeconds(60));
        var service = BillingProcess();
        Processes.Signal(service, "KILL");
        await hold.RollbackAsync();

        await suite.StartAgainAsync(ResourceNames.Billing);

        Assert.DoesNotContain(service, Processes.Descendants(suite.ProcessId(ResourceNames.Billing)));
        await suite.AssertBilledOnceAsync(ticket);
    }

    private static async Task<bool> BillingWaitsForTheLockAsync(string billingDb)
    {
        await using var connection = new NpgsqlConnection(billingDb);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await waiting.ExecuteScalarAsync())! > 0;
    }

    /// <summary>The billing service's own process, below whatever DCP started for it.</summary>
    private int BillingProcess()
    {
        var launched = suite.ProcessId(ResourceNames.Billing);
        return new[] { launched }.Concat(Processes.Descendants(launched))
            .Last(pid => Processes.CommandLine(pid) is var line && line.Contains("AfterSales.Billing", StringComparison.Ordinal) && !line.Contains(" run ", StringComparison.Ordinal));
    }
}
