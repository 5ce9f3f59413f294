namespace AfterSales.Tickets.Model;

/// <summary>
/// How often a project is visited (§12 5.4.1.2, 5.4.2.1), which depends on where the company's people are, a fact
/// only the dispatcher knows: in warranty twice a week while the construction team is on site, weekly once it
/// has gone while the department is in the city, then a person on site for the first half-year after move-in and
/// monthly after; after warranty weekly, then fortnightly, then telephone support only.
/// </summary>
public enum VisitCadence
{
    TwiceWeekly = 1,
    Weekly = 2,
    Fortnightly = 3,
    Monthly = 4,

    /// <summary>A person stays on site: every job is handled at once, none waits.</summary>
    PersonOnSite = 5,

    /// <summary>Telephone support only: no visits are scheduled (a visit is paid service, dispatched by hand).</summary>
    PhoneOnly = 6,
}

/// <summary>A project's batch-visit schedule: its cadence counted from its first visit day.</summary>
public sealed class VisitSchedule
{
    private VisitSchedule() { }

    public VisitSchedule(Guid projectId, string projectCode, Guid stationId)
    {
        ProjectId = projectId;
        ProjectCode = projectCode;
        StationId = stationId;
    }

    public Guid ProjectId { get; private set; }
    public string ProjectCode { get; private set; } = "";

    /// <summary>The station that serves the project, and visits it.</summary>
    public Guid StationId { get; private set; }

    public VisitCadence Cadence { get; private set; }
    public DateOnly FirstVisitOn { get; private set; }
    public string SetBy { get; private set; } = "";
    public DateTimeOffset SetAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public void Set(VisitCadence cadence, DateOnly firstVisitOn, string actor, DateTimeOffset at)
    {
        if (!Enum.IsDefined(cadence))
        {
            throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Unknown cadence.");
        }
        (Cadence, FirstVisitOn, SetBy, SetAt) = (cadence, firstVisitOn, actor, at);
    }

    /// <summary>The first visit day on or after <paramref name="day"/>; null when jobs do not wait for visits.</summary>
    public DateOnly? NextVisitOn(DateOnly day)
    {
        if (day <= FirstVisitOn)
        {
            return Cadence is VisitCadence.PersonOnSite or VisitCadence.PhoneOnly ? null : FirstVisitOn;
        }
        var days = day.DayNumber - FirstVisitOn.DayNumber;
        switch (Cadence)
        {
            case VisitCadence.TwiceWeekly:
                // The first visit's weekday and three days later (e.g. Monday and Thursday).
                var inWeek = days % 7;
                return inWeek == 0 ? day : inWeek <= 3 ? day.AddDays(3 - inWeek) : day.AddDays(7 - inWeek);
            case VisitCadence.Weekly:
                return day.AddDays((7 - days % 7) % 7);
            case VisitCadence.Fortnightly:
                return day.AddDays((14 - days % 14) % 14);
            case VisitCadence.Monthly:
                // The first visit's day of the month, or the month's last day when it has none (a 31st in April).
                var months = (day.Year - FirstVisitOn.Year) * 12 + day.Month - FirstVisitOn.Month;
                for (var k = months; ; k++)
                {
                    var visit = FirstVisitOn.AddMonths(k);
                    if (visit >= day)
                    {
                        return visit;
                    }
                }
            default:
                return null;
        }
    }
}
