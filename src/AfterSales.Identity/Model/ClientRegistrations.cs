using System.Text.Json;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AfterSales.Identity.Model;

/// <summary>
/// The two kinds of OAuth client the suite has, as OpenIddict applications: partner stations, which
/// authenticate with a secret and speak for one station, and the internal web front ends staff sign in
/// through.
/// </summary>
public static class ClientRegistrations
{
    /// <summary>The application property holding a station client's station id.</summary>
    public const string StationIdProperty = "station_id";

    /// <summary>A partner station's client: confidential, client credentials only.</summary>
    public static OpenIddictApplicationDescriptor Station(string clientId, string secret, string displayName, Guid stationId) => new()
    {
        ClientId = clientId,
        ClientSecret = secret,
        ClientType = ClientTypes.Confidential,
        DisplayName = displayName,
        Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + AccessTokens.Scope },
        Properties = { [StationIdProperty] = JsonSerializer.SerializeToElement(stationId) },
    };

    /// <summary>
    /// An internal web front end: a public client (it runs where it cannot keep a secret) through which
    /// staff sign in with their own password.
    /// </summary>
    public static OpenIddictApplicationDescriptor StaffFrontEnd(string clientId, string displayName) => new()
    {
        ClientId = clientId,
        ClientType = ClientTypes.Public,
        DisplayName = displayName,
        Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.Password, Permissions.Prefixes.Scope + AccessTokens.Scope },
    };

    /// <summary>The station a client speaks for; null when its registration names none or a malformed one.</summary>
    public static Guid? StationIdOf(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(StationIdProperty, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var id)
            ? id
            : null;
}
