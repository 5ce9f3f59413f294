namespace AfterSales.Platform.Events;

/// <summary>
/// An integration event waiting to leave, written in the same transaction as the change it reports
/// (transactional outbox). The relay publishes it and stamps <see cref="PublishedAt"/>.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(Guid id, string type, byte[] payload, string? traceParent, DateTimeOffset createdAt)
    {
        Id = id;
        Type = type;
        Payload = payload;
        TraceParent = traceParent;
        CreatedAt = createdAt;
    }

    /// <summary>The event id consumers de-duplicate by.</summary>
    public Guid Id { get; private set; }

    /// <summary>Full protobuf message name, e.g. aftersales.events.v1.TicketOpened.</summary>
    public string Type { get; private set; } = "";

    public byte[] Payload { get; private set; } = [];

    /// <summary>W3C traceparent of the producing call, so the consumer's span joins its trace.</summary>
    public string? TraceParent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    public void MarkPublished(DateTimeOffset at) => PublishedAt = at;

    /// <summary>Queues the event to be published again (a replay).</summary>
    public void MarkUnpublished() => PublishedAt = null;
}

/// <summary>An event this service has processed; its id makes redelivery harmless.</summary>
public sealed class InboxMessage
{
    private InboxMessage() { }

    public InboxMessage(Guid eventId, string type, DateTimeOffset processedAt)
    {
        EventId = eventId;
        Type = type;
        ProcessedAt = processedAt;
    }

    public Guid EventId { get; private set; }
    public string Type { get; private set; } = "";
    public DateTimeOffset ProcessedAt { get; private set; }
}

/// <summary>
/// An event that failed every delivery: set aside with its error so it never blocks the stream, kept
/// for an operator to read and replay.
/// </summary>
public sealed class ParkedEvent
{
    private ParkedEvent() { }

    public ParkedEvent(Guid eventId, string type, byte[] payload, string? traceParent, string error, int deliveries, DateTimeOffset parkedAt)
    {
        EventId = eventId;
        Type = type;
        Payload = payload;
        TraceParent = traceParent;
        Error = error;
        Deliveries = deliveries;
        ParkedAt = parkedAt;
    }

    public Guid EventId { get; private set; }
    public string Type { get; private set; } = "";
    public byte[] Payload { get; private set; } = [];
    public string? TraceParent { get; private set; }
    public string Error { get; private set; } = "";
    public int Deliveries { get; private set; }
    public DateTimeOffset ParkedAt { get; private set; }
}
