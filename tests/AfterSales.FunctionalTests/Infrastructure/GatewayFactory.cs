extern alias gateway;

using System.Globalization;
using AfterSales.TestKit;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace AfterSales.FunctionalTests.Infrastructure;

/// <summary>
/// The YARP gateway running for real in front of the suite's services: Kestrel on two loopback ports
/// (JSON over HTTP/1.1 and gRPC over h2c, as under the AppHost), the services found through service
/// discovery configuration, tokens validated against the test token server.
/// </summary>
/// <remarks>
/// The gateway's Program is top-level and every service's Program is in the global namespace too, so
/// the gateway project is referenced under the alias <c>gateway</c> and its Program named through it.
/// </remarks>
public sealed class GatewayFactory : WebApplicationFactory<gateway::Program>
{
    private readonly Dictionary<string, string?> _settings;

    public GatewayFactory(IReadOnlyDictionary<string, string?> settings)
    {
        GrpcPort = LocalServers.NextFreePort();
        HttpPort = LocalServers.NextFreePort();
        _settings = new Dictionary<string, string?>(settings)
        {
            ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{GrpcPort.ToString(CultureInfo.InvariantCulture)}",
            ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}",
        };
        UseKestrel();
        StartServer();
        HttpAddress = new Uri($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}");
    }

    public int GrpcPort { get; }
    public int HttpPort { get; }

    /// <summary>Where partner stations call: gRPC over HTTP/2 without TLS.</summary>
    public string GrpcAddress => $"http://127.0.0.1:{GrpcPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Where web front ends call: JSON over HTTP/1.1.</summary>
    public Uri HttpAddress { get; }

    /// <summary>A gRPC channel to the gateway whose calls carry the caller's token.</summary>
    public GrpcChannel ChannelAs(Func<Task<string>> caller) => Bearer.Channel(GrpcAddress, caller);

    /// <summary>A gRPC channel to the gateway whose calls carry no token.</summary>
    public GrpcChannel AnonymousChannel() => GrpcChannel.ForAddress(GrpcAddress);

    /// <summary>An HTTP client for the gateway's JSON surface, as the caller.</summary>
    public HttpClient HttpAs(Func<Task<string>> caller) => Bearer.Http(HttpAddress, caller);

    /// <summary>An HTTP client for the gateway's JSON surface, without a token.</summary>
    public HttpClient AnonymousHttp() => new() { BaseAddress = HttpAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.AddProvider(LogWatch.Instance));
        // Host settings reach Program.cs before it reads them, unlike ConfigureAppConfiguration's.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
