using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.ServiceDefaults;
using Grpc.Core;
using Grpc.Net.Client;

namespace AfterSales.EndToEndTests;

/// <summary>
/// Gets access tokens through the gateway's token endpoint, as partner stations and staff do, with each
/// demo caller's own secret derived from the AppHost's demo password.
/// </summary>
public sealed class Callers(HttpClient gatewayJson, string demoPassword)
{
    private readonly Dictionary<string, string> _tokens = [];

    /// <summary>A partner station's token (OAuth2 client credentials).</summary>
    public Task<string> StationAsync(string clientId) => TokenAsync(clientId, new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = DemoCredentials.SecretFor(demoPassword, clientId),
        ["scope"] = "aftersales",
    });

    /// <summary>A staff member's token (the password grant of the internal web front end).</summary>
    public Task<string> StaffAsync(string userName) => TokenAsync(userName, new()
    {
        ["grant_type"] = "password",
        ["client_id"] = "web-frontend",
        ["username"] = userName,
        ["password"] = DemoCredentials.SecretFor(demoPassword, userName),
        ["scope"] = "aftersales",
    });

    /// <summary>Metadata carrying the token, for a gRPC call.</summary>
    public static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    /// <summary>A channel whose every call carries the token.</summary>
    public static GrpcChannel Channel(Uri gateway, string token) => GrpcChannel.ForAddress(gateway, new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        })),
        UnsafeUseInsecureChannelCallCredentials = true,
    });

    private async Task<string> TokenAsync(string key, Dictionary<string, string> form)
    {
        if (_tokens.TryGetValue(key, out var cached))
        {
            return cached;
        }
        using var response = await gatewayJson.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"Token for {key} refused: {body}");
        return _tokens[key] = body.GetProperty("access_token").GetString()!;
    }
}
