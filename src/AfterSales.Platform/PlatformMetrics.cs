using System.Diagnostics.Metrics;

namespace AfterSales.Platform;

/// <summary>
/// What every service measures the same way (meter <c>AfterSales.Platform</c>; the service is the resource's
/// service.name): retried mutations answered from their first answer, how late events are consumed, events
/// parked, events published, and the outbox's backlog. The README's "What to watch" says what each means for an SRE.
/// </summary>
public sealed class PlatformMetrics
{
    public const string MeterName = "AfterSales.Platform";

    private readonly Counter<long> _replays;
    private readonly Histogram<double> _eventLag;
    private readonly Counter<long> _parked;
    private readonly Counter<long> _published;
    private long _outboxBacklog;
    private double _outboxAge;

    public PlatformMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _replays = meter.CreateCounter<long>("aftersales.requests.replayed", "{request}",
            "Mutations retried with a request_id already answered: answered again from the first answer, nothing done twice.");
        // OpenTelemetry's default buckets (0, 5, 10, 25 … 10,000) suit milliseconds: in seconds every normal lag
        // would fall into the first bucket and read as 5 s.
        _eventLag = meter.CreateHistogram("aftersales.events.lag", "s",
            "From an event's entry in its stream to its consumer group having handled it.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] });
        _parked = meter.CreateCounter<long>("aftersales.events.parked", "{event}",
            "Events set aside after failing every delivery; they wait to be replayed.");
        _published = meter.CreateCounter<long>("aftersales.events.published", "{event}",
            "Events published to their streams, by stream (a StockLow is a part gone below its reorder point, an SlaBreached a clock run out).");
        meter.CreateObservableGauge("aftersales.outbox.backlog", () => Interlocked.Read(ref _outboxBacklog), "{event}",
            "Events committed and not yet published to their streams.");
        meter.CreateObservableGauge("aftersales.outbox.age", () => Volatile.Read(ref _outboxAge), "s",
            "How long the oldest unpublished event has waited (0 when none waits).");
    }

    public void RequestReplayed(string method) => _replays.Add(1, new KeyValuePair<string, object?>("rpc.method", method));

    public void EventHandled(string stream, string group, TimeSpan lag) =>
        _eventLag.Record(Math.Max(0, lag.TotalSeconds), Tag.Stream(stream), Tag.Group(group));

    public void EventPublished(string stream) => _published.Add(1, Tag.Stream(stream));

    public void EventParked(string stream, string group) => _parked.Add(1, Tag.Stream(stream), Tag.Group(group));

    public void OutboxMeasured(long backlog, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref _outboxBacklog, backlog);
        Volatile.Write(ref _outboxAge, Math.Max(0, oldestAge.TotalSeconds));
    }

    private static class Tag
    {
        public static KeyValuePair<string, object?> Stream(string stream) => new("messaging.destination.name", stream);

        public static KeyValuePair<string, object?> Group(string group) => new("messaging.consumer.group.name", group);
    }
}
