using System.Security.Claims;
using AfterSales.Identity.Model;
using AfterSales.Identity.Services;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AfterSales.Identity.Endpoints;

/// <summary>
/// The OAuth 2.0 token endpoint. OpenIddict has validated the request before it gets here: the client is
/// known, a confidential client's secret is right, the grant type and the scope are ones the client may
/// use. What is left is deciding who the caller is and what its token says.
/// </summary>
internal static class TokenEndpoint
{
    public const string Path = "connect/token";

    /// <summary>Deliberately vague: which of the three it was would tell an attacker which names exist.</summary>
    public const string StaffRefusal = "The user name or password is wrong, or the account is disabled.";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ExchangeAsync);
        return endpoints;
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext http, IOpenIddictApplicationManager applications, StaffSignIn staff, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The token request did not pass through OpenIddict.");
        if (request.IsClientCredentialsGrantType())
        {
            return await IssueForStationAsync(request.ClientId!, applications, cancellationToken);
        }
        if (request.IsPasswordGrantType())
        {
            return await IssueForStaffAsync(request.Username!, request.Password!, staff, cancellationToken);
        }
        throw new InvalidOperationException($"The grant type '{request.GrantType}' is allowed but not handled.");
    }

    private static async Task<IResult> IssueForStationAsync(
        string clientId, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken)
            ?? throw new InvalidOperationException($"The authenticated client '{clientId}' is not registered.");
        // Only stations use client credentials. A client registered without its station is refused rather
        // than given a token without station_id, which services would read as internal staff's.
        if (ClientRegistrations.StationIdOf(await applications.GetPropertiesAsync(application, cancellationToken)) is not { } stationId)
        {
            return Refuse(Errors.UnauthorizedClient, "This client is not registered for a station.");
        }
        return SignIn(AccessTokens.ForStation(clientId, stationId));
    }

    private static async Task<IResult> IssueForStaffAsync(
        string userName, string password, StaffSignIn staff, CancellationToken cancellationToken)
    {
        return await staff.SignInAsync(userName, password, cancellationToken) switch
        {
            { User: { } user } => SignIn(AccessTokens.ForStaff(user)),
            { LockedUntil: { } until } => Refuse(Errors.InvalidGrant, SignInThrottles.LockedOut(until)),
            _ => Refuse(Errors.InvalidGrant, StaffRefusal),
        };
    }

    private static IResult SignIn(ClaimsPrincipal principal) =>
        Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
