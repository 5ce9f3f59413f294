using System.Globalization;
using AfterSales.Platform.Errors;

namespace AfterSales.Customers.Model;

/// <summary>What a reminder asks someone to do.</summary>
public enum ReminderKind
{
    /// <summary>A maintenance contract ends in a month: send the expiry notice (保养到期通知书) and follow up its renewal (§1 十八).</summary>
    ContractExpiry = 1,

    /// <summary>An asset's warranty ends soon: tell the customer what changes.</summary>
    WarrantyEnding = 2,

    /// <summary>Half a year before an asset's warranty ends: hand its routine maintenance over to the property centre (§12 5.4.1.1).</summary>
    MaintenanceHandover = 3,

    /// <summary>A newer software version was released for an asset's model: notify its customer (§8 3.2).</summary>
    SoftwareUpdate = 4,
}

/// <summary>
/// A reminder raised by the scheduler when it fell due: raised once per kind, subject and occasion (a unique
/// key: whatever the replicas or restarts) and listed until someone handles it.
/// </summary>
public sealed class Reminder
{
    public const int MaxOutcomeLength = 500;

    private Reminder() { }

    public Reminder(Guid id, ReminderKind kind, Guid subjectId, string occasion, Guid customerId, Guid servingStationId,
        string subjectLabel, DateOnly dueOn, DateOnly actBy, string summary, DateTimeOffset raisedAt)
    {
        Id = id;
        Kind = kind;
        SubjectId = subjectId;
        Occasion = occasion;
        CustomerId = customerId;
        ServingStationId = servingStationId;
        SubjectLabel = subjectLabel;
        DueOn = dueOn;
        ActBy = actBy;
        Summary = summary;
        RaisedAt = raisedAt;
    }

    public Guid Id { get; private set; }
    public ReminderKind Kind { get; private set; }

    /// <summary>The contract or asset it is about.</summary>
    public Guid SubjectId { get; private set; }

    /// <summary>
    /// Which occurrence: the last day of the term it is about (yyyy-MM-dd), or the released software version.
    /// A term changed later (a warranty extended, a contract renewed) is a new occasion.
    /// </summary>
    public string Occasion { get; private set; } = "";

    public Guid CustomerId { get; private set; }
    public Guid ServingStationId { get; private set; }

    /// <summary>Follows its customer to the station that serves it now.</summary>
    public void ServedBy(Guid stationId) => ServingStationId = stationId;

    /// <summary>The contract's number or the asset's serial number, as people name them.</summary>
    public string SubjectLabel { get; private set; } = "";

    /// <summary>The day it fell due (raised then, or at the first round after a downtime).</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>The last day to act: the term's end, or a month after a release. Open after it, it is overdue.</summary>
    public DateOnly ActBy { get; private set; }

    /// <summary>What to do, in a sentence.</summary>
    public string Summary { get; private set; } = "";

    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset? HandledAt { get; private set; }
    public string? HandledBy { get; private set; }
    public string? Outcome { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): of two people handling it at once, one is refused.</summary>
    public uint Version { get; private set; }

    public bool IsOverdue(DateOnly today) => HandledAt is null && today > ActBy;

    public static string OccasionOf(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Records what was done about it; a reminder is handled once.</summary>
    public void Handle(string outcome, string actor, DateTimeOffset at)
    {
        if (HandledAt is not null)
        {
            throw new PreconditionFailedException($"The reminder was handled on {HandledAt:yyyy-MM-dd} by {HandledBy} already.");
        }
        (HandledAt, HandledBy, Outcome) = (at, actor, outcome);
    }
}

/// <summary>A software version released for a product model (§8 3.2): every asset of the model on an older one gets a notice.</summary>
public sealed class SoftwareRelease
{
    public const int MaxNotesLength = 1000;

    private SoftwareRelease() { }

    public SoftwareRelease(Guid id, string model, string version, string notes, string announcedBy, DateTimeOffset announcedAt)
    {
        Id = id;
        Model = model;
        Version = version;
        Notes = notes;
        AnnouncedBy = announcedBy;
        AnnouncedAt = announcedAt;
    }

    public Guid Id { get; private set; }
    public string Model { get; private set; } = "";
    public string Version { get; private set; } = "";
    public string Notes { get; private set; } = "";
    public string AnnouncedBy { get; private set; } = "";
    public DateTimeOffset AnnouncedAt { get; private set; }
}

/// <summary>Software versions as vendors write them ("2.10.1", "V3.2-b4"): compared segment by segment, numbers as numbers.</summary>
public static class SoftwareVersions
{
    private static readonly char[] Separators = ['.', '-', '_', ' '];

    /// <summary>Negative when <paramref name="a"/> is older than <paramref name="b"/>, zero when they are the same version.</summary>
    public static int Compare(string a, string b)
    {
        var (left, right) = (Segments(a), Segments(b));
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var (x, y) = (i < left.Length ? left[i] : "0", i < right.Length ? right[i] : "0");
            var order = long.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
                && long.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? m.CompareTo(n)
                : string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
            if (order != 0)
            {
                return order;
            }
        }
        return 0;
    }

    /// <summary>An empty version (none recorded) is older than any release.</summary>
    public static bool IsOlder(string installed, string released) => installed.Length == 0 || Compare(installed, released) < 0;

    private static string[] Segments(string version) =>
        version.Trim().TrimStart('v', 'V').Split(Separators, StringSplitOptions.RemoveEmptyEntries);
}
