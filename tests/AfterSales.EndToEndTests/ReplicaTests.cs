using System.Security.Cryptography;
using AfterSales.Billing.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Aspire.Hosting.ApplicationModel;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Xunit.Abstractions;

namespace AfterSales.EndToEndTests;

/// <summary>
/// The suite as production runs it: external mode, against a PostgreSQL and a Redis started here outside the
/// AppHost (this machine's servers, each service's account provisioned as the README tells an operator), the
/// token server's signing key given, no demo identities (the tests' callers are issued with the token server's
/// own administration commands, as an operator issues them), and two instances each of tickets and billing.
/// </summary>
public sealed class ScaledOutSuiteHost : SuiteHost
{
    /// <summary>The Hangzhou station of the demo data (services still seed it in Development), whose client is issued here.</summary>
    private const string HangzhouStation = "0a000000-0000-4000-8000-000000000001";

    private LocalServers? _servers;

    /// <summary>Four more instances, each starting cold on two cores.</summary>
    protected override TimeSpan StartTimeout => TimeSpan.FromMinutes(8);

    protected override async Task<IReadOnlyList<string>> AppHostArgumentsAsync()
    {
        _servers = await LocalServers.StartAsync();
        using var signingKey = RSA.Create(2048);
        return
        [
            "--Infrastructure:Mode=external",
            $"--Parameters:{"identity-signing-key"}={signingKey.ExportPkcs8PrivateKeyPem()}",
            $"--ConnectionStrings:{ResourceNames.Database(ResourceNames.Identity)}={_servers.ServiceDatabase(ResourceNames.Identity)}",
            .. ResourceNames.Services.SelectMany(service => new[]
            {
                $"--ConnectionStrings:{ResourceNames.Database(service)}={_servers.ServiceDatabase(service)}",
                $"--ConnectionStrings:{ResourceNames.RedisUser(service)}={_servers.ServiceRedis(service)}",
            }),
            $"--AppHost:Replicas:{ResourceNames.Tickets}=2",
            $"--AppHost:Replicas:{ResourceNames.Billing}=2",
        ];
    }

    /// <summary>The callers the tests use, issued on the running suite's token server database.</summary>
    protected override async Task<Func<string, string>> CredentialsAsync()
    {
        var secrets = new Dictionary<string, string>
        {
            ["station-hangzhou"] = await IdentityCommandAsync("register-station", "station-hangzhou", HangzhouStation, "杭州西湖特约服务站"),
            ["dispatcher"] = await IdentityCommandAsync("add-staff", "dispatcher", "黄磊", "dispatcher"),
            ["manager"] = await IdentityCommandAsync("add-staff", "manager", "林志强", "manager"),
        };
        return name => secrets[name];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_servers is not null)
        {
            await _servers.DisposeAsync();
        }
    }

    /// <summary>Runs one of the token server's administration commands, as an operator would; returns the secret it printed.</summary>
    private async Task<string> IdentityCommandAsync(params string[] arguments)
    {
        var result = await Commands.RunAsync("dotnet",
        [
            "run", "--no-build", "--no-launch-profile", "--project", new Projects.AfterSales_Identity().ProjectPath, "--",
            .. arguments,
            $"--ConnectionStrings:{ResourceNames.Database(ResourceNames.Identity)}={_servers!.ServiceDatabase(ResourceNames.Identity)}",
        ]);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Error}");
        return result.Output.Trim().Split('\n')[^1].Trim();
    }
}

/// <summary>Runs alone, after the shared suite's classes: two suites at once would not fit this machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaledOutSuiteCollection : ICollectionFixture<ScaledOutSuiteHost>
{
    public const string Name = "scaled-out-suite";
}

/// <summary>
/// Two replicas of tickets and of billing behind the gateway, as a scaled-out deployment runs them: calls are
/// shared between them, both relay tickets' outbox and evaluate its SLA clocks, both consume billing's events,
/// and still every ticket gets one account and every threshold a clock crossed one escalation.
/// </summary>
[Collection(ScaledOutSuiteCollection.Name)]
public class ReplicaTests(ScaledOutSuiteHost suite, ITestOutputHelper output)
{
    private const int Tickets = 12;

