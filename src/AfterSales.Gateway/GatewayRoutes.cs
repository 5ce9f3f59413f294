using AfterSales.ServiceDefaults;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace AfterSales.Gateway;

/// <summary>
/// One rule per service, not per endpoint: everything of <c>aftersales.&lt;service&gt;.*</c> (gRPC from
/// partner stations) and of <c>/api/&lt;service&gt;/</c> (JSON from web front ends, transcoded by the
/// service itself) goes to that service's gRPC endpoint over h2c. A new RPC needs no gateway change.
/// Every route but the token endpoint requires a valid token and counts against the caller's rate limit.
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
                AuthorizationPolicy = CallerPolicy,
                RateLimiterPolicy = CallerRateLimits.Policy,
            },
            // The platform services every service hosts (audit trail, parked events): the header says whose.
            new RouteConfig
            {
                RouteId = $"{service}-platform",
                ClusterId = service,
                Match = new RouteMatch
                {
                    Path = "/aftersales.platform.{version}.{grpcService}/{method}",
                    Headers = [new RouteHeader { Name = ServiceHeader, Values = [service], Mode = HeaderMatchMode.ExactHeader }],
                },
                AuthorizationPolicy = CallerPolicy,
                RateLimiterPolicy = CallerRateLimits.Policy,
            },
            new RouteConfig
            {
                RouteId = $"{service}-json",
                ClusterId = service,
                Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
                AuthorizationPolicy = CallerPolicy,
                RateLimiterPolicy = CallerRateLimits.Policy,
            },
        }),
        // Getting a token is the one thing an unauthenticated caller may do. Limited per address and per
        // station client rather than per caller (CallerRateLimits' token request limits).
        new RouteConfig
        {
            RouteId = "token",
            ClusterId = ResourceNames.Identity,
            Match = new RouteMatch { Path = TokenPath, Methods = ["POST"] },
            AuthorizationPolicy = "anonymous",
        },
    ];

    /// <summary>The token server's token endpoint, as callers reach it through the gateway.</summary>
    public const string TokenPath = "/connect/token";

    /// <summary>Names the service a gRPC call to a platform service (aftersales.platform.*) is for.</summary>
    public const string ServiceHeader = "x-aftersales-service";

    /// <summary>YARP's name for the default policy: an authenticated caller with a token of the suite.</summary>
    private const string CallerPolicy = "default";

    public static IReadOnlyList<ClusterConfig> Clusters() =>
    [
        new ClusterConfig
        {
            ClusterId = ResourceNames.Identity,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [ResourceNames.Identity] = new() { Address = $"http://_{ResourceNames.HttpEndpoint}.{ResourceNames.Identity}" },
            },
        },
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
