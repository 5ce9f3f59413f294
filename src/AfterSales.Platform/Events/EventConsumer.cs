using System.Diagnostics;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AfterSales.Platform.Events;

/// <summary>What a service does when an event of type <typeparamref name="TEvent"/> arrives.</summary>
public interface IEventHandler<in TEvent> where TEvent : IMessage
{
    /// <summary>
    /// Acts on the event through the scope's DbContext without saving: the consumer saves the handler's
    /// changes together with the event's inbox row, in one transaction, so an event is acted on once.
    /// </summary>
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Reads one event stream through this service's consumer group. Each event is handled and recorded
/// in the inbox in one database transaction, then acknowledged; an event already in the inbox is only
/// acknowledged. Entries left unacknowledged (a crash, a failed handler) are claimed again by the
/// sweep after <c>Events:RetryAfter</c>; after <c>Events:MaxDeliveries</c> attempts the event is parked
/// with its error, and the stream moves on. An attempt that failed because the database or Redis was
/// away is not counted.
/// </summary>
internal sealed partial class EventConsumer<TContext, TEvent>(
    IServiceScopeFactory scopes,
    IConnectionMultiplexer redis,
    BusinessCalendar calendar,
    IConfiguration configuration,
    IHostEnvironment environment,
    PlatformMetrics metrics,
    ILogger<EventConsumer<TContext, TEvent>> logger) : BackgroundService
    where TContext : DbContext
    where TEvent : IMessage<TEvent>, new()
{
    private const int BatchSize = 20;
    private static readonly MessageParser<TEvent> Parser = new(() => new TEvent());
    private static readonly string Type = EventStreams.TypeOf<TEvent>();
    private static readonly string Stream = EventStreams.StreamOf(Type);

    private readonly string _group = environment.ApplicationName;
    private readonly string _consumer = $"{Environment.MachineName}-{Environment.ProcessId}";
    private readonly TimeSpan _pollInterval = configuration.GetValue("Events:ConsumerPollInterval", TimeSpan.FromMilliseconds(250));
    private readonly TimeSpan _retryAfter = configuration.GetValue("Events:RetryAfter", TimeSpan.FromSeconds(10));
    private readonly int _maxDeliveries = configuration.GetValue("Events:MaxDeliveries", 5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = DateTime.UtcNow;
        var groupReady = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var db = redis.GetDatabase();
                if (!groupReady)
                {
                    await EnsureGroupAsync(db);
                    groupReady = true;
                }

                var entries = await db.StreamReadGroupAsync(Stream, _group, _consumer, StreamPosition.NewMessages, BatchSize);
                if (DateTime.UtcNow >= nextSweep)
                {
                    var claimed = await db.StreamAutoClaimAsync(Stream, _group, _consumer, (long)_retryAfter.TotalMilliseconds, "0-0", BatchSize);
                    entries = [.. entries, .. claimed.ClaimedEntries];
                    nextSweep = DateTime.UtcNow + _retryAfter / 2;
                }
                foreach (var entry in entries)
                {
                    await ProcessAsync(db, entry, stoppingToken);
                }
                if (entries.Length == 0)
                {
                    await Task.Delay(_pollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                // The stream or its group is gone (Redis lost its data, or was flushed): create it again.
                groupReady = false;
                LogGroupRecreated(logger, Stream);
            }
            catch (Exception ex)
            {
                // Redis or the database is away (restart, failover): nothing was acknowledged, so nothing is
                // lost; wait and read on. A consumer never stops the service it runs in.
                groupReady = false;
                LogUnavailable(logger, Stream, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task EnsureGroupAsync(IDatabase db)
    {
        try
        {
            // From the start of the stream: events produced before this service first ran are still its to process.
            await db.StreamCreateConsumerGroupAsync(Stream, _group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // The group exists already.
        }
    }

    private async Task ProcessAsync(IDatabase db, StreamEntry entry, CancellationToken cancellationToken)
    {
        if (entry.IsNull)
        {
            return; // claimed but trimmed away
        }
        var eventId = Guid.TryParse((string?)entry[EventStreams.IdField], out var id) ? id : Guid.Empty;
        var traceParent = (string?)entry[EventStreams.TraceParentField];
        var payload = (byte[]?)entry[EventStreams.PayloadField] ?? [];

        ActivityContext.TryParse(traceParent, null, out var parent);
        using var activity = EventStreams.Source.StartActivity($"{Type} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.destination.name", Stream);
        activity?.SetTag("messaging.consumer.group.name", _group);
        activity?.SetTag("messaging.message.id", eventId.ToString());

        try
        {
            if (eventId == Guid.Empty)
            {
                throw new InvalidDataException($"Stream entry {entry.Id} carries no event id.");
            }
            await HandleOnceAsync(eventId, Parser.ParseFrom(payload), cancellationToken);
            await db.StreamAcknowledgeAsync(Stream, _group, entry.Id);
            metrics.EventHandled(Stream, _group, LagOf(entry.Id));
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not RedisException && IsOutage(ex))
        {
            // Not the event's fault: give the delivery back, so however long the outage, the event keeps
            // every one of its tries for when the database answers again. Then wait, as for any outage.
            await GiveBackDeliveryAsync(db, entry.Id);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not RedisException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            var deliveries = await DeliveriesAsync(db, entry.Id);
            if (deliveries >= _maxDeliveries)
            {
                await ParkAsync(eventId == Guid.Empty ? Guid.CreateVersion7() : eventId, payload, traceParent, ex, deliveries, cancellationToken);
                await db.StreamAcknowledgeAsync(Stream, _group, entry.Id);
                metrics.EventParked(Stream, _group);
                LogParked(logger, Type, eventId, deliveries, ex);
            }
            else
            {
                LogHandlerFailed(logger, Type, eventId, deliveries, ex);
            }
        }
    }

    /// <summary>Since the entry was added: a stream entry's id begins with the milliseconds of its adding.</summary>
    private static TimeSpan LagOf(RedisValue entryId)
    {
        var id = entryId.ToString();
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return long.TryParse(dash < 0 ? id : id[..dash], out var added)
            ? DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeMilliseconds(added)
            : TimeSpan.Zero;
    }

    private async Task HandleOnceAsync(Guid eventId, TEvent integrationEvent, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var handler = scope.ServiceProvider.GetRequiredService<IEventHandler<TEvent>>();
        var strategy = context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            context.ChangeTracker.Clear();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            if (await context.Set<InboxMessage>().AnyAsync(m => m.EventId == eventId, cancellationToken))
            {
                return; // delivered before: acted on once already
            }
            await handler.HandleAsync(integrationEvent, cancellationToken);
            context.Set<InboxMessage>().Add(new InboxMessage(eventId, Type, calendar.Now));
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    /// <summary>
    /// The database is unreachable rather than the event at fault: such a failure must not count towards
    /// parking, or an outage longer than a few retries would park every event that arrived meanwhile.
    /// </summary>
    private static bool IsOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.NpgsqlException { IsTransient: true } or TimeoutException)
            {
                return true;
            }
        }
        return false;
    }

    private async Task<int> DeliveriesAsync(IDatabase db, RedisValue entryId)
    {
        var pending = await db.StreamPendingMessagesAsync(Stream, _group, 1, RedisValue.Null, entryId, entryId);
        return pending.Length == 0 ? 1 : pending[0].DeliveryCount;
    }

    /// <summary>Takes back the delivery count the failed attempt added (XCLAIM with RETRYCOUNT; JUSTID counts no delivery itself).</summary>
    private async Task GiveBackDeliveryAsync(IDatabase db, RedisValue entryId)
    {
        var deliveries = await DeliveriesAsync(db, entryId);
        await db.ExecuteAsync("XCLAIM", new RedisKey(Stream), _group, _consumer, 0, entryId.ToString(), "RETRYCOUNT", Math.Max(0, deliveries - 1), "JUSTID");
    }

    private async Task ParkAsync(Guid eventId, byte[] payload, string? traceParent, Exception error, int deliveries, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var parked = context.Set<ParkedEvent>();
        if (!await parked.AnyAsync(p => p.EventId == eventId, cancellationToken))
        {
            parked.Add(new ParkedEvent(eventId, Type, payload, traceParent, $"{error.GetType().Name}: {error.Message}", deliveries, calendar.Now));
            await context.SaveChangesAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming {Stream} failed: Redis or the database is unavailable; retrying")]
    private static partial void LogUnavailable(ILogger logger, string stream, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer group of {Stream} was missing; creating it again")]
    private static partial void LogGroupRecreated(ILogger logger, string stream);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {Type} {EventId} failed (delivery {Deliveries}); it will be retried")]
    private static partial void LogHandlerFailed(ILogger logger, string type, Guid eventId, int deliveries, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Parked {Type} {EventId} after {Deliveries} failed deliveries")]
    private static partial void LogParked(ILogger logger, string type, Guid eventId, int deliveries, Exception exception);
}