    [Fact]
    public async Task With_two_replicas_of_tickets_and_billing_each_ticket_has_one_account_and_each_crossed_threshold_one_escalation()
    {
        Assert.Equal(2, Replicas(ResourceNames.Tickets));
        Assert.Equal(2, Replicas(ResourceNames.Billing));
        var dispatcher = await suite.Callers.StaffAsync("dispatcher");
        var tickets = new TicketService.TicketServiceClient(suite.GatewayAs(dispatcher));

        // Registered late by the company's dispatcher: received two days ago, so every clock is past due at once,
        // and both tickets replicas find each clock to escalate.
        var opened = await Task.WhenAll(Enumerable.Range(0, Tickets).Select(_ =>
        {
            var intake = Requests.Intake("CH-2026-0002", requestId: Guid.NewGuid().ToString());
            (intake.ReceivedAt, intake.LateRegistrationReason, intake.Priority) =
                (Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-2)), "客户来函周末收到", Priority.Emergency);
            return tickets.CreateTicketAsync(intake).ResponseAsync;
        }));

        foreach (var ticket in opened)
        {
            await suite.AssertBilledOnceAsync(ticket);
        }
        var ids = opened.Select(t => t.TicketId).ToHashSet();
        var manager = new TicketService.TicketServiceClient(suite.GatewayAs(await suite.Callers.StaffAsync("manager")));
        var escalations = await Eventually.ValueAsync(async () =>
        {
            var ours = await EscalationsAsync(manager, opened[0].StationId, ids);
            // Each ticket's clocks at risk and breached: at least its first response and arrival, twice each.
            return ours.GroupBy(e => e.TicketId).Count() == Tickets && ours.GroupBy(e => e.TicketId).All(g => g.Count() >= 4) ? ours : null;
        }, TimeSpan.FromSeconds(90));
        // A few more rounds of both replicas, to catch a second escalation of a threshold if one were coming.
        await Task.Delay(TimeSpan.FromSeconds(15));
        var final = await EscalationsAsync(manager, opened[0].StationId, ids);

        output.WriteLine($"{final.Count} escalations of {Tickets} tickets: {string.Join(", ", final.GroupBy(e => (e.Clock, e.Cause)).Select(g => $"{g.Key.Clock} {g.Key.Cause} x{g.Count()}"))}");
        Assert.Equal(escalations.Count, final.Count);
        Assert.Equal(final.Count, final.Select(e => (e.TicketId, e.Clock, e.Cause)).Distinct().Count());
        Assert.Equal(Tickets, opened.Select(t => t.Number).Distinct().Count());
    }

    /// <summary>The escalations of the tickets, at every level they go to.</summary>
    private static async Task<List<Escalation>> EscalationsAsync(TicketService.TicketServiceClient manager, string stationId, IReadOnlySet<string> ticketIds)
    {
        var all = new List<Escalation>();
        foreach (var level in new[] { EscalationLevel.Technician, EscalationLevel.StationDispatcher, EscalationLevel.ServiceManager, EscalationLevel.GeneralManager })
        {
            all.AddRange(await Paging.ReadAsync(
                token => manager.ListEscalationsAsync(new ListEscalationsRequest { Level = level, StationId = stationId, PageSize = 100, PageToken = token }).ResponseAsync,
                page => page.Escalations, page => page.NextPageToken));
        }
        return [.. all.Where(e => ticketIds.Contains(e.TicketId))];
    }

    /// <summary>How many instances of a resource the AppHost runs (the gateway waited for every one to be healthy).</summary>
    private int Replicas(string resource)
    {
        var model = suite.App.Services.GetService(typeof(DistributedApplicationModel)) as DistributedApplicationModel;
        var project = model!.Resources.Single(r => r.Name == resource);
        return project.GetReplicaCount();
    }
}
