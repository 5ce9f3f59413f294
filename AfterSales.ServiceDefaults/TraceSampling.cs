using System.Diagnostics;
using OpenTelemetry.Trace;

namespace AfterSales.ServiceDefaults;

/// <summary>
/// Which traces are recorded. A span with a parent follows its parent's decision, so a request's trace is whole
/// or absent, and work a request caused later (an event published, consumed) joins the request's trace.
/// A new trace is recorded for <paramref name="ratio"/> of the requests that start one, except one that begins with
/// a client call: a database query, a Redis command or an HTTP call made outside any request or job is a
/// background poll (an outbox or stream poll that reads nothing, a claim sweep, a health ping, a janitor's
/// delete), and an SRE looking for a request would have to dig through thousands of them. Background work
/// that does something opens a span of its own first (the platform's BackgroundWork), and is kept.
/// </summary>
public sealed class TraceSampling(double ratio) : Sampler
{
    /// <summary>The configuration key: the share of new traces recorded, 0 to 1 (1, every one, unless set).</summary>
    public const string RatioKey = "Telemetry:TraceSampleRatio";

    private readonly TraceIdRatioBasedSampler _requests = new(Math.Clamp(ratio, 0, 1));

    /// <summary>The suite's sampler: parents decide; new traces as above.</summary>
    public static Sampler Create(double ratio) => new ParentBasedSampler(new TraceSampling(ratio));

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client
            ? new SamplingResult(SamplingDecision.Drop)
            : _requests.ShouldSample(samplingParameters);
}
