using System.Diagnostics;
using AfterSales.Common.V1;
using AfterSales.Customers.V1;
using AfterSales.Events.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.Platform.Events;
using AfterSales.Platform.V1;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StackExchange.Redis;

namespace AfterSales.FunctionalTests.Platform;

/// <summary>
/// What an SRE does to the suite's servers, through the gateway as a partner station calls: Redis hung
/// (SIGSTOP) or killed (SIGKILL), PostgreSQL killed or stopped. Intake keeps answering, the local
/// scripts bring a killed server back on its port and data, the services reconnect by themselves, and
/// every event is acted on exactly once: billing opens one account per ticket, and its trail says so once.
/// </summary>
[Collection(ExclusiveCollection.Name)]
public sealed class InfrastructureFaultTests(Suite suite) : SuiteTest(suite)
{
    private const string Hangzhou = "station-hangzhou";

    /// <summary>What a partner station may wait for an answer while a server is in trouble.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(3);

    private static readonly string Stream = EventStreams.StreamOf(TicketOpened.Descriptor);

    private TicketService.TicketServiceClient Tickets => new(Suite.Gateway.ChannelAs(() => Suite.Callers.StationAsync(Hangzhou)));

    private static CreateTicketRequest Intake() => new()
    {
        SerialNumber = DemoIds.SerialUnderContract,
        Channel = IntakeChannel.PartnerApi,
        ContactName = "王建国",
        ContactPhone = "0571-8888-1001",
        FaultDescription = $"电梯运行时有异响 {Guid.NewGuid():N}",
    };

    [Fact]
    public async Task Intake_answers_promptly_while_redis_hangs_and_each_ticket_is_billed_once_after_it_resumes()
    {
        var tickets = Tickets;
        var opened = new List<Ticket> { await tickets.CreateTicketAsync(Intake()) };
        var took = new List<TimeSpan>();

        Suite.Servers.PauseRedis();
        try
        {
            var hang = Stopwatch.StartNew();
            while (hang.Elapsed < TimeSpan.FromSeconds(12))
            {
                var call = Stopwatch.StartNew();
                opened.Add(await tickets.CreateTicketAsync(Intake(), deadline: DateTime.UtcNow.AddSeconds(10)));
                took.Add(call.Elapsed);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
        finally
        {
            Suite.Servers.ResumeRedis();
        }

        Assert.True(took.Max() < Prompt, $"Intakes while Redis hung took {string.Join(", ", took.Select(t => t.TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms.");
        Assert.True(opened.Count >= 5, $"Only {opened.Count} tickets were opened in 12 s.");
        foreach (var ticket in opened)
        {
            await AssertBilledOnceAsync(ticket.TicketId);
        }
    }

    [Fact]
    public async Task A_warranty_changed_while_redis_hangs_is_what_intake_sees_once_redis_is_back()
    {
        var station = await Data.NewStationAsync();
        var asset = await Data.NewAssetAsync(station, Coverage.OutOfWarranty);
        var customers = new CustomerService.CustomerServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var manager = new CustomerService.CustomerServiceClient(Suite.Gateway.ChannelAs(Suite.Callers.Staff("manager")));
        var entitlement = new CheckEntitlementRequest { SerialNumber = asset.SerialNumber };
        var before = await customers.CheckEntitlementAsync(entitlement); // and now cached

        Suite.Servers.PauseRedis();
        try
        {
            // A read while Redis hangs finds it out: the service leaves the cache alone for a while, so the
            // change made next cannot even try to drop the old terms.
            await customers.CheckEntitlementAsync(entitlement, deadline: DateTime.UtcNow.AddSeconds(10));
            await manager.ChangeWarrantyAsync(new ChangeWarrantyRequest
            {
                AssetId = asset.Id.ToString(), WarrantyMonths = 240, Reason = "商誉延保", RequestId = Guid.NewGuid().ToString(),
            }, deadline: DateTime.UtcNow.AddSeconds(10));
        }
        finally
        {
            Suite.Servers.ResumeRedis();
        }
        // Past the cache's pause after a fault (Redis:CacheRetryAfter): reads come from Redis again, where the
        // change could not drop the old terms; the change's event drops them once Redis is back.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var after = await Eventually.ValueAsync(async () =>
        {
            var answer = await customers.CheckEntitlementAsync(entitlement);
            return answer.Category == ServiceCategory.Free ? answer : null;
        });
        var ticket = await new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller)).CreateTicketAsync(
            new CreateTicketRequest
            {
                SerialNumber = asset.SerialNumber, Channel = IntakeChannel.PartnerApi, ContactName = "王建国", ContactPhone = "0571-8888-1001",
                FaultDescription = "延保后报修",
            });

