using System.Security.Cryptography;
using AfterSales.Platform.Errors;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AfterSales.Platform.Idempotency;

/// <summary>
/// Saves a mutating call's changes, once per <c>request_id</c>. The handler stages its changes on the
/// service's DbContext and returns its answer without saving; the changes and the answer are then saved
/// in one SaveChanges (one transaction). A retry with the same id (same caller, same method) gets the
/// first answer without staging anything again; the same id with a different payload is refused; of
/// two concurrent calls with one id, the second blocks on the answer's primary key until the first
/// commits, fails, and returns the first's answer, its own changes discarded. A request without a
/// request id is simply saved.
/// </summary>
public sealed class IdempotentRequests<TContext>(TContext db, BusinessCalendar calendar, PlatformMetrics metrics) where TContext : DbContext
{
    public const string RequestIdField = "request_id";
    private const int MaxRequestIdLength = 100;

    public async Task<TResponse> SaveOnceAsync<TRequest, TResponse>(TRequest request, ServerCallContext context, Func<Task<TResponse>> stageChanges)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new()
    {
        var field = request.Descriptor.FindFieldByName(RequestIdField)
            ?? throw new InvalidOperationException($"{request.Descriptor.FullName} has no {RequestIdField} field.");
        var requestId = (string)field.Accessor.GetValue(request);
        if (string.IsNullOrEmpty(requestId))
        {
            var answer = await stageChanges();
            await db.SaveChangesAsync(context.CancellationToken);
            return answer;
        }
        if (requestId.Length > MaxRequestIdLength || requestId.Any(char.IsControl))
        {
            throw ValidationException.ForField(RequestIdField, $"{RequestIdField} must be at most {MaxRequestIdLength} printable characters.");
        }

        var caller = CallerKey(context);
        var hash = Hash(request, field);
        var first = await FindAsync(caller, context.Method, requestId, context.CancellationToken);
        if (first is not null)
        {
            return Replay<TResponse>(first, hash, context.Method);
        }

        var response = await stageChanges();
        db.Set<IdempotencyRecord>().Add(new IdempotencyRecord(caller, context.Method, requestId, hash, response.ToByteArray(), calendar.Now));
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
            return response;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
            && unique.TableName == db.Model.FindEntityType(typeof(IdempotencyRecord))!.GetTableName())
        {
            // A concurrent call with the same id committed first; this one's changes were not saved.
            db.ChangeTracker.Clear();
            var winner = await FindAsync(caller, context.Method, requestId, context.CancellationToken)
                ?? throw new InvalidOperationException("The request id's first answer vanished.");
            return Replay<TResponse>(winner, hash, context.Method);
        }
    }

    private Task<IdempotencyRecord?> FindAsync(string caller, string method, string requestId, CancellationToken cancellationToken) =>
        db.Set<IdempotencyRecord>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.Caller == caller && r.Method == method && r.RequestId == requestId, cancellationToken);

    private TResponse Replay<TResponse>(IdempotencyRecord first, byte[] hash, string method) where TResponse : IMessage<TResponse>, new()
    {
        if (!first.RequestHash.AsSpan().SequenceEqual(hash))
        {
            throw ValidationException.ForField(RequestIdField, $"{RequestIdField} was already used for a different request.");
        }
        metrics.RequestReplayed(method);
        return new MessageParser<TResponse>(() => new TResponse()).ParseFrom(first.Response);
    }

    private static byte[] Hash<TRequest>(TRequest request, Google.Protobuf.Reflection.FieldDescriptor requestIdField)
        where TRequest : IMessage<TRequest>
    {
        var withoutId = request.Clone();
        requestIdField.Accessor.Clear(withoutId);
        return SHA256.HashData(withoutId.ToByteArray());
    }

    /// <summary>Request ids belong to their caller: two stations may pick the same one.</summary>
    private static string CallerKey(ServerCallContext context) =>
        context.GetHttpContext().User.FindFirst("sub")?.Value ?? "anonymous";
}
