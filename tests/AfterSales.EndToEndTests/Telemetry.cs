using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace AfterSales.EndToEndTests;

/// <summary>A span as the dashboard's telemetry API returns it (OTLP JSON), reduced to what tests ask.</summary>
public sealed record SpanView(string Service, string Name, IReadOnlyDictionary<string, string> Attributes)
{
    public bool IsDatabase(string system) =>
        Attributes.TryGetValue("db.system", out var value) && value == system
        || Attributes.TryGetValue("db.system.name", out var name) && name == system;
}

/// <summary>Reads traces back from the dashboard, as an SRE would follow them.</summary>
public static class Telemetry
{
    /// <summary>A new W3C trace context whose trace id the test owns.</summary>
    public static (string TraceId, string TraceParent) NewTraceParent()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        return (traceId, $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    }

    /// <summary>
    /// Polls the dashboard until the trace holds spans satisfying <paramref name="complete"/> (spans arrive
    /// after the services' OTLP batch export, a few seconds late), and returns them.
    /// </summary>
    public static async Task<IReadOnlyList<SpanView>> WaitForTraceAsync(HttpClient dashboard, string traceId,
        Func<IReadOnlyList<SpanView>, bool> complete, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<SpanView> spans = [];
        while (DateTime.UtcNow < deadline)
        {
            using var response = await dashboard.GetAsync($"/api/telemetry/traces/{traceId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                spans = Parse(await response.Content.ReadAsStringAsync());
                if (complete(spans))
                {
                    return spans;
                }
            }
            else if (response.StatusCode != HttpStatusCode.NotFound)
            {
                Assert.Fail($"The dashboard telemetry API answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return spans;
    }

    /// <summary>How many traces the dashboard holds, and the names of the root spans of the newest <paramref name="newest"/>.</summary>
    public static async Task<(int Count, IReadOnlyList<string> NewestRoots)> TracesAsync(HttpClient dashboard, int newest = 1)
    {
        using var document = JsonDocument.Parse(await dashboard.GetStringAsync($"/api/telemetry/traces?limit={Math.Max(newest, 1)}"));
        var roots = FindArrays(document.RootElement, "spans")
            .Where(span => !span.TryGetProperty("parentSpanId", out var parent) || string.IsNullOrEmpty(parent.GetString()))
            .Select(span => span.GetProperty("name").GetString() ?? "")
            .ToList();
        return (document.RootElement.GetProperty("totalCount").GetInt32(), roots);
    }

    private static List<SpanView> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var spans = new List<SpanView>();
        foreach (var resourceSpans in FindArrays(document.RootElement, "resourceSpans"))
        {
            var service = Attributes(resourceSpans.GetProperty("resource")).GetValueOrDefault("service.name", "");
            foreach (var scopeSpans in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scopeSpans.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new SpanView(service, span.GetProperty("name").GetString() ?? "", Attributes(span)));
                }
            }
        }
        return spans;
    }

    /// <summary>Every element of every array named <paramref name="name"/>, wherever the API nests it.</summary>
    private static IEnumerable<JsonElement> FindArrays(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == name && property.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        yield return item;
                    }
                }
                else
                {
                    foreach (var item in FindArrays(property.Value, name))
                    {
                        yield return item;
                    }
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray())
            {
                foreach (var item in FindArrays(child, name))
                {
                    yield return item;
                }
            }
        }
    }

    private static Dictionary<string, string> Attributes(JsonElement owner)
    {
        var attributes = new Dictionary<string, string>();
        if (owner.TryGetProperty("attributes", out var list))
        {
            foreach (var attribute in list.EnumerateArray())
            {
                var value = attribute.GetProperty("value");
                var text = value.EnumerateObject().Select(v => v.Value.ToString()).FirstOrDefault() ?? "";
                attributes[attribute.GetProperty("key").GetString()!] = text;
            }
        }
        return attributes;
    }
}
