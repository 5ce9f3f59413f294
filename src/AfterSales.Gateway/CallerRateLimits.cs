using System.Security.Claims;
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
internal static class CallerRateLimits
{
    public const string Policy = "per-caller";

    public static IHostApplicationBuilder AddCallerRateLimits(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration.GetSection("Gateway:RateLimits");
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context =>
            {
                var caller = CallerKey(context);
                var limits = configuration.GetSection($"Callers:{caller}") is { } specific && specific.Exists()
                    ? specific
                    : configuration.GetSection("Default");
                var perSecond = limits.GetValue("PermitsPerSecond", 200);
                var burst = limits.GetValue("Burst", perSecond * 2);
                return RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = (context, cancellationToken) => RejectAsync(context.HttpContext, cancellationToken);
        });
        return builder;
    }

    /// <summary>Stations by client id, staff by user, anonymous callers by address.</summary>
    private static string CallerKey(HttpContext context) =>
        context.User.FindFirstValue("sub") ?? context.User.FindFirstValue("client_id") ?? $"address:{context.Connection.RemoteIpAddress}";

    private static async ValueTask RejectAsync(HttpContext context, CancellationToken cancellationToken)
    {
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
