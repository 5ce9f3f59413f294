using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The authentication scheme of the gateway and every service: OpenIddict's validation, remembered. A station or
/// a front end sends one access token on every call for the token's whole life, and checking its RSA signature
/// and claims again each time was a sixth of the gateway's CPU (and as much of each service's). A token that
/// validated is remembered by its SHA-256 until it expires, for at most <see cref="MaxRemembered"/>; a token never
/// seen, altered or expired goes through the full validation, so nothing is answered here that OpenIddict would
/// refuse. The suite revokes no token before its expiry (access tokens are self-contained JWTs), so remembering
/// one changes no answer. Challenges and refusals are OpenIddict's own.
/// </summary>
internal sealed class RememberedTokens(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    RememberedTokens.Memory memory,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "aftersales-token";

    /// <summary>How long a validated token is remembered at most: a signing key withdrawn is honoured within it.</summary>
    public static readonly TimeSpan MaxRemembered = TimeSpan.FromMinutes(5);

    /// <summary>The validated tokens, bounded: a flood of distinct valid tokens evicts, it does not grow the process.</summary>
    internal sealed class Memory : IDisposable
    {
        public const int MaxTokens = 10_000;

        public MemoryCache Callers { get; } = new(new MemoryCacheOptions { SizeLimit = MaxTokens });

        public void Dispose() => Callers.Dispose();
    }

    private sealed record Remembered(ClaimsPrincipal Principal, AuthenticationProperties Properties);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        }
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)));
        var now = time.GetUtcNow();
        if (memory.Callers.TryGetValue(key, out Remembered? remembered) && remembered!.Properties.ExpiresUtc > now)
        {
            // Each request gets its own copy: handlers may add to the principal they are given.
            return AuthenticateResult.Success(new AuthenticationTicket(remembered.Principal.Clone(), remembered.Properties.Clone(), SchemeName));
        }

        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (result is { Succeeded: true, Principal: { } principal } && principal.GetExpirationDate() is { } expires && expires > now)
        {
            var properties = result.Properties?.Clone() ?? new AuthenticationProperties();
            properties.ExpiresUtc = expires;
            memory.Callers.Set(key, new Remembered(principal.Clone(), properties), new MemoryCacheEntryOptions
            {
                AbsoluteExpiration = expires < now + MaxRemembered ? expires : now + MaxRemembered,
                Size = 1,
            });
        }
        return result;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.ChallengeAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme, properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Context.ForbidAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme, properties);
}
