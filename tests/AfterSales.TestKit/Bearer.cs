using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;

namespace AfterSales.TestKit;

/// <summary>Channels and clients whose every call carries a caller's access token.</summary>
public static class Bearer
{
    /// <summary>A gRPC channel to <paramref name="address"/> (h2c) whose calls carry the token <paramref name="token"/> gives.</summary>
    public static GrpcChannel Channel(string address, Func<Task<string>> token) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor(async (_, metadata) =>
            metadata.Add("authorization", $"Bearer {await token()}"))),
        UnsafeUseInsecureChannelCallCredentials = true,
    });

    /// <inheritdoc cref="Channel(string, Func{Task{string}})"/>
    public static GrpcChannel Channel(Uri address, Func<Task<string>> token) => Channel(address.ToString(), token);

    /// <summary>An HTTP client for <paramref name="address"/> whose requests carry the token <paramref name="token"/> gives.</summary>
    public static HttpClient Http(Uri address, Func<Task<string>> token) =>
        new(new BearerHandler(token) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = address };

    /// <summary>The token as a caller, for a token a test already holds.</summary>
    public static Func<Task<string>> Of(string token) => () => Task.FromResult(token);

    /// <summary>Metadata carrying the token, for one gRPC call.</summary>
    public static Metadata Metadata(string token) => new() { { "authorization", $"Bearer {token}" } };

    private sealed class BearerHandler(Func<Task<string>> token) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", await token());
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
