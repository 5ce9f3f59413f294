using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AfterSales.Gateway;

/// <summary>
/// Per-caller rate limits: each partner station, staff user or (before sign-in) client address gets its
/// own token bucket, so one noisy caller cannot starve the rest. Limits come from configuration:
/// <c>Gateway:RateLimits:Default</c> and, per caller, <c>Gateway:RateLimits:Callers:&lt;subject&gt;</c> (a
/// station's client id, a staff user's id: the token's <c>sub</c>),
/// each with <c>PermitsPerSecond</c> and <c>Burst</c>. A refused call answers RESOURCE_EXHAUSTED to gRPC
/// callers and 429 with a problem body and Retry-After to JSON callers.
/// </summary>
/// <remarks>
/// Token requests have limits of their own, tighter because each costs the token server a deliberately
/// slow password or secret check: <c>Gateway:RateLimits:TokenRequests:PerAddress</c> (10 a second, bursts
/// of 20) for every token request from one address, and on top of it
/// <c>Gateway:RateLimits:TokenRequests:PerClient</c> (2 a second, bursts of 10) for a station's client
/// credentials, by the client id in the request. One address flooding the token endpoint uses up its own
/// allowance only, and a flood aimed at one station's client id (from however many addresses) uses up
/// that client's only: other stations still get their tokens. Refused token requests get 429 with
/// Retry-After and an OAuth error body.
/// </remarks>
internal static class CallerRateLimits
{
    public const string Policy = "per-caller";

    /// <summary>A token request is a short form; a bigger body is not read here (the address limit still counts it).</summary>
    private const int MaxPeekedTokenRequest = 8 * 1024;

    /// <summary>OpenIddict's longest client id; anything longer names no client.</summary>
    private const int MaxClientIdLength = 100;

    public static IHostApplicationBuilder AddCallerRateLimits(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration.GetSection("Gateway:RateLimits");
        builder.Services.AddSingleton<RateLimitMetrics>();
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context =>
            {
                var caller = CallerKey(context);
                return TokenBucket(caller, () => configuration.GetSection($"Callers:{caller}") is { } specific && specific.Exists()
                    ? specific
                    : configuration.GetSection("Default"), defaultPerSecond: 200);
            });
            // Applies to every request but limits token requests only: a token request must pass both its
            // address's bucket and, for client credentials, its client's.
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => context.Features.Get<TokenRequest>() is null
                    ? RateLimitPartition.GetNoLimiter("")
                    : TokenBucket($"address:{context.Connection.RemoteIpAddress}", () => configuration.GetSection("TokenRequests:PerAddress"), defaultPerSecond: 10)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => context.Features.Get<TokenRequest>()?.StationClientId is { } clientId
                    ? TokenBucket($"client:{clientId}", () => configuration.GetSection("TokenRequests:PerClient"), defaultPerSecond: 2, defaultBurst: 10)
                    : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = (context, cancellationToken) => RejectAsync(context.HttpContext, cancellationToken);
        });
        return builder;
    }

    /// <summary>Marks token requests (and reads a client-credentials request's client id) before the limits apply, then applies them.</summary>
    public static IApplicationBuilder UseCallerRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(GatewayRoutes.TokenPath, StringComparison.OrdinalIgnoreCase))
            {
                context.Features.Set(new TokenRequest(await StationClientIdAsync(context.Request)));
            }
            await next(context);
        });
        return app.UseRateLimiter();
    }

    /// <summary>
    /// A caller's bucket. Its limits are read from configuration when the bucket is made, once per caller: the
    /// partition is asked for on every call, and reading the section there was a visible share of the gateway's CPU.
    /// </summary>
    private static RateLimitPartition<string> TokenBucket(string key, Func<IConfigurationSection> limitsOf, int defaultPerSecond, int? defaultBurst = null) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ =>
        {
            var limits = limitsOf();
            var perSecond = limits.GetValue("PermitsPerSecond", defaultPerSecond);
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.GetValue("Burst", defaultBurst ?? perSecond * 2),
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            };
        });

    /// <summary>Stations by client id, staff by user, anonymous callers by address.</summary>
    private static string CallerKey(HttpContext context) =>
        context.User.FindFirstValue("sub") ?? context.User.FindFirstValue("client_id") ?? $"address:{context.Connection.RemoteIpAddress}";

    /// <summary>A request to the token endpoint, with the client id when it asks for client credentials.</summary>
    private sealed record TokenRequest(string? StationClientId);

    /// <summary>
    /// The client id of a client-credentials token request, from the form or from HTTP Basic; null for
    /// other grants and for a body too big or too broken to read. The body then goes on to the token
    /// server as it came: it is buffered, read and rewound.
    /// </summary>
    private static async Task<string?> StationClientIdAsync(HttpRequest request)
    {
        if (!request.HasFormContentType || request.ContentLength is not (> 0 and <= MaxPeekedTokenRequest))
        {
            return null;
        }
        request.EnableBuffering();
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return null; // the token server answers a broken form; the caller may have gone
        }
        finally
        {
            request.Body.Position = 0;
        }
        if (form["grant_type"] != "client_credentials")
        {
            return null;
        }
        var clientId = form["client_id"] is [{ Length: > 0 } fromForm] ? fromForm : BasicUserName(request.Headers.Authorization);
        return clientId is { Length: <= MaxClientIdLength } ? clientId : null;
    }

    /// <summary>The user part of HTTP Basic credentials, form-decoded as RFC 6749 §2.3.1 has clients encode it.</summary>
    private static string? BasicUserName(string? authorization)
    {
        const string scheme = "Basic ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[scheme.Length..].Trim()));
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? WebUtility.UrlDecode(credentials[..colon]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async ValueTask RejectAsync(HttpContext context, CancellationToken cancellationToken)
    {
        context.RequestServices.GetRequiredService<RateLimitMetrics>().Rejected(context.Features.Get<TokenRequest>() is not null);
        if (context.Features.Get<TokenRequest>() is not null)
        {
            // OAuth clients read the error from an OAuth error body (RFC 6749 §5.2).
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["error"] = "temporarily_unavailable",
                ["error_description"] = "Too many token requests from this address or for this client; retry after the time in Retry-After.",
            }, cancellationToken);
            return;
        }
        const string message = "Too many calls from this caller; slow down and retry shortly.";
        if (GatewayErrors.IsGrpc(context))
        {
            GatewayErrors.WriteGrpcStatus(context, GatewayErrors.ResourceExhausted, message);
            return;
        }
        context.Response.Headers.RetryAfter = "1";
        await GatewayErrors.WriteProblemAsync(context, StatusCodes.Status429TooManyRequests, "RESOURCE_EXHAUSTED", message, cancellationToken);
    }
}

/// <summary>Calls and token requests the gateway refused for their caller's rate (meter <c>AfterSales.Gateway</c>).</summary>
internal sealed class RateLimitMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _rejected = meters.Create("AfterSales.Gateway").CreateCounter<long>("aftersales.gateway.rate_limited", "{request}",
        "Requests refused by a rate limit: a caller's calls (limit=caller) or token requests (limit=token).");

    public void Rejected(bool tokenRequest) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("aftersales.rate_limit", tokenRequest ? "token" : "caller"));
}
