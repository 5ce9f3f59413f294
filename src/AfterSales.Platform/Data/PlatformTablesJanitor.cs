using AfterSales.Platform.Events;
using AfterSales.Platform.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AfterSales.Platform.Data;

/// <summary>
/// Keeps the platform's records from growing without end. Once an hour it deletes answers to request
/// ids older than <c>Platform:RequestIdRetention</c> (1 day: retries come within minutes), published
/// outbox rows and inbox rows older than <c>Platform:EventRetention</c> (7 days: far beyond any
/// redelivery), and trims the event streams this service produces to what is both older than that and
/// delivered and acknowledged by every consumer group. The audit trail and parked events are kept:
/// people read them.
/// </summary>
internal sealed partial class PlatformTablesJanitor<TContext>(
    IServiceScopeFactory scopes, BusinessCalendar calendar, IConfiguration configuration, ILogger<PlatformTablesJanitor<TContext>> logger)
    : BackgroundService
    where TContext : DbContext
{
    private readonly TimeSpan _requestIdRetention = configuration.GetValue("Platform:RequestIdRetention", TimeSpan.FromDays(1));
    private readonly TimeSpan _eventRetention = configuration.GetValue("Platform:EventRetention", TimeSpan.FromDays(7));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                if (db.Model.FindEntityType(typeof(IdempotencyRecord)) is null)
                {
                    return; // this service keeps no platform records
                }
                var now = calendar.Now;
                var deleted = await PlatformRetention.PurgeAsync(db, now - _requestIdRetention, now - _eventRetention, stoppingToken);
                var trimmed = 0L;
                if (scope.ServiceProvider.GetService<IConnectionMultiplexer>() is { } redis)
                {
                    foreach (var type in await db.Set<OutboxMessage>().Select(m => m.Type).Distinct().ToListAsync(stoppingToken))
                    {
                        trimmed += await PlatformRetention.TrimStreamAsync(redis.GetDatabase(), EventStreams.StreamOf(type), now - _eventRetention);
                    }
                }
                LogPurged(logger, deleted, trimmed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database or Redis is away; try again at the next tick. Never stops the service.
                LogPurgeFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Rows} expired platform rows and {Entries} stream entries")]
    private static partial void LogPurged(ILogger logger, int rows, long entries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired platform records failed; retrying in an hour")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}

/// <summary>What the janitor removes, and only that.</summary>
internal static class PlatformRetention
{
    /// <summary>Deletes request-id answers older than <paramref name="requestIdsBefore"/>, and published outbox and inbox rows older than <paramref name="eventsBefore"/>.</summary>
    public static async Task<int> PurgeAsync(DbContext db, DateTimeOffset requestIdsBefore, DateTimeOffset eventsBefore, CancellationToken cancellationToken) =>
        await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < requestIdsBefore).ExecuteDeleteAsync(cancellationToken)
        + await db.Set<OutboxMessage>().Where(m => m.PublishedAt < eventsBefore).ExecuteDeleteAsync(cancellationToken)
        + await db.Set<InboxMessage>().Where(m => m.ProcessedAt < eventsBefore).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// Removes the entries of <paramref name="stream"/> older than <paramref name="before"/> that every
    /// consumer group has been given and has acknowledged. A stream no group reads yet is left whole: its
    /// consumer may simply not have started.
    /// </summary>
    public static async Task<long> TrimStreamAsync(IDatabase redis, string stream, DateTimeOffset before)
    {
        if (!await redis.KeyExistsAsync(stream))
        {
            return 0;
        }
        var groups = await redis.StreamGroupInfoAsync(stream);
        if (groups.Length == 0)
        {
            return 0;
        }
        var keepFrom = new StreamId(before.ToUnixTimeMilliseconds(), 0);
        foreach (var group in groups)
        {
            keepFrom = StreamId.Min(keepFrom, StreamId.Next(StreamId.Parse(group.LastDeliveredId)));
            var pending = await redis.StreamPendingAsync(stream, group.Name);
            if (pending.PendingMessageCount > 0)
            {
                keepFrom = StreamId.Min(keepFrom, StreamId.Parse(pending.LowestPendingMessageId));
            }
        }
        // XTRIM MINID: entries with a smaller id go; StackExchange.Redis has no typed overload for it.
        var removed = await redis.ExecuteAsync("XTRIM", stream, "MINID", keepFrom.ToString());
        return (long)removed;
    }

    /// <summary>A stream entry id, "milliseconds-sequence", ordered as Redis orders them.</summary>
    private readonly record struct StreamId(long Milliseconds, long Sequence)
    {
        public static StreamId Parse(string? id)
        {
            var parts = (id ?? "0-0").Split('-');
            return new StreamId(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                parts.Length > 1 ? long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 0);
        }

        public static StreamId Next(StreamId id) => id with { Sequence = id.Sequence + 1 };

        public static StreamId Min(StreamId a, StreamId b) =>
            a.Milliseconds < b.Milliseconds || (a.Milliseconds == b.Milliseconds && a.Sequence <= b.Sequence) ? a : b;

        public override string ToString() => FormattableString.Invariant($"{Milliseconds}-{Sequence}");
    }
}
