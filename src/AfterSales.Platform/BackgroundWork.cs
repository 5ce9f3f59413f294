using System.Diagnostics;

namespace AfterSales.Platform;

/// <summary>
/// The span of a background job that found something to do (an escalation raised, reminders due, a monthly
/// run made). Rounds that find nothing open none, and their queries are not recorded (the service defaults'
/// sampler drops a trace that begins with a client call), so an idle suite writes no traces; a round that
/// acts gets a trace of its own, and the events it publishes join it.
/// </summary>
public static class BackgroundWork
{
    private static readonly ActivitySource Source = new("AfterSales.Background");

    /// <summary>Starts the job's span, a trace of its own whatever span is current.</summary>
    public static Activity? Start(string name)
    {
        // A job runs outside any request; a span left current by the host must not adopt it.
        Activity.Current = null;
        return Source.StartActivity(name, ActivityKind.Internal, parentContext: default);
    }
}
