using AfterSales.Events.V1;
using AfterSales.Platform.Events;
using Google.Protobuf;
using StackExchange.Redis;

namespace AfterSales.FunctionalTests.Infrastructure;

/// <summary>
/// A test's own events among everything on the shared event streams: streams are never emptied during a
/// run, and some tests put entries there that are not events at all, on purpose.
/// </summary>
public static class PublishedEvents
{
    /// <summary>The entry that carries the TicketOpened of the ticket, once the relay has put it on its stream; null before.</summary>
    public static async Task<PublishedEvent<TicketOpened>?> TicketOpenedAsync(IDatabase redis, string ticketId)
    {
        foreach (var entry in await redis.StreamRangeAsync(EventStreams.StreamOf(TicketOpened.Descriptor)))
        {
            if (TryParse<TicketOpened>((byte[]?)entry[EventStreams.PayloadField]) is { } opened && opened.TicketId == ticketId)
            {
                return new PublishedEvent<TicketOpened>(entry.Id, entry.Values, opened);
            }
        }
        return null;
    }

    /// <summary>Puts an event on its stream under the event id given, as a service's outbox relay would.</summary>
    public static Task<RedisValue> AddAsync<TEvent>(IDatabase redis, Guid eventId, TEvent integrationEvent) where TEvent : IMessage<TEvent> =>
        redis.StreamAddAsync(EventStreams.StreamOf(integrationEvent.Descriptor),
        [
            new NameValueEntry(EventStreams.IdField, eventId.ToString()),
            new NameValueEntry(EventStreams.TypeField, integrationEvent.Descriptor.FullName),
            new NameValueEntry(EventStreams.PayloadField, integrationEvent.ToByteArray()),
            new NameValueEntry(EventStreams.TraceParentField, ""),
        ]);

    /// <summary>The event in <paramref name="payload"/>, or null when it holds none.</summary>
    public static TEvent? TryParse<TEvent>(byte[]? payload) where TEvent : class, IMessage<TEvent>, new()
    {
        try
        {
            return payload is null ? null : new MessageParser<TEvent>(() => new TEvent()).ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}

/// <summary>A stream entry and the event it carries.</summary>
public sealed record PublishedEvent<TEvent>(RedisValue EntryId, NameValueEntry[] Fields, TEvent Event);
