using AfterSales.Platform.Errors;
using AfterSales.ServiceDefaults;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AfterSales.Platform.Grpc;

/// <summary>
/// The suite's one error model: every service's handlers throw <see cref="DomainException"/>s and this
/// interceptor answers with the precise gRPC status, google.rpc.Status details included. For JSON
/// callers the same status becomes a problem response (see <see cref="ProblemDetailsForJsonMiddleware"/>).
/// </summary>
public sealed partial class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    /// <summary>Where the status of a failed call is left for the JSON problem response.</summary>
    internal const string StatusItemKey = "aftersales.rpc-status";

    /// <summary>Enough to fix a request by; the message still counts them all.</summary>
    private const int MaxReportedViolations = 100;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ToStatus(ex, context) is { } status)
        {
            WithTraceId(status);
            context.GetHttpContext().Items[StatusItemKey] = status;
            throw status.ToRpcException();
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ToStatus(ex, context) is { } status)
        {
            WithTraceId(status);
            context.GetHttpContext().Items[StatusItemKey] = status;
            throw status.ToRpcException();
        }
    }

    /// <summary>The status to answer with, or null to let the exception through unchanged.</summary>
    private Google.Rpc.Status? ToStatus(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case ValidationException invalid:
                var badRequest = new BadRequest();
                // The details travel in a trailer: thousands of violations (one per entry of a huge list)
                // would outgrow what HTTP/2 clients accept in headers and arrive as an error of the transport.
                badRequest.FieldViolations.AddRange(invalid.Violations.Take(MaxReportedViolations));
                return new Google.Rpc.Status
                {
                    Code = (int)Code.InvalidArgument,
                    Message = invalid.Message,
                    Details = { Any.Pack(badRequest) },
                };
            case NotFoundException:
                return Status(Code.NotFound, exception.Message);
            case AlreadyExistsException:
                return Status(Code.AlreadyExists, exception.Message);
            case PreconditionFailedException:
                return Status(Code.FailedPrecondition, exception.Message);
            case ConcurrencyConflictException:
                return Status(Code.Aborted, exception.Message);
            case DbUpdateConcurrencyException:
                return Status(Code.Aborted, "The object was changed by someone else; read it again and retry.");
            // A uniqueness the handler did not check first (it checks what a caller can get wrong on its own,
            // e.g. a serial number in use) is lost to a concurrent writer: the same answer as above.
            case DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } }:
                return Status(Code.Aborted, "The object was changed by someone else; read it again and retry.");
            case PermissionDeniedException:
                return Status(Code.PermissionDenied, exception.Message);
            case RpcException rpc:
                // A downstream service failed. Its status is passed on as it is, except that its
                // message may name things of that service: keep the code, say which service failed.
                LogDownstreamFailure(logger, context.Method, rpc.StatusCode, rpc);
                return Status((Code)rpc.StatusCode, $"A service this call depends on answered {rpc.StatusCode}.");
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return null;
            default:
                LogUnhandled(logger, context.Method, exception);
                return Status(Code.Internal, "An internal error occurred. It has been logged.");
        }
    }

    private static Google.Rpc.Status Status(Code code, string message) => new() { Code = (int)code, Message = message };

    /// <summary>Every error names its trace (google.rpc.RequestInfo), so a caller can quote it to support.</summary>
    private static void WithTraceId(Google.Rpc.Status status)
    {
        if (TraceIds.Current is { } traceId)
        {
            status.Details.Add(Any.Pack(new RequestInfo { RequestId = traceId }));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method}")]
    private static partial void LogUnhandled(ILogger logger, string method, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} failed because a downstream call answered {StatusCode}")]
    private static partial void LogDownstreamFailure(ILogger logger, string method, StatusCode statusCode, Exception exception);
}
