using System.Globalization;
using AfterSales.Common.V1;
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
using StackExchange.Redis;

namespace AfterSales.FunctionalTests.Platform;

/// <summary>
/// Events between services, on the real Redis: billing acts on each TicketOpened once however often it
/// arrives, sets aside an entry it cannot process without holding up the rest, and an administrator
/// can send a parked event through again.
/// </summary>
public sealed class EventDeliveryTests(Suite suite) : SuiteTest(suite), IDisposable
{
    private static readonly string Stream = EventStreams.StreamOf(TicketOpened.Descriptor);

    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(suite.Servers.Redis);

    private IDatabase Redis => _redis.GetDatabase();

    private ParkedEventService.ParkedEventServiceClient Parked => new(Suite.Billing.Channel);

    public void Dispose() => _redis.Dispose();

    /// <summary>Opens a ticket on a new asset, as internal staff.</summary>
    private async Task<Ticket> OpenTicketAsync()
    {
        var asset = await Data.NewAssetAsync(DemoIds.StationHangzhou);
        return await new TicketService.TicketServiceClient(Suite.Tickets.Channel).CreateTicketAsync(Requests.Intake(asset.SerialNumber));
    }

    private Task<int> AccountsOfAsync(string ticketId)
    {
        var id = Guid.Parse(ticketId);
        return Suite.Billing.WithDbAsync(db => db.TicketAccounts.CountAsync(a => a.TicketId == id));
    }

    private Task WaitForAccountAsync(string ticketId) => Eventually.TrueAsync(async () => await AccountsOfAsync(ticketId) > 0);

    /// <summary>The fields of the stream entry the tickets service published for the ticket.</summary>
    private Task<NameValueEntry[]> PublishedEntryAsync(string ticketId) =>
        Eventually.ValueAsync(async () => (await PublishedEvents.TicketOpenedAsync(Redis, ticketId))?.Fields);

    private static RedisValue Field(NameValueEntry[] entry, string name) => entry.Single(f => f.Name == name).Value;

    /// <summary>Waits until billing's consumer group has read the entry and acknowledged it.</summary>
    private async Task WaitUntilConsumedAsync(RedisValue entryId)
    {
        var group = Suite.Billing.Services.GetRequiredService<IHostEnvironment>().ApplicationName;
        await Eventually.ValueAsync(async () =>
        {
            var info = (await Redis.StreamGroupInfoAsync(Stream)).FirstOrDefault(g => g.Name == group);
            if (info.Name is null || info.LastDeliveredId is null || CompareIds(info.LastDeliveredId, entryId.ToString()) < 0)
            {
                return null;
            }
            var pending = await Redis.StreamPendingMessagesAsync(Stream, group, 1, RedisValue.Null, entryId, entryId);
            return pending.Length == 0 ? "consumed" : null;
        });
    }

    private static int CompareIds(string left, string right)
    {
        static (long, long) Parse(string id) => id.Split('-') is [var ms, var seq]
            ? (long.Parse(ms, CultureInfo.InvariantCulture), long.Parse(seq, CultureInfo.InvariantCulture))
            : (long.Parse(id, CultureInfo.InvariantCulture), 0);
        return Parse(left).CompareTo(Parse(right));
    }

    /// <summary>Puts an entry on the stream as the tickets service would, or without an event id.</summary>
    private Task<RedisValue> AddAsync(string? eventId, byte[] payload)
    {
        var fields = new List<NameValueEntry>
        {
            new(EventStreams.TypeField, TicketOpened.Descriptor.FullName),
            new(EventStreams.PayloadField, payload),
            new(EventStreams.TraceParentField, ""),
        };
        if (eventId is not null)
        {
            fields.Insert(0, new NameValueEntry(EventStreams.IdField, eventId));
        }
        return Redis.StreamAddAsync(Stream, [.. fields]);
    }

    private async Task<IReadOnlyList<AfterSales.Platform.V1.AuditEntry>> AccountTrailAsync(string ticketId) =>
        (await new AuditService.AuditServiceClient(Suite.Billing.Channel).ListAuditEntriesAsync(
            new ListAuditEntriesRequest { Service = ResourceNames.Billing, EntityId = ticketId })).Entries;

    private async Task<IReadOnlyList<AfterSales.Platform.V1.ParkedEvent>> ParkedEventsAsync() =>
        (await Parked.ListParkedEventsAsync(new ListParkedEventsRequest { Service = ResourceNames.Billing })).Events;

    /// <summary>The parked event with this id, once billing has parked it.</summary>
    private Task<AfterSales.Platform.V1.ParkedEvent> ParkedAsync(string eventId) =>
        Eventually.ValueAsync(async () => (await ParkedEventsAsync()).SingleOrDefault(p => p.EventId == eventId));

    /// <summary>The id billing parked an entry with, found by its payload: an entry without an event id is parked under an id of its own.</summary>
    private Task<string> ParkedIdOfAsync(byte[] payload) =>
        Eventually.ValueAsync(() => Suite.Billing.WithDbAsync(async db =>
            (await db.Set<AfterSales.Platform.Events.ParkedEvent>().AsNoTracking().ToListAsync())
                .SingleOrDefault(p => p.Payload.AsSpan().SequenceEqual(payload))?.EventId.ToString()));

    [Fact]
    public async Task The_account_billing_opens_is_recorded_in_its_trail_as_the_system_acting_on_the_event()
    {
        var ticket = await OpenTicketAsync();
        await WaitForAccountAsync(ticket.TicketId);

        var entry = Assert.Single(await AccountTrailAsync(ticket.TicketId));

        Assert.Equal(("TicketAccount", "ADDED", "system"), (entry.EntityType, entry.Change, entry.Actor));
        Assert.Empty(entry.ActorStationId);
        Assert.Contains(TicketOpened.Descriptor.FullName, entry.Operation);
    }

