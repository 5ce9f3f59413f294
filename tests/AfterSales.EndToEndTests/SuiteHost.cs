using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Billing.V1;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.EndToEndTests;

/// <summary>
/// The whole suite as a user runs it: the real AppHost in local infrastructure mode (this machine's
/// PostgreSQL and redis-server, fresh data in a temp folder), every service, the gateway and the
/// dashboard, on ports the testing builder picks, so a developer's own running suite is not disturbed.
/// </summary>
public class SuiteHost : IAsyncLifetime
{

    /// <summary>How long the suite, or a resource started again, may take to be healthy.</summary>
    protected virtual TimeSpan StartTimeout => TimeSpan.FromMinutes(4);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"aftersales-e2e-{Guid.NewGuid():N}");

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>How long from start to a healthy gateway (every service healthy before it).</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The gateway as partner stations see it: gRPC over HTTP/2.</summary>
    public GrpcChannel Gateway { get; private set; } = null!;

    /// <summary>The gateway as web front ends see it: JSON over HTTP/1.1.</summary>
    public HttpClient GatewayJson { get; private set; } = null!;

    /// <summary>Tokens for the seeded demo stations and staff, from the gateway's token endpoint.</summary>
    public Callers Callers { get; private set; } = null!;

    /// <summary>A channel to the gateway whose calls carry <paramref name="token"/>.</summary>
    public GrpcChannel GatewayAs(string token) => Bearer.Channel(App.GetEndpoint(ResourceNames.Gateway, ResourceNames.GrpcEndpoint), Bearer.Of(token));

    /// <summary>Stops a resource, runs <paramref name="meanwhile"/>, starts it again and waits until it is healthy.</summary>
    public async Task WhileStoppedAsync(string resource, Func<Task> meanwhile)
    {
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var stopped = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, timeout.Token);
        Assert.True(stopped.Success, $"Stopping {resource}: {stopped.Message}");
        await App.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text is "Exited" or "Finished" or "Stopped" or "FailedToStart", timeout.Token);
        await meanwhile();
        var started = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, timeout.Token);
        Assert.True(started.Success, $"Starting {resource}: {started.Message}");
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    /// <summary>
    /// The process DCP started for a resource: for PostgreSQL and Redis the local script that supervises
    /// the server, for a project what launches it (the service itself or the <c>dotnet run</c> above it).
    /// </summary>
    public int ProcessId(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var current)
        && current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{resource} has no process.");

    /// <summary>Starts a resource that stopped (or was killed), and waits until it is healthy.</summary>
    public async Task StartAgainAsync(string resource)
    {
        var commands = App.Services.GetRequiredService<ResourceCommandService>();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text is "Exited" or "Finished" or "Stopped" or "FailedToStart", timeout.Token);
        var started = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, timeout.Token);
        Assert.True(started.Success, $"Starting {resource}: {started.Message}");
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    /// <summary>Billing opened its account of the ticket, and its audit trail shows it was opened once.</summary>
    public async Task AssertBilledOnceAsync(Ticket ticket)
    {
        var billing = new BillingService.BillingServiceClient(GatewayAs(await Callers.StationAsync("station-hangzhou")));
        var account = await Eventually.AnsweredAsync(() => billing.GetTicketAccountAsync(new GetTicketAccountRequest { TicketId = ticket.TicketId }).ResponseAsync,
            TimeSpan.FromSeconds(90), StatusCode.Unavailable);
        Assert.Equal(ticket.Number, account.TicketNumber);
        Assert.Equal(ticket.Category, account.Category);

        var manager = await Callers.StaffAsync("manager");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/billing/v1/audit-entries?entityId={ticket.TicketId}");
        request.Headers.Authorization = new("Bearer", manager);
        using var response = await GatewayJson.SendAsync(request);
        var trail = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, trail.ToString());
        var added = trail.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("change").GetString() == "ADDED").ToList();
        Assert.Single(added);
        Assert.Equal("system", added[0].GetProperty("actor").GetString());
    }

    /// <summary>The dashboard's telemetry API, with its API key set.</summary>
    public HttpClient Dashboard { get; private set; } = null!;

    private readonly string _demoPassword = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Where PostgreSQL and Redis come from, and anything else the AppHost is told: here local mode, its servers
    /// started by the AppHost on throw-away data, with demo identities.
    /// </summary>
    protected virtual Task<IReadOnlyList<string>> AppHostArgumentsAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        return Task.FromResult<IReadOnlyList<string>>(
        [
            "--Infrastructure:Mode=local",
            $"--Infrastructure:DataDirectory={_dataDirectory}",
            $"--Parameters:demo-password={_demoPassword}",
        ]);
    }

    /// <summary>Once the suite runs: the secret or password of each caller the tests sign in as (here the demo identities').</summary>
    protected virtual Task<Func<string, string>> CredentialsAsync() =>
        Task.FromResult<Func<string, string>>(name => DemoCredentials.SecretFor(_demoPassword, name));

    public async Task InitializeAsync()
    {
        var apiKey = Guid.NewGuid().ToString("N");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AfterSales_AppHost>(
        [
            .. await AppHostArgumentsAsync(),
            $"--AppHost:DashboardApiKey={apiKey}",
        ], (options, _) => options.DisableDashboard = false);

        var started = TimeProvider.System.GetTimestamp();
        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        // Every instance's latest state (a replicated service's instances have names of their own), to say why a start failed.
        var instances = new System.Collections.Concurrent.ConcurrentDictionary<string, ResourceEvent>();
        _ = Task.Run(async () =>
        {
            await foreach (var resourceEvent in App.ResourceNotifications.WatchAsync(timeout.Token))
            {
                instances[resourceEvent.ResourceId] = resourceEvent;
            }
        }, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        try
        {
            await App.StartAsync(timeout.Token);
            await App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Gateway, timeout.Token);
        }
        catch (OperationCanceledException ex)
        {
            throw new TimeoutException($"The suite was not healthy within {StartTimeout}: {string.Join("; ", instances.Values.OrderBy(e => e.ResourceId).Select(Describe))}", ex);
        }
        StartupTime = TimeProvider.System.GetElapsedTime(started);

        Gateway = GrpcChannel.ForAddress(App.GetEndpoint(ResourceNames.Gateway, ResourceNames.GrpcEndpoint));
        GatewayJson = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.Gateway, ResourceNames.HttpEndpoint) };
        Dashboard = new HttpClient { BaseAddress = App.GetEndpoint(DashboardResource, "http") };
        Dashboard.DefaultRequestHeaders.Add("x-api-key", apiKey);
        Callers = new Callers(() => GatewayJson, await CredentialsAsync());
        await WarmUpAsync();
    }

    /// <summary>
    /// A cold suite's first call between services (JIT, the first HTTP/2 connection, the first database and
    /// Redis round trips) can outlast the 5 s deadline of a service-to-service call on this loaded 2-core
    /// machine. One intake of an unknown serial number goes the whole way (gateway, tickets, customers)
    /// and creates nothing; the tests then measure a warm suite, as a station meets it after the first minute.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var tickets = new TicketService.TicketServiceClient(GatewayAs(await Callers.StationAsync("station-hangzhou")));
        try
        {
            await tickets.CreateTicketAsync(Requests.Intake("WARM-UP-NO-SUCH-SERIAL"), deadline: DateTime.UtcNow.AddMinutes(1));
        }
        catch (RpcException)
        {
            // Refused (no such asset), as meant.
        }
    }

    public virtual async Task DisposeAsync()
    {
        Gateway?.Dispose();
        GatewayJson?.Dispose();
        Dashboard?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; harmless.
        }
    }

    /// <summary>An instance's state and health, and what its failing health checks say.</summary>
    private static string Describe(ResourceEvent e) =>
        $"{e.ResourceId} {e.Snapshot.State?.Text} {e.Snapshot.HealthStatus} {string.Join(',', e.Snapshot.HealthReports.Where(h => h.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy).Select(h => $"[{h.Name}: {h.Description} {h.ExceptionText?.Split('\n')[0]}]"))}";

    /// <summary>The resource name Aspire gives the dashboard it starts.</summary>
    private const string DashboardResource = "aspire-dashboard";
}

/// <summary>One suite for every end-to-end class: it starts once, and classes take turns with it.</summary>
[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteHost>
{
    public const string Name = "suite";
}
