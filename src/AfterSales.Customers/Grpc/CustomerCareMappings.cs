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

    public static V1.ReturnVisitPlan ToProto(this Model.ReturnVisitPlan plan, IEnumerable<V1.ReturnVisit> visits) => new()
    {
        PlanId = plan.Id.ToString(),
        CustomerId = plan.CustomerId.ToString(),
        Kind = (V1.ReturnVisitKind)plan.Kind,
        StartsOn = plan.StartsOn.ToProtoDate(),
        EndsOn = plan.EndsOn.ToProtoDate(),
        IntervalMonths = plan.IntervalMonths,
        Visits = { visits },
    };

    public static V1.ReturnVisit ToProto(this Model.ReturnVisit visit, DateOnly today) => new()
    {
        VisitId = visit.Id.ToString(),
        PlanId = visit.PlanId.ToString(),
        CustomerId = visit.CustomerId.ToString(),
        ServingStationId = visit.ServingStationId.ToString(),
        Kind = (V1.ReturnVisitKind)visit.Kind,
        DueOn = visit.DueOn.ToProtoDate(),
        Overdue = visit.IsOverdue(today),
        DoneAt = visit.DoneAt is { } done ? Timestamp.FromDateTimeOffset(done) : null,
        DoneBy = visit.DoneBy ?? "",
        Outcome = visit.Outcome ?? "",
        Satisfaction = (V1.Satisfaction)(visit.Satisfaction ?? 0),
        RecordDocumentId = visit.RecordDocumentId?.ToString() ?? "",
    };

    public static V1.Training ToProto(this Model.Training training) => new()
    {
        TrainingId = training.Id.ToString(),
        CustomerId = training.CustomerId.ToString(),
        ServingStationId = training.ServingStationId.ToString(),
        Topic = training.Topic,
        Trainer = training.Trainer,
        PlannedOn = training.PlannedOn.ToProtoDate(),
        HeldOn = training.HeldOn?.ToProtoDate(),
        Attendees = { training.Attendees.Select(a => new V1.TrainingAttendee { Name = a.Name, Role = a.Role, Score = a.Score, Passed = a.Passed }) },
    };
}
