using Yarp.ReverseProxy.Forwarder;

namespace AfterSales.Gateway;

internal static class ProxyErrors
{
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
            if (error is null || context.Response.HasStarted || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
            {
                return;
            }
            var timedOut = error.Error is ForwarderError.RequestTimedOut;
            await Results.Problem(
                detail: timedOut ? "The service did not answer in time." : "The service is not reachable right now; retry later.",
                statusCode: timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["grpcStatus"] = timedOut ? "DEADLINE_EXCEEDED" : "UNAVAILABLE" })
                .ExecuteAsync(context);
        });
        return proxy;
    }
}
