using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;

namespace AfterSales.FunctionalTests.Infrastructure;

/// <summary>
/// Real access tokens from the test token server, for the seeded demo callers: stations by client id
/// (station-hangzhou, station-ningbo) and staff by user name (admin, manager, dispatcher, ...), each with
/// its own demo secret.
/// </summary>
public sealed class TestCallers(Func<HttpClient> tokenServer, Func<string, string> demoSecret)
{
    /// <summary>The caller tests act as unless they say otherwise: internal staff that may see everything.</summary>
    public const string DefaultStaff = "admin";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _tokens = new();

    public Task<string> StationAsync(string clientId) => TokenAsync($"client:{clientId}", new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = demoSecret(clientId),
    });

    public Task<string> StaffAsync(string userName) => TokenAsync($"user:{userName}", new()
    {
        ["grant_type"] = "password",
        ["client_id"] = "web-frontend",
        ["username"] = userName,
        ["password"] = demoSecret(userName),
    });

    /// <summary>Tokens outlive a test's data reset: the token server's clients and users are reseeded unchanged.</summary>
    private Task<string> TokenAsync(string key, Dictionary<string, string> form) =>
        _tokens.GetOrAdd(key, _ => new Lazy<Task<string>>(async () =>
        {
            using var response = await tokenServer().PostAsync("/connect/token", new FormUrlEncodedContent(form));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The test token server refused {key}: {body}");
            }
            return body.GetProperty("access_token").GetString()!;
        })).Value;

    /// <summary>A gRPC channel to <paramref name="address"/> whose calls carry the token <paramref name="token"/> gives.</summary>
    public static GrpcChannel Channel(string address, Func<Task<string>> token) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor(async (_, metadata) =>
            metadata.Add("authorization", $"Bearer {await token()}"))),
        UnsafeUseInsecureChannelCallCredentials = true,
    });

    /// <summary>An HTTP client whose requests carry the token <paramref name="token"/> gives.</summary>
    public static HttpClient Http(Uri address, Func<Task<string>> token) =>
        new(new BearerHandler(token) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = address };

    private sealed class BearerHandler(Func<Task<string>> token) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", await token());
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
