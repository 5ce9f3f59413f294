using System.Text.Json;
using AfterSales.ServiceDefaults;
using Google.Rpc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace AfterSales.Platform.Grpc;

/// <summary>
/// JSON transcoding answers a failed call with google.rpc.Status as JSON. Web front ends expect RFC 9457
/// problem details instead, so for <c>/api/...</c> requests this middleware rewrites any error answer
/// into <c>application/problem+json</c>: the HTTP status of the gRPC code, the message as <c>detail</c>,
/// field violations as <c>errors</c>, the gRPC code name as <c>grpcStatus</c>, and the trace id as <c>traceId</c>. A body over the service's
/// limit (<see cref="RequestSizeLimits"/>) is refused before transcoding reads it, with 413.
/// </summary>
public sealed class ProblemDetailsForJsonMiddleware(RequestDelegate next, RequestSizeLimits limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        if (!await BodyFitsAsync(context))
        {
            await Results.Problem(
                detail: $"The request body is larger than the {limits.MaxJsonBodySize} bytes this service accepts.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                extensions: new Dictionary<string, object?> { ["grpcStatus"] = StatusNames.Of(Code.ResourceExhausted), ["traceId"] = TraceIds.Current })
                .ExecuteAsync(context);
            return;
        }

        // JSON answers are small and unary; buffering them lets an error be rewritten before it is sent.
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode < StatusCodes.Status400BadRequest)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return;
        }

        var httpStatus = context.Response.StatusCode;
        var status = context.Items[ErrorInterceptor.StatusItemKey] as Google.Rpc.Status ?? ReadStatus(buffer, httpStatus);
        // A client error the routing answered itself (a method the path does not take, a media type it does not
        // read) is the caller's to fix: said as such with its own HTTP status, never as INTERNAL.
        var problem = (Code)status.Code == Code.Internal && httpStatus is >= StatusCodes.Status400BadRequest and < StatusCodes.Status500InternalServerError
            ? ToProblem(ClientError(context, httpStatus), httpStatus)
            : ToProblem(status);
        context.Response.Headers.ContentLength = null;
        await problem.ExecuteAsync(context);
    }

    /// <summary>
    /// Transcoding would fail an oversized body as a 400 that does not say why. A declared length is
    /// checked as it is; a body of unknown length (chunked, or HTTP/2 without one) is read ahead, and
    /// Kestrel stops it as it passes the limit. JSON bodies are small, so buffering one costs little.
    /// </summary>
    private async Task<bool> BodyFitsAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } length)
        {
            return length <= limits.MaxJsonBodySize;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limits.MaxJsonBodySize;
        }
        context.Request.EnableBuffering();
        try
        {
            await context.Request.Body.DrainAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return false;
        }
        context.Request.Body.Position = 0;
        return true;
    }

    private static Google.Rpc.Status ClientError(HttpContext context, int httpStatus) => httpStatus == StatusCodes.Status405MethodNotAllowed
        ? new Google.Rpc.Status
        {
            Code = (int)Code.Unimplemented,
            Message = $"{context.Request.Method} is not a method of {context.Request.Path}; it takes {context.Response.Headers.Allow}.",
        }
        : new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = $"The request was refused ({ReasonPhrases.GetReasonPhrase(httpStatus)})." };

    /// <summary>The problem response for a gRPC status; public so the gateway answers its own errors alike.</summary>
    /// <param name="httpStatus">The HTTP status, when not the one of the gRPC code.</param>
    public static IResult ToProblem(Google.Rpc.Status status, int? httpStatus = null)
    {
        var code = (Code)status.Code;
        var extensions = new Dictionary<string, object?> { ["grpcStatus"] = StatusNames.Of(code), ["traceId"] = TraceIds.Current };
        var badRequest = status.Details.Select(d => d.TryUnpack<BadRequest>(out var b) ? b : null).FirstOrDefault(b => b is not null);
        if (badRequest is not null)
        {
            var errors = badRequest.FieldViolations
                .GroupBy(v => v.Field)
                .ToDictionary(g => g.Key, g => g.Select(v => v.Description).ToArray());
            return Results.ValidationProblem(errors, detail: status.Message, statusCode: httpStatus ?? StatusNames.HttpStatusOf(code), extensions: extensions);
        }
        return Results.Problem(detail: status.Message, statusCode: httpStatus ?? StatusNames.HttpStatusOf(code), extensions: extensions);
    }

    /// <summary>An error the interceptor did not see (e.g. a malformed JSON body): read what transcoding wrote.</summary>
    private static Google.Rpc.Status ReadStatus(MemoryStream buffer, int httpStatus)
    {
        var status = new Google.Rpc.Status { Code = (int)StatusNames.CodeOfHttpStatus(httpStatus), Message = "The request failed." };
        try
        {
            using var json = JsonDocument.Parse(buffer.ToArray());
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("code", out var code) && code.TryGetInt32(out var value))
                {
                    status.Code = value;
                }
                if (json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                {
                    status.Message = text;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (e.g. an empty 404 for an unknown route): keep the generic status.
        }
        return status;
    }
}
