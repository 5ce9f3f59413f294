using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Validation.AspNetCore;

namespace Microsoft.Extensions.Hosting;

public static class TokenValidation
{
    /// <summary>The audience every access token of the suite is issued for.</summary>
    public const string Audience = "aftersales-api";

    /// <summary>
    /// Validates access tokens issued by the suite's token server. Its issuer (<c>Identity:Issuer</c>,
    /// by default <c>http://identity/</c>) is its service-discovery name, so signing keys are fetched
    /// through service discovery. Every endpoint then requires a valid token unless it allows anonymous
    /// callers; the gateway and each service check, so a call that bypasses the gateway gains nothing.
    /// </summary>
    public static TBuilder AddTokenValidation<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenIddict().AddValidation(options =>
        {
            options.SetIssuer(builder.Configuration["Identity:Issuer"] ?? "http://identity/");
            options.AddAudiences(Audience);
            options.UseSystemNetHttp();
            // Tokens only in the Authorization header: never read a form body (the gateway must forward it
            // untouched, e.g. to the token endpoint) or a query string (where tokens end up in logs).
            options.UseAspNetCore()
                .DisableAccessTokenExtractionFromBodyForm()
                .DisableAccessTokenExtractionFromQueryString();
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RememberedTokens.Memory>();
        builder.Services.AddAuthentication(RememberedTokens.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, RememberedTokens>(RememberedTokens.SchemeName, configureOptions: null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