        Assert.Equal(ServiceCategory.Paid, before.Category);
        Assert.Equal(ServiceCategory.Free, after.Category);
        Assert.Equal(ServiceCategory.Free, ticket.Category);
    }

    [Fact]
    public async Task A_parked_event_is_replayed_promptly_while_redis_hangs_and_handled_once_after_it_resumes()
    {
        var ticketId = Guid.NewGuid().ToString();
        var admin = new ParkedEventService.ParkedEventServiceClient(Suite.Gateway.ChannelAs(() => Suite.Callers.StaffAsync(Callers.DefaultStaff)));
        var billing = new Metadata { { "x-aftersales-service", ResourceNames.Billing } };
        async Task<IReadOnlyList<AfterSales.Platform.V1.ParkedEvent>> ParkedAsync() =>
            (await admin.ListParkedEventsAsync(new ListParkedEventsRequest { Service = ResourceNames.Billing }, billing)).Events;
        // Other classes' tests parked events before this one: the event parked now is the one that is new.
        var before = (await ParkedAsync()).Select(e => e.EventId).ToHashSet();
        await AddToStreamAsync(eventId: null, OpenedEvent(ticketId)); // no event id: billing parks it
        var parked = await Eventually.ValueAsync(async () => (await ParkedAsync()).SingleOrDefault(e => !before.Contains(e.EventId)));

        var call = Stopwatch.StartNew();
        Suite.Servers.PauseRedis();
        try
        {
            await admin.ReplayParkedEventAsync(new ReplayParkedEventRequest { Service = ResourceNames.Billing, EventId = parked.EventId },
                billing, deadline: DateTime.UtcNow.AddSeconds(10));
            Assert.True(call.Elapsed < Prompt, $"The replay took {call.Elapsed}.");
            await Task.Delay(TimeSpan.FromSeconds(6) - call.Elapsed);
        }
        finally
        {
            Suite.Servers.ResumeRedis();
        }

        await AssertBilledOnceAsync(ticketId);
        var eventId = Guid.Parse(parked.EventId);
        Assert.Equal(1, await Suite.Billing.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.EventId == eventId)));
    }

    [Fact]
    public async Task An_event_committed_just_before_redis_is_killed_is_handled_once_after_redis_comes_back_by_itself()
    {
        var ticket = await Tickets.CreateTicketAsync(Intake());
        var killed = Suite.Servers.KillRedis();

        var downtime = await Suite.Servers.WaitForRedisRestartAsync(killed);

        Assert.True(downtime < TimeSpan.FromSeconds(10), $"Redis took {downtime} to come back.{Environment.NewLine}{LocalServers.RecentOutput()}");
        await AssertBilledOnceAsync(ticket.TicketId);
        // And the suite goes on: intake and events after the restart too.
        var after = await Tickets.CreateTicketAsync(Intake());
        await AssertBilledOnceAsync(after.TicketId);
    }

    [Fact]
    public async Task The_services_answer_again_within_seconds_after_postgres_is_killed_and_comes_back_by_itself()
    {
        var before = await Tickets.CreateTicketAsync(Intake());
        await AssertBilledOnceAsync(before.TicketId);
        try
        {
            var killed = Suite.Servers.KillPostgres();

            var downtime = await Suite.Servers.WaitForPostgresRestartAsync(killed);
            var call = Stopwatch.StartNew();
            var after = await Tickets.CreateTicketAsync(Intake(), deadline: DateTime.UtcNow.AddSeconds(30));

            Assert.True(downtime < TimeSpan.FromSeconds(15), $"PostgreSQL took {downtime} to come back.{Environment.NewLine}{LocalServers.RecentOutput()}");
            Assert.True(call.Elapsed < TimeSpan.FromSeconds(10), $"The first intake after the restart took {call.Elapsed}.");
            Assert.Equal(before, await Tickets.GetTicketAsync(new GetTicketRequest { TicketId = before.TicketId }));
            await AssertBilledOnceAsync(after.TicketId);
        }
        finally
        {
            ForgetConnectionsFromBeforeTheRestart();
        }
    }

    /// <summary>
    /// Billing gives up database retries at once in the suite, so each attempt during the outage fails
    /// back to the consumer: more attempts than <see cref="Suite.MaxDeliveries"/>, none of which may bring
    /// the event closer to being parked (its delivery count stays below the limit throughout).
    /// </summary>
    [Fact]
    public async Task A_database_outage_does_not_count_toward_parking_an_event()
    {
        var ticketId = Guid.NewGuid().ToString();
        var eventId = Guid.NewGuid();
        using var redis = await ConnectionMultiplexer.ConnectAsync(Suite.Servers.Redis);
        var group = Suite.Billing.Services.GetRequiredService<IHostEnvironment>().ApplicationName;
        var mostDeliveries = 0;
        var attempts = 0;
        var lastIdle = long.MaxValue;

        await Suite.Servers.StopPostgresAsync();
        try
        {
            var entry = await AddToStreamAsync(eventId.ToString(), OpenedEvent(ticketId));
            var outage = Stopwatch.StartNew();
            while (outage.Elapsed < Suite.RetryAfter * (Suite.MaxDeliveries + 1) * 3)
            {
                // Each attempt claims the entry anew, which starts its idle time from zero.
                var pending = await redis.GetDatabase().StreamPendingMessagesAsync(Stream, group, 1, RedisValue.Null, entry, entry);
                if (pending.Length == 1)
                {
                    attempts += pending[0].IdleTimeInMilliseconds < lastIdle ? 1 : 0;
                    lastIdle = pending[0].IdleTimeInMilliseconds;
                    mostDeliveries = Math.Max(mostDeliveries, pending[0].DeliveryCount);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
        }
        finally
        {
            await Suite.Servers.StartPostgresAsync();
        }

        try
        {
            Assert.True(attempts > Suite.MaxDeliveries, $"Billing tried {attempts} times during the outage.");
            Assert.InRange(mostDeliveries, 0, Suite.MaxDeliveries);
            await AssertBilledOnceAsync(ticketId);
            Assert.Equal(0, await Suite.Billing.WithDbAsync(db => db.Set<AfterSales.Platform.Events.ParkedEvent>().CountAsync(p => p.EventId == eventId)));
            Assert.Equal(1, await Suite.Billing.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.EventId == eventId)));
        }
        finally
        {
            ForgetConnectionsFromBeforeTheRestart();
        }
    }

    /// <summary>
    /// The services found their way back by themselves; the next test's reset must not meet an idle pooled
    /// connection from before the restart that no service has touched since.
    /// </summary>
    private static void ForgetConnectionsFromBeforeTheRestart() => NpgsqlConnection.ClearAllPools();

    private static TicketOpened OpenedEvent(string ticketId) => new()
    {
        TicketId = ticketId,
        Number = $"T20260115-{Random.Shared.Next(100_000, 999_999)}",
        StationId = DemoIds.StationHangzhou.ToString(),
        CustomerId = Guid.NewGuid().ToString(),
        AssetId = Guid.NewGuid().ToString(),
        Category = ServiceCategory.Paid,
        ReceivedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.FromHours(8))),
    };

    /// <summary>Puts an event on its stream as a producer's relay would, or without an event id.</summary>
    private async Task<RedisValue> AddToStreamAsync(string? eventId, TicketOpened opened)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(Suite.Servers.Redis);
        var fields = new List<NameValueEntry>
        {
            new(EventStreams.TypeField, TicketOpened.Descriptor.FullName),
            new(EventStreams.PayloadField, opened.ToByteArray()),
            new(EventStreams.TraceParentField, ""),
        };
        if (eventId is not null)
        {
            fields.Insert(0, new NameValueEntry(EventStreams.IdField, eventId));
        }
        return await redis.GetDatabase().StreamAddAsync(Stream, [.. fields]);
    }

    /// <summary>
    /// Billing opened exactly one account for the ticket, and its audit trail, read through the gateway,
    /// shows it added once. Waits for the account first: events produced during a fault arrive after it.
    /// </summary>
    private async Task AssertBilledOnceAsync(string ticketId)
    {
        var id = Guid.Parse(ticketId);
        await Eventually.ValueAsync(async () =>
            await Suite.Billing.WithDbAsync(db => db.TicketAccounts.AnyAsync(a => a.TicketId == id)) ? "opened" : null,
            TimeSpan.FromSeconds(60));
        // Time for a duplicate delivery to do harm, had it any.
        await Task.Delay(Suite.RetryAfter * 2);

        Assert.Equal(1, await Suite.Billing.WithDbAsync(db => db.TicketAccounts.CountAsync(a => a.TicketId == id)));
        var audit = new AuditService.AuditServiceClient(Suite.Gateway.ChannelAs(() => Suite.Callers.StaffAsync(Callers.DefaultStaff)));
        var trail = await audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Service = ResourceNames.Billing, EntityId = ticketId },
            new Metadata { { "x-aftersales-service", ResourceNames.Billing } });
        Assert.Single(trail.Entries, e => e.Change == "ADDED");
    }
}