    [Fact]
    public async Task A_redelivered_event_opens_no_second_account_and_leaves_no_second_trail()
    {
        var ticket = await OpenTicketAsync();
        var published = await PublishedEntryAsync(ticket.TicketId);
        await WaitForAccountAsync(ticket.TicketId);

        var again = await Redis.StreamAddAsync(Stream, published);
        await WaitUntilConsumedAsync(again);

        var eventId = Guid.Parse(Field(published, EventStreams.IdField).ToString());
        Assert.Equal(1, await AccountsOfAsync(ticket.TicketId));
        Assert.Equal(1, await Suite.Billing.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.EventId == eventId)));
        Assert.Single(await AccountTrailAsync(ticket.TicketId), e => e.Change == "ADDED");
        Assert.DoesNotContain(await ParkedEventsAsync(), p => p.EventId == eventId.ToString());
    }

    [Fact]
    public async Task The_same_ticket_opened_again_under_a_new_event_id_opens_no_second_account()
    {
        var ticket = await OpenTicketAsync();
        var published = await PublishedEntryAsync(ticket.TicketId);
        await WaitForAccountAsync(ticket.TicketId);
        var newEventId = Guid.NewGuid();

        var again = await AddAsync(newEventId.ToString(), (byte[])Field(published, EventStreams.PayloadField)!);
        await WaitUntilConsumedAsync(again);

        Assert.Equal(1, await AccountsOfAsync(ticket.TicketId));
        Assert.Single(await AccountTrailAsync(ticket.TicketId));
        Assert.Equal(1, await Suite.Billing.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.EventId == newEventId)));
    }

    [Fact]
    public async Task A_poison_entry_is_parked_after_its_deliveries_while_the_events_behind_it_go_through()
    {
        var poisonId = Guid.NewGuid();
        var poison = await AddAsync(poisonId.ToString(), [0x0A, 0xFF]); // field 1, a length that never ends
        var ticket = await OpenTicketAsync();

        await WaitForAccountAsync(ticket.TicketId);
        var parked = await ParkedAsync(poisonId.ToString());
        await WaitUntilConsumedAsync(poison);

        Assert.Equal(poisonId.ToString(), parked.EventId);
        Assert.Equal(TicketOpened.Descriptor.FullName, parked.Type);
        Assert.Equal(Suite.MaxDeliveries, parked.Deliveries);
        Assert.StartsWith(nameof(InvalidProtocolBufferException), parked.Error);
        Assert.Equal(0, await Suite.Billing.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.EventId == poisonId)));
    }

    [Fact]
    public async Task A_replayed_parked_event_goes_through_the_stream_again_and_leaves_the_parked_list()
    {
        // A well-formed TicketOpened whose entry lost its event id: parked (under an id of its own), not acted on.
        var ticketId = Guid.NewGuid().ToString();
        var opened = new TicketOpened
        {
            TicketId = ticketId,
            Number = "T20260115-000042",
            StationId = DemoIds.StationNingbo.ToString(),
            CustomerId = Guid.NewGuid().ToString(),
            AssetId = Guid.NewGuid().ToString(),
            Category = ServiceCategory.Paid,
            ReceivedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.FromHours(8))),
        };
        await AddAsync(eventId: null, opened.ToByteArray());
        var parked = await ParkedAsync(await ParkedIdOfAsync(opened.ToByteArray()));
        Assert.StartsWith(nameof(InvalidDataException), parked.Error);
        Assert.Equal(0, await AccountsOfAsync(ticketId));

        await Parked.ReplayParkedEventAsync(new ReplayParkedEventRequest { Service = ResourceNames.Billing, EventId = parked.EventId });

        Assert.DoesNotContain(await ParkedEventsAsync(), p => p.EventId == parked.EventId);
        await WaitForAccountAsync(ticketId);
        var account = await Suite.Billing.WithDbAsync(db => db.TicketAccounts.SingleAsync(a => a.TicketId == Guid.Parse(ticketId)));
        Assert.Equal((opened.Number, DemoIds.StationNingbo), (account.TicketNumber, account.StationId));
        var eventId = Guid.Parse(parked.EventId);
        Assert.Equal(1, await Suite.Billing.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(m => m.EventId == eventId)));
    }

    [Fact]
    public async Task Replaying_an_event_that_is_not_parked_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Parked.ReplayParkedEventAsync(
            new ReplayParkedEventRequest { Service = ResourceNames.Billing, EventId = Guid.NewGuid().ToString() }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Only_administrators_list_and_replay_parked_events()
    {
        var manager = new ParkedEventService.ParkedEventServiceClient(Suite.Billing.ChannelAs(() => Suite.Callers.StaffAsync("manager")));

        var list = await Assert.ThrowsAsync<RpcException>(() =>
            manager.ListParkedEventsAsync(new ListParkedEventsRequest { Service = ResourceNames.Billing }).ResponseAsync);
        var replay = await Assert.ThrowsAsync<RpcException>(() => manager.ReplayParkedEventAsync(
            new ReplayParkedEventRequest { Service = ResourceNames.Billing, EventId = Guid.NewGuid().ToString() }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, list.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, replay.StatusCode);
    }

    [Fact]
    public async Task A_request_for_another_service_s_parked_events_is_a_field_violation_on_service()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Parked.ListParkedEventsAsync(new ListParkedEventsRequest { Service = ResourceNames.Tickets }).ResponseAsync);

        Problems.AssertFieldViolations(error, "service");
    }
}
