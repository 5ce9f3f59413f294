using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AfterSales.ServiceDefaults;

/// <summary>
/// The trace id a caller quotes to support: every response carries it in a header, and error answers in their body
/// (problem details) or status details, so "trace 4bf9…" leads an SRE straight to the trace in the dashboard.
/// </summary>
public static class TraceIds
{
    /// <summary>The response header: the W3C trace id, 32 hex digits.</summary>
    public const string Header = "trace-id";

    /// <summary>The current trace id, or null outside a trace.</summary>
    public static string? Current => Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : null;

    /// <summary>Adds the header to every response; a response already carrying it (proxied from a service of the same trace) keeps its own.</summary>
    public static IApplicationBuilder UseTraceIdHeader(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Read at the request's start: the request's own activity, whatever span is current when the response starts.
        if (Current is { } traceId)
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.TryAdd(Header, traceId);
                return Task.CompletedTask;
            });
        }
        return next(context);
    });
}
