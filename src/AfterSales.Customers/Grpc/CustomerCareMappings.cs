using AfterSales.Platform.Grpc;
using Google.Protobuf.WellKnownTypes;
using Model = AfterSales.Customers.Model;
using V1 = AfterSales.Customers.V1;

namespace AfterSales.Customers.Grpc;

/// <summary>Reminders and software releases, domain → wire.</summary>
internal static class CustomerCareMappings
{
    public static V1.Reminder ToProto(this Model.Reminder reminder, DateOnly today) => new()
    {
        ReminderId = reminder.Id.ToString(),
        Kind = (V1.ReminderKind)reminder.Kind,
        CustomerId = reminder.CustomerId.ToString(),
        ServingStationId = reminder.ServingStationId.ToString(),
        SubjectId = reminder.SubjectId.ToString(),
        SubjectLabel = reminder.SubjectLabel,
        DueOn = reminder.DueOn.ToProtoDate(),
        ActBy = reminder.ActBy.ToProtoDate(),
        Overdue = reminder.IsOverdue(today),
        Summary = reminder.Summary,
        RaisedAt = Timestamp.FromDateTimeOffset(reminder.RaisedAt),
        HandledAt = reminder.HandledAt is { } handled ? Timestamp.FromDateTimeOffset(handled) : null,
        HandledBy = reminder.HandledBy ?? "",
        Outcome = reminder.Outcome ?? "",
    };

    public static Events.V1.CustomerReminderRaised ToEvent(this Model.Reminder reminder) => new()
    {
        ReminderId = reminder.Id.ToString(),
        Kind = reminder.Kind.WireName(),
        CustomerId = reminder.CustomerId.ToString(),
        ServingStationId = reminder.ServingStationId.ToString(),
        SubjectId = reminder.SubjectId.ToString(),
        SubjectLabel = reminder.SubjectLabel,
        DueOn = reminder.DueOn.ToProtoDate(),
        ActBy = reminder.ActBy.ToProtoDate(),
        Summary = reminder.Summary,
    };

    public static V1.SoftwareRelease ToProto(this Model.SoftwareRelease release, int assetsOnOlderVersions) => new()
    {
        ReleaseId = release.Id.ToString(),
        Model = release.Model,
        Version = release.Version,
        Notes = release.Notes,
        AnnouncedBy = release.AnnouncedBy,
        AnnouncedAt = Timestamp.FromDateTimeOffset(release.AnnouncedAt),
        AssetsOnOlderVersions = assetsOnOlderVersions,
    };
}
