using AfterSales.ServiceDefaults;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace AfterSales.Gateway;

/// <summary>
/// One rule per service, not per endpoint: everything of <c>aftersales.&lt;service&gt;.*</c> (gRPC from
/// partner stations) and of <c>/api/&lt;service&gt;/</c> (JSON from web front ends, transcoded by the
/// service itself) goes to that service's gRPC endpoint over h2c. A new RPC needs no gateway change.
/// </summary>
internal static class GatewayRoutes
{
    public static IReadOnlyList<RouteConfig> Routes() =>
    [
        .. ResourceNames.Services.SelectMany(service => new[]
        {
            new RouteConfig
            {
                RouteId = $"{service}-grpc",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/aftersales.{service}.{{version}}.{{grpcService}}/{{method}}" },
            },
            new RouteConfig
            {
                RouteId = $"{service}-json",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
            },
        }),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters() =>
    [
        .. ResourceNames.Services.Select(service => new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                // Resolved by service discovery to the service's "grpc" endpoint (HTTP/2 only, no TLS).
                [service] = new() { Address = $"http://_{ResourceNames.GrpcEndpoint}.{service}" },
            },
            HttpRequest = new ForwarderRequestConfig
            {
                Version = System.Net.HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            },
        }),
    ];
}
