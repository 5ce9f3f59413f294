using Microsoft.Extensions.Configuration;

namespace AfterSales.Platform.Grpc;

/// <summary>
/// How big a request a service takes: a gRPC message of at most <c>Grpc:MaxReceiveMessageSize</c> bytes
/// (1 MiB unless the service's configuration says more, as documents does for its 10 MiB files) and a JSON
/// body of twice that, as base64 and escapes make JSON bigger than protobuf. Anything bigger is refused
/// before it is read: RESOURCE_EXHAUSTED for gRPC, 413 for JSON (<see cref="ProblemDetailsForJsonMiddleware"/>).
/// </summary>
public sealed record RequestSizeLimits(int MaxReceiveMessageSize)
{
    public const string ConfigurationKey = "Grpc:MaxReceiveMessageSize";

    /// <summary>Ample for any request but a document's content; gRPC's own default is 4 MiB.</summary>
    public const int DefaultMaxReceiveMessageSize = 1024 * 1024;

    public long MaxJsonBodySize => 2L * MaxReceiveMessageSize;

    public static RequestSizeLimits From(IConfiguration configuration)
    {
        var size = configuration.GetValue(ConfigurationKey, DefaultMaxReceiveMessageSize);
        return size > 0 ? new RequestSizeLimits(size) : throw new InvalidOperationException($"{ConfigurationKey} must be a positive number of bytes.");
    }
}
