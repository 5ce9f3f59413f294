using AfterSales.ServiceDefaults;
using System.Globalization;
using Yarp.ReverseProxy.Forwarder;

namespace AfterSales.Gateway;

/// <summary>
/// The gateway's own refusals, in each caller's language: gRPC callers get a gRPC status (a
/// trailers-only response, as a gRPC server would send), JSON callers a problem body.
/// </summary>
internal static class GatewayErrors
{
    public const int Unauthenticated = 16;
    public const int PermissionDenied = 7;
    public const int ResourceExhausted = 8;

    public static bool IsGrpc(HttpContext context) =>
        context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    public static void WriteGrpcStatus(HttpContext context, int code, string message)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = code.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }

    public static Task WriteProblemAsync(HttpContext context, int status, string grpcStatus, string detail, CancellationToken cancellationToken) =>
        Results.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["grpcStatus"] = grpcStatus, ["traceId"] = TraceIds.Current })
            .ExecuteAsync(context);

    /// <summary>401 and 403 from the authentication middleware carry no body; give them one.</summary>
    public static IApplicationBuilder UseCallerProblems(this IApplicationBuilder app) => app.UseStatusCodePages(async pages =>
    {
        var context = pages.HttpContext;
        var (code, name, detail) = context.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => (Unauthenticated, "UNAUTHENTICATED", "A valid access token is required: get one at /connect/token."),
            StatusCodes.Status403Forbidden => (PermissionDenied, "PERMISSION_DENIED", "Your token does not allow this call."),
            _ => (0, "", ""),
        };
        if (code == 0)
        {
            return;
        }
        if (IsGrpc(context))
        {
            WriteGrpcStatus(context, code, detail);
            return;
        }
        await WriteProblemAsync(context, context.Response.StatusCode, name, detail, context.RequestAborted);
    });

    /// <summary>
    /// When a service cannot be reached, JSON callers get a problem response instead of an empty 502.
    /// gRPC callers need nothing: their client turns 502/503/504 into UNAVAILABLE or DEADLINE_EXCEEDED.
    /// </summary>
    public static IReverseProxyApplicationBuilder UseProblemResponsesForProxyErrors(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            var error = context.GetForwarderErrorFeature();
            if (error is null || context.Response.HasStarted || IsGrpc(context))
            {
                return;
            }
            var timedOut = error.Error is ForwarderError.RequestTimedOut;
            await WriteProblemAsync(context,
                timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status503ServiceUnavailable,
                timedOut ? "DEADLINE_EXCEEDED" : "UNAVAILABLE",
                timedOut ? "The service did not answer in time." : "The service is not reachable right now; retry later.",
                context.RequestAborted);
        });
        return proxy;
    }
}
