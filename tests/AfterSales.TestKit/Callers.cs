using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace AfterSales.TestKit;

/// <summary>
/// Real access tokens for the suite's callers from a token endpoint (the token server itself, or the
/// gateway's <c>/connect/token</c>): partner stations by client id, staff by user name, each with its own
/// secret (<paramref name="secretFor"/> of the client id or user name). Each token is asked for once and reused: tokens live an
/// hour, longer than any test run, and are self-contained, so they outlive any change to the data.
/// </summary>
public sealed class Callers(Func<HttpClient> tokenEndpoint, Func<string, string> secretFor)
{
    /// <summary>The internal front end staff sign in through (a public client, password grant).</summary>
    public const string WebFrontEnd = "web-frontend";

    /// <summary>The caller tests act as unless they say otherwise: internal staff that may see everything.</summary>
    public const string DefaultStaff = "admin";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _tokens = new();

    /// <summary>A partner station's token (client credentials).</summary>
    public Task<string> StationAsync(string clientId) => TokenAsync($"client:{clientId}", TokenRequests.ClientCredentials(clientId, secretFor(clientId)));

    /// <summary>A member of staff's token (the password grant of the internal front end).</summary>
    public Task<string> StaffAsync(string userName) => TokenAsync($"user:{userName}", TokenRequests.Password(userName, secretFor(userName)));

    /// <summary>The station as a caller, for <c>ChannelAs</c> and <c>HttpAs</c>.</summary>
    public Func<Task<string>> Station(string clientId) => () => StationAsync(clientId);

    /// <summary>The member of staff as a caller, for <c>ChannelAs</c> and <c>HttpAs</c>.</summary>
    public Func<Task<string>> Staff(string userName) => () => StaffAsync(userName);

    private async Task<string> TokenAsync(string key, Dictionary<string, string> form)
    {
        var token = _tokens.GetOrAdd(key, _ => new Lazy<Task<string>>(() => RequestAsync(key, form)));
        try
        {
            return await token.Value;
        }
        catch
        {
            // A refusal is not kept: the next test asks again (e.g. for a user it has just added).
            _tokens.TryRemove(KeyValuePair.Create(key, token));
            throw;
        }
    }

    private async Task<string> RequestAsync(string key, Dictionary<string, string> form)
    {
        using var response = await tokenEndpoint().PostAsync(TokenRequests.Path, new FormUrlEncodedContent(form));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The token endpoint refused {key}: {body}");
        }
        return body.GetProperty("access_token").GetString()!;
    }
}

/// <summary>The forms of the token requests the suite's callers make (RFC 6749 §4.3 and §4.4).</summary>
public static class TokenRequests
{
    public const string Path = "/connect/token";

    /// <summary>The suite's one scope.</summary>
    public const string Scope = "aftersales";

    public static Dictionary<string, string> ClientCredentials(string clientId, string secret) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = secret,
        ["scope"] = Scope,
    };

    public static Dictionary<string, string> Password(string userName, string password, string clientId = Callers.WebFrontEnd) => new()
    {
        ["grant_type"] = "password",
        ["client_id"] = clientId,
        ["username"] = userName,
        ["password"] = password,
        ["scope"] = Scope,
    };
}
