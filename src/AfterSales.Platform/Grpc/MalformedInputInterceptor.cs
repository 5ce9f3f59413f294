using AfterSales.Platform.Errors;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace AfterSales.Platform.Grpc;

/// <summary>
/// Refuses a request holding <see cref="MalformedInput"/> before its handler runs, as INVALID_ARGUMENT
/// naming each bad field, so garbage never reaches a handler or the database. Runs inside
/// <see cref="ErrorInterceptor"/>, which answers the refusal in the suite's error model, and for JSON
/// callers too: transcoding calls the same pipeline.
/// </summary>
/// <remarks>
/// Requests that stream in (client or duplex streaming; none in the contracts but server reflection) are
/// not walked: <see cref="ErrorInterceptor"/> does not answer for those yet either.
/// </remarks>
public sealed class MalformedInputInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ThrowIfMalformed(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ThrowIfMalformed(request);
        return continuation(request, responseStream, context);
    }

    private static void ThrowIfMalformed(object request)
    {
        if (request is IMessage message && MalformedInput.Find(message) is { Count: > 0 } violations)
        {
            throw new ValidationException(violations);
        }
    }
}
