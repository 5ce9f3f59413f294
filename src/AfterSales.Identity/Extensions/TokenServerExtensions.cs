using System.Security.Cryptography;
using AfterSales.Identity.Endpoints;
using AfterSales.Identity.Infrastructure;
using AfterSales.Identity.Model;
using Microsoft.IdentityModel.Tokens;

namespace AfterSales.Identity.Extensions;

internal static partial class TokenServerExtensions
{
    /// <summary>
    /// OpenIddict as the suite's token server: the token endpoint (with discovery and the signing keys at
    /// OpenIddict's default addresses) for the client credentials and password grants, issuing signed,
    /// unencrypted JWT access tokens that every service can validate on its own.
    /// </summary>
    public static void AddTokenServer(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TokenServerOptions.SectionName).Get<TokenServerOptions>() ?? new();

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(options.Issuer)
                    .SetTokenEndpointUris(TokenEndpoint.Path)
                    .AddEventHandler(DiscoveryUrisFromIssuer.Descriptor)
                    .AllowClientCredentialsFlow()
                    .AllowPasswordFlow()
                    .RegisterScopes(AccessTokens.Scope)
                    .SetAccessTokenLifetime(AccessTokens.Lifetime)
                    // The services read the claims themselves; the signature is what they trust.
                    .DisableAccessTokenEncryption()
                    // Stored token entries serve revocation and introspection, neither of which this
                    // server offers: the services validate the JWTs themselves. Storing them would only
                    // grow a table by one row per token, with nothing to prune it.
                    .DisableTokenStorage()
                    // OpenIddict requires an encryption key even so. Nothing this server issues is
                    // encrypted (no codes, no refresh tokens), so nothing is lost when the key goes.
                    .AddEphemeralEncryptionKey();

                if (string.IsNullOrWhiteSpace(options.SigningKey))
                {
                    server.AddEphemeralSigningKey();
                    if (!builder.Environment.IsDevelopment())
                    {
                        builder.Services.AddHostedService<EphemeralSigningKeyWarning>();
                    }
                }
                else
                {
                    server.AddSigningKey(RsaKeyFromPem(options.SigningKey));
                }

                foreach (var handler in ClientLockout.Descriptors)
                {
                    server.AddEventHandler(handler);
                }

                // TLS ends in front of the suite, so requests arrive here over plain HTTP.
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });
    }

    /// <summary>
    /// An RSA private key from PEM (PKCS#1 or PKCS#8). OpenIddict derives its key id from the modulus, so
    /// the same key keeps the same <c>kid</c> across restarts and replicas.
    /// </summary>
    internal static RsaSecurityKey RsaKeyFromPem(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa);
    }

    /// <summary>Says, at every start outside Development, that tokens will not survive a restart.</summary>
    private sealed partial class EphemeralSigningKeyWarning(ILogger<EphemeralSigningKeyWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogEphemeralSigningKey(logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "Identity:SigningKey is not set, so tokens are signed with a key made at start-up: "
            + "every token issued stops being valid when this process restarts, and replicas cannot validate each other's tokens. "
            + "Set Identity:SigningKey to an RSA private key in PEM.")]
        private static partial void LogEphemeralSigningKey(ILogger logger);
    }
}
