using AfterSales.Platform.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Platform.Security;

/// <summary>
/// Enforces each RPC's <see cref="AccessAttribute"/> before its handler runs, for gRPC and JSON callers
/// alike (grpc-dotnet puts a handler method's attributes in its endpoint's metadata). A handler without
/// a declaration is refused to everyone: deny by default.
/// </summary>
internal sealed class AccessInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, responseStream, context);
    }

    private static void Check(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var access = http.GetEndpoint()?.Metadata.GetMetadata<AccessAttribute>();
        if (access is null || !access.Allows(http.RequestServices.GetRequiredService<Caller>()))
        {
            throw new PermissionDeniedException("Your role does not allow this operation.");
        }
    }
}
