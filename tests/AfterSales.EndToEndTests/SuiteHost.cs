using AfterSales.ServiceDefaults;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;

namespace AfterSales.EndToEndTests;

/// <summary>
/// The whole suite as a user runs it: the real AppHost in local infrastructure mode (this machine's
/// PostgreSQL and redis-server, fresh data in a temp folder), every service, the gateway and the
/// dashboard, on ports the testing builder picks, so a developer's own running suite is not disturbed.
/// </summary>
public sealed class SuiteHost : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"aftersales-e2e-{Guid.NewGuid():N}");

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>How long from start to a healthy gateway (every service healthy before it).</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The gateway as partner stations see it: gRPC over HTTP/2.</summary>
    public GrpcChannel Gateway { get; private set; } = null!;

    /// <summary>The gateway as web front ends see it: JSON over HTTP/1.1.</summary>
    public HttpClient GatewayJson { get; private set; } = null!;

    /// <summary>The dashboard's telemetry API, with its API key set.</summary>
    public HttpClient Dashboard { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var apiKey = Guid.NewGuid().ToString("N");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AfterSales_AppHost>(
        [
            "--Infrastructure:Mode=local",
            $"--Infrastructure:DataDirectory={_dataDirectory}",
            $"--AppHost:DashboardApiKey={apiKey}",
        ], (options, _) => options.DisableDashboard = false);

        var started = TimeProvider.System.GetTimestamp();
        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Gateway, timeout.Token);
        StartupTime = TimeProvider.System.GetElapsedTime(started);

        Gateway = GrpcChannel.ForAddress(App.GetEndpoint(ResourceNames.Gateway, ResourceNames.GrpcEndpoint));
        GatewayJson = new HttpClient { BaseAddress = App.GetEndpoint(ResourceNames.Gateway, ResourceNames.HttpEndpoint) };
        Dashboard = new HttpClient { BaseAddress = App.GetEndpoint(DashboardResource, "http") };
        Dashboard.DefaultRequestHeaders.Add("x-api-key", apiKey);
    }

    public async Task DisposeAsync()
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

    /// <summary>The resource name Aspire gives the dashboard it starts.</summary>
    private const string DashboardResource = "aspire-dashboard";
}
