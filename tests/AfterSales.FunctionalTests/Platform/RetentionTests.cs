using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.Platform.Events;
using AfterSales.Platform.Idempotency;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AfterSales.FunctionalTests.Platform;

/// <summary>The janitor removes expired platform records and delivered stream entries, and nothing else.</summary>
/// <remarks>
/// It counts every row of the tickets service's platform tables, so it owns them: it runs on its own
/// (<see cref="ExclusiveCollection"/>) and empties them before each test.
/// </remarks>
[Collection(ExclusiveCollection.Name)]
public class RetentionTests(Suite suite) : SuiteTest(suite), IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => Suite.Tickets.ResetAsync(typeof(IdempotencyRecord), typeof(OutboxMessage), typeof(InboxMessage));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Purge_removes_only_expired_answers_and_old_handled_events()
    {
        await Suite.Tickets.WithDbAsync(async db =>
        {
            db.Set<IdempotencyRecord>().AddRange(
                new IdempotencyRecord("station-hangzhou", "/m", "old", [1], [1], Now.AddDays(-2)),
                new IdempotencyRecord("station-hangzhou", "/m", "fresh", [1], [1], Now.AddHours(-1)));
            var oldPublished = new OutboxMessage(Guid.NewGuid(), "t", [], null, Now.AddDays(-9));
            oldPublished.MarkPublished(Now.AddDays(-8));
            var freshPublished = new OutboxMessage(Guid.NewGuid(), "t", [], null, Now.AddDays(-1));
            freshPublished.MarkPublished(Now.AddDays(-1));
            var oldUnpublished = new OutboxMessage(Guid.NewGuid(), "t", [], null, Now.AddDays(-9));
            db.Set<OutboxMessage>().AddRange(oldPublished, freshPublished, oldUnpublished);
            db.Set<InboxMessage>().AddRange(new InboxMessage(Guid.NewGuid(), "t", Now.AddDays(-8)), new InboxMessage(Guid.NewGuid(), "t", Now.AddDays(-6)));
            return await db.SaveChangesAsync();
        });

        var deleted = await Suite.Tickets.WithDbAsync(db => PlatformRetention.PurgeAsync(db, Now.AddDays(-1), Now.AddDays(-7), CancellationToken.None));

        Assert.Equal(3, deleted);
        Assert.Equal(["fresh"], await Suite.Tickets.WithDbAsync(db => db.Set<IdempotencyRecord>().Select(r => r.RequestId).ToListAsync()));
        // An unpublished row is never purged, however old: it has yet to leave.
        Assert.Equal(2, await Suite.Tickets.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync()));
        Assert.Equal(1, await Suite.Tickets.WithDbAsync(db => db.Set<InboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task Trimming_keeps_what_a_group_has_not_been_given_or_not_acknowledged()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Suite.Servers.Redis);
        var redis = connection.GetDatabase();
        var stream = $"aftersales:events:test.{Unique.Name("Retention")}";
        foreach (var id in new[] { "1000-0", "2000-0", "3000-0" })
        {
            await redis.StreamAddAsync(stream, "id", id, messageId: id);
        }
        await redis.StreamCreateConsumerGroupAsync(stream, "readers", StreamPosition.Beginning);
        await redis.StreamReadGroupAsync(stream, "readers", "reader", ">", count: 2); // given 1000 and 2000
        await redis.StreamAcknowledgeAsync(stream, "readers", "1000-0"); // 2000 stays pending

        var firstTrim = await PlatformRetention.TrimStreamAsync(redis, stream, DateTimeOffset.UtcNow);

        Assert.Equal(1, firstTrim);
        Assert.Equal(["2000-0", "3000-0"], (await redis.StreamRangeAsync(stream)).Select(e => e.Id.ToString()));

        await redis.StreamAcknowledgeAsync(stream, "readers", "2000-0");
        await redis.StreamReadGroupAsync(stream, "readers", "reader", ">");
        await redis.StreamAcknowledgeAsync(stream, "readers", "3000-0");

        // Everything is handled now, but only what is older than the retention goes.
        var secondTrim = await PlatformRetention.TrimStreamAsync(redis, stream, DateTimeOffset.FromUnixTimeMilliseconds(2500));

        Assert.Equal(1, secondTrim);
        Assert.Equal(["3000-0"], (await redis.StreamRangeAsync(stream)).Select(e => e.Id.ToString()));
    }

    [Fact]
    public async Task A_stream_no_group_reads_yet_is_left_whole()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Suite.Servers.Redis);
        var redis = connection.GetDatabase();
        var stream = $"aftersales:events:test.{Unique.Name("Unread")}";
        await redis.StreamAddAsync(stream, "id", "a", messageId: "1000-0");

        var trimmed = await PlatformRetention.TrimStreamAsync(redis, stream, DateTimeOffset.UtcNow);

        Assert.Equal(0, trimmed);
        Assert.Equal(1, await redis.StreamLengthAsync(stream));
    }
}
