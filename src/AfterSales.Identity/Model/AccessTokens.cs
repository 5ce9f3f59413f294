using System.Security.Claims;
using AfterSales.Platform.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AfterSales.Identity.Model;

/// <summary>
/// What the suite's access tokens say, and so what every service that validates them relies on: one
/// audience, one scope, the caller's subject, and either the station it speaks for or the staff roles.
/// OpenIddict adds <c>client_id</c> (the client that asked: a station, or the front end staff signed in
/// through) to every token itself.
/// </summary>
public static class AccessTokens
{
    /// <summary>The one scope; every client may ask for it, and every token carries it.</summary>
    public const string Scope = "aftersales";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// A station's client: its subject is its client id, as RFC 9068 has it for tokens that no resource
    /// owner is involved in.
    /// </summary>
    public static ClaimsPrincipal ForStation(string clientId, Guid stationId)
    {
        var identity = NewIdentity(clientId);
        identity.SetClaim(Caller.StationIdClaim, stationId.ToString());
        return Finish(identity);
    }

    /// <summary>A member of staff: subject by id (stable when the user name changes), name and roles.</summary>
    public static ClaimsPrincipal ForStaff(StaffUser user)
    {
        var identity = NewIdentity(user.Id.ToString());
        identity.SetClaim(Claims.Name, user.DisplayName);
        identity.SetClaims(Claims.Role, [.. user.Roles]);
        if (user.StationId is { } stationId)
        {
            identity.SetClaim(Caller.StationIdClaim, stationId.ToString());
        }
        return Finish(identity);
    }

    private static ClaimsIdentity NewIdentity(string subject)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject);
        return identity;
    }

    private static ClaimsPrincipal Finish(ClaimsIdentity identity)
    {
        // Granted whether or not the client asked (RFC 6749 §3.3 lets the server apply a default scope):
        // it is the only scope, and a token without it would be refused everywhere.
        identity.SetScopes(Scope);
        identity.SetResources(TokenValidation.Audience);
        // Only access tokens are issued, and everything here is meant for the services that read them.
        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
