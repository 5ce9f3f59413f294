using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AfterSales.Platform.Caching;

/// <summary>
/// A cache in front of the database that is an optimisation only: every Redis read and write on a
/// request path goes through here. Each Redis step gets <c>Redis:CacheBudget</c> (250 ms); a fault of
/// any kind (a timeout, a lost connection, a server that accepts the command and never answers) or an
/// answer later than that counts as a miss, and the caller reads the database instead. After a fault
/// the cache is left alone for <c>Redis:CacheRetryAfter</c> (5 s), so a hung Redis costs a call one
/// budget every few seconds rather than one on every call.
/// </summary>
/// <remarks>
/// The budget is kept by abandoning the Redis command, not by cancelling it: StackExchange.Redis cannot
/// cancel a command once written, and a paused server holds it until the client's own timeout (seconds).
/// </remarks>
public sealed partial class RedisCache(IConnectionMultiplexer redis, IConfiguration configuration, TimeProvider time, ILogger<RedisCache> logger)
{
    private readonly TimeSpan _budget = configuration.GetValue("Redis:CacheBudget", TimeSpan.FromMilliseconds(250));
    private readonly TimeSpan _retryAfter = configuration.GetValue("Redis:CacheRetryAfter", TimeSpan.FromSeconds(5));
    private long _skipUntilTicks;

    /// <summary>
    /// The cached value of <paramref name="key"/>, or else what <paramref name="load"/> reads from the
    /// source of truth, written back for <paramref name="timeToLive"/>. Null when the source has nothing
    /// (a miss that is not cached). Redis faults never reach the caller.
    /// </summary>
    public async Task<T?> GetOrLoadAsync<T>(string key, TimeSpan timeToLive, Func<CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        var cached = await WithinBudgetAsync(db => db.StringGetAsync(key), cancellationToken);
        if (cached is { HasValue: true } value && Deserialize<T>(value) is { } hit)
        {
            return hit;
        }

        var loaded = await load(cancellationToken);
        if (loaded is not null)
        {
            await WithinBudgetAsync(db => db.StringSetAsync(key, JsonSerializer.Serialize(loaded), timeToLive), cancellationToken);
        }
        return loaded;
    }

    /// <summary>
    /// Drops <paramref name="key"/> after its source changed, so the next read loads the new value: at once on
    /// a request path, within the budget like every Redis step, and so not certainly. What must not be left
    /// stale is also dropped by <see cref="RemoveAsync"/> from an event of the change, which is retried until
    /// Redis takes it.
    /// </summary>
    public Task InvalidateAsync(string key, CancellationToken cancellationToken) =>
        WithinBudgetAsync(db => db.KeyDeleteAsync(key), cancellationToken);

    /// <summary>Drops <paramref name="key"/>, or throws when Redis does not: for background work that is retried.</summary>
    public Task RemoveAsync(string key) => redis.GetDatabase().KeyDeleteAsync(key);

    /// <summary>A value written by an older shape of <typeparamref name="T"/> is a miss, not an error.</summary>
    private static T? Deserialize<T>(RedisValue value) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>((string)value!);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Runs one Redis command within the budget; null when Redis is skipped, failed or was too slow.</summary>
    private async Task<TResult?> WithinBudgetAsync<TResult>(Func<IDatabase, Task<TResult>> command, CancellationToken cancellationToken)
        where TResult : struct
    {
        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _skipUntilTicks))
        {
            return null;
        }

        Task<TResult>? pending = null;
        try
        {
            pending = command(redis.GetDatabase());
            return await pending.WaitAsync(_budget, time, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // An abandoned command still ends, with the client's own timeout: observe its fault then.
            _ = pending?.ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            Interlocked.Exchange(ref _skipUntilTicks, (time.GetUtcNow() + _retryAfter).UtcTicks);
            LogCacheSkipped(logger, _retryAfter.TotalSeconds, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer within the cache budget; reading from the database for the next {Seconds} s")]
    private static partial void LogCacheSkipped(ILogger logger, double seconds, Exception exception);
}
