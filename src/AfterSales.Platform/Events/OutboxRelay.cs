using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AfterSales.Platform.Events;

/// <summary>
/// Moves committed outbox rows to their Redis streams, oldest first. Of a service's replicas one relays at a
/// time (a transaction-scoped advisory lock; the others find it taken and wait for their next poll): two
/// claiming batches side by side could send an aggregate's later event before its earlier one. A row is
/// stamped published only after Redis took it. If Redis is down the rows wait and go out when it returns;
/// an entry sent twice (a crash between XADD and the stamp) is harmless because consumers de-duplicate by
/// event id.
/// </summary>
internal sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IConnectionMultiplexer redis,
    OutboxSignal signal,
    BusinessCalendar calendar,
    PlatformMetrics metrics,
    IConfiguration configuration,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private const int BatchSize = 100;
    private static readonly string LockName = $"aftersales:outbox:{typeof(TContext).FullName}";
    private readonly TimeSpan _pollInterval = configuration.GetValue("Events:OutboxPollInterval", TimeSpan.FromSeconds(1));
    private readonly TimeSpan _measureInterval = configuration.GetValue("Events:OutboxMeasureInterval", TimeSpan.FromSeconds(15));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        var nextMeasure = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (DateTime.UtcNow >= nextMeasure)
                {
                    nextMeasure = DateTime.UtcNow + _measureInterval;
                    await MeasureBacklogAsync(stoppingToken);
                }
                var published = await PublishBatchAsync(stoppingToken);
                backoff = TimeSpan.Zero;
                if (published < BatchSize)
                {
                    await signal.WaitAsync(_pollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Redis or the database is away: the rows stay in the outbox and go out once both answer.
                // The relay never stops the service it runs in.
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                LogPublishFailed(logger, backoff.TotalMilliseconds, ex);
                await Task.Delay(backoff, stoppingToken);
            }
        }
    }

    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtext({LockName})) AS \"Value\"").SingleAsync(cancellationToken))
            {
                return 0; // another replica is relaying
            }
            var batch = await db.Set<OutboxMessage>()
                .FromSqlRaw(ClaimSql(db))
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return 0;
            }

            var stream = redis.GetDatabase();
            foreach (var message in batch)
            {
                using var activity = StartPublishActivity(message);
                await stream.StreamAddAsync(EventStreams.StreamOf(message.Type),
                [
                    new NameValueEntry(EventStreams.IdField, message.Id.ToString()),
                    new NameValueEntry(EventStreams.TypeField, message.Type),
                    new NameValueEntry(EventStreams.PayloadField, message.Payload),
                    new NameValueEntry(EventStreams.TraceParentField, message.TraceParent ?? ""),
                ]);
                message.MarkPublished(calendar.Now);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var message in batch)
            {
                metrics.EventPublished(EventStreams.StreamOf(message.Type));
            }
            return batch.Count;
        });
    }

    /// <summary>How many events wait, and since when: what an SRE sees of a relay that cannot keep up or cannot reach Redis.</summary>
    private async Task MeasureBacklogAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var waiting = scope.ServiceProvider.GetRequiredService<TContext>().Set<OutboxMessage>().Where(m => m.PublishedAt == null);
        var backlog = await waiting.LongCountAsync(cancellationToken);
        var oldest = backlog == 0 ? null : await waiting.MinAsync(m => (DateTimeOffset?)m.CreatedAt, cancellationToken);
        metrics.OutboxMeasured(backlog, oldest is { } createdAt ? calendar.Now - createdAt : TimeSpan.Zero);
    }

    /// <summary>Publishing is part of the producing call's trace, though it happens after the call answered.</summary>
    private static Activity? StartPublishActivity(OutboxMessage message)
    {
        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        var activity = EventStreams.Source.StartActivity($"{message.Type} publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "redis");
        activity?.SetTag("messaging.destination.name", EventStreams.StreamOf(message.Type));
        activity?.SetTag("messaging.message.id", message.Id.ToString());
        return activity;
    }

    private static string ClaimSql(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var table = $"\"{entity.GetSchema()}\".\"{entity.GetTableName()}\"";
        return $"SELECT * FROM {table} WHERE \"{nameof(OutboxMessage.PublishedAt)}\" IS NULL " +
               $"ORDER BY \"{nameof(OutboxMessage.CreatedAt)}\" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox events failed; retrying in {DelayMs} ms")]
    private static partial void LogPublishFailed(ILogger logger, double delayMs, Exception exception);
}

/// <summary>Wakes the relay as soon as a unit of work with events commits, rather than at the next poll.</summary>
internal sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers every commit since.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
