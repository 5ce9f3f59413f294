using AfterSales.Customers.Model;
using AfterSales.Platform.Grpc;
using Google.Protobuf.WellKnownTypes;
using Model = AfterSales.Customers.Model;
using V1 = AfterSales.Customers.V1;

namespace AfterSales.Customers.Grpc;

/// <summary>Projects, domain → wire.</summary>
internal static class ProjectMappings
{
    /// <param name="today">The company day of <paramref name="now"/>.</param>
    public static V1.Project ToProto(this Model.Project project, IReadOnlyCollection<Model.Asset> assets, DateTimeOffset now, DateOnly today) => new()
    {
        ProjectId = project.Id.ToString(),
        Code = project.Code,
        Name = project.Name,
        CustomerId = project.CustomerId.ToString(),
        SiteId = project.SiteId.ToString(),
        ServingStationId = project.ServingStationId.ToString(),
        DeliveryMode = (V1.DeliveryMode)project.DeliveryMode,
        Stage = (V1.ProjectStage)project.Stage,
        ShippedAt = ToTimestamp(project.ShippedAt),
        PickupOn = project.PickupOn.ToProtoDate(),
        DeliveryNoticeDueAt = ToTimestamp(project.DeliveryNoticeDueAt),
        DeliveryNoticeSentAt = ToTimestamp(project.DeliveryNoticeSentAt),
        DeliveryNoticeDocumentId = project.DeliveryNoticeDocumentId?.ToString() ?? "",
        DeliveryNoticeLate = project.DeliveryNoticeLate,
        DeliveryNoticeOverdue = project.DeliveryNoticeOverdue(now),
        InstalledOn = project.InstalledOn.ToProtoDate(),
        InstallationReportId = project.InstallationReportId?.ToString() ?? "",
        CommissionedOn = project.CommissionedOn.ToProtoDate(),
        CommissioningReportId = project.CommissioningReportId?.ToString() ?? "",
        AcceptedOn = project.AcceptedOn.ToProtoDate(),
        AcceptanceReportId = project.AcceptanceReportId?.ToString() ?? "",
        CertificatesDueOn = project.CertificatesDueOn.ToProtoDate(),
        CertificatesOverdue = project.CertificatesDueOn < today && assets.Any(a => a.CertificateIssuedAt is null),
        Assets =
        {
            assets.OrderBy(a => a.SerialNumber, StringComparer.Ordinal).Select(a => new V1.ProjectAsset
            {
                AssetId = a.Id.ToString(),
                SerialNumber = a.SerialNumber,
                Model = a.Model,
                WarrantyEndsOn = EntitlementPolicy.WarrantyEnd(a.AcceptedOn, a.WarrantyMonths).ToProtoDate(),
                CertificateDocumentId = a.CertificateDocumentId?.ToString() ?? "",
                CertificateIssuedAt = ToTimestamp(a.CertificateIssuedAt),
            }),
        },
    };

    public static Events.V1.ProjectAccepted ToAcceptedEvent(this Model.Project project, IEnumerable<Model.Asset> assets) => new()
    {
        ProjectId = project.Id.ToString(),
        Code = project.Code,
        CustomerId = project.CustomerId.ToString(),
        SiteId = project.SiteId.ToString(),
        ServingStationId = project.ServingStationId.ToString(),
        AcceptedOn = project.AcceptedOn.ToProtoDate(),
        CertificatesDueOn = project.CertificatesDueOn.ToProtoDate(),
        Assets =
        {
            assets.Select(a => new Events.V1.AcceptedProjectAsset
            {
                AssetId = a.Id.ToString(),
                SerialNumber = a.SerialNumber,
                Model = a.Model,
                WarrantyEndsOn = EntitlementPolicy.WarrantyEnd(a.AcceptedOn, a.WarrantyMonths).ToProtoDate(),
            }),
        },
    };

    private static Timestamp? ToTimestamp(DateTimeOffset? instant) => instant is { } at ? Timestamp.FromDateTimeOffset(at) : null;
}
