using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace AfterSales.Platform.Events;

/// <summary>How events travel on Redis: one stream per event type, one entry per event.</summary>
public static class EventStreams
{
    /// <summary>Spans of publishing and consuming events; registered with OpenTelemetry by the service defaults.</summary>
    public static readonly ActivitySource Source = new("AfterSales.Events");

    public const string IdField = "id";
    public const string TypeField = "type";
    public const string PayloadField = "payload";
    public const string TraceParentField = "traceparent";

    public static string StreamOf(string eventType) => $"aftersales:events:{eventType}";

    public static string StreamOf(MessageDescriptor descriptor) => StreamOf(descriptor.FullName);

    public static string TypeOf<TEvent>() where TEvent : IMessage<TEvent>, new() => new TEvent().Descriptor.FullName;
}
