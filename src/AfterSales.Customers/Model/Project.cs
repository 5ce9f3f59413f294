using AfterSales.Platform;
using AfterSales.Platform.Errors;

namespace AfterSales.Customers.Model;

/// <summary>How a project's goods reach the customer.</summary>
public enum DeliveryMode
{
    /// <summary>Shipped to the site: the delivery notice is due within 48 h of shipping (§8 1).</summary>
    Delivery = 1,

    /// <summary>Picked up by the customer: the notice is due 15 days ahead of the pickup day (§8 1).</summary>
    SelfPickup = 2,
}

/// <summary>Where a project is in its handover, in order.</summary>
public enum ProjectStage
{
    Registered = 1,
    Shipped = 2,
    Installed = 3,
    Commissioned = 4,
    Accepted = 5,
}

/// <summary>
/// A sale to a customer from shipment to acceptance (§8 1–2, §9): each step recorded once, in order, with its
/// report; acceptance registers the installed assets (<see cref="Asset.ProjectId"/>) and starts their warranty.
/// </summary>
public sealed class Project
{
    public const int MaxNameLength = 200;
    public const int MaxAcceptedAssets = 200;

    /// <summary>The seed's periods: the notice within 48 h of shipping, 15 days ahead of a pickup, certificates within 3 days of acceptance.</summary>
    public static readonly TimeSpan NoticeAfterShipping = TimeSpan.FromHours(48);
    public static readonly TimeSpan NoticeBeforePickup = TimeSpan.FromDays(15);
    public const int CertificateDays = 3;

    private Project() { }

    public Project(Guid id, string code, string name, Guid customerId, Guid siteId, Guid servingStationId, DeliveryMode deliveryMode, DateTimeOffset createdAt)
    {
        Id = id;
        Code = code;
        Name = name;
        CustomerId = customerId;
        SiteId = siteId;
        ServingStationId = servingStationId;
        DeliveryMode = deliveryMode;
        CreatedAt = createdAt;
        Stage = ProjectStage.Registered;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public Guid SiteId { get; private set; }
    public Guid ServingStationId { get; private set; }

    /// <summary>Follows its customer to the station that serves it now.</summary>
    public void ServedBy(Guid stationId) => ServingStationId = stationId;
    public DeliveryMode DeliveryMode { get; private set; }
    public ProjectStage Stage { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ShippedAt { get; private set; }
    public DateOnly? PickupOn { get; private set; }

    /// <summary>The company day the goods left, or the pickup day: installation comes after it.</summary>
    public DateOnly? ShipmentDay { get; private set; }
    public DateTimeOffset? DeliveryNoticeDueAt { get; private set; }
    public DateTimeOffset? DeliveryNoticeSentAt { get; private set; }
    public Guid? DeliveryNoticeDocumentId { get; private set; }

    public DateOnly? InstalledOn { get; private set; }
    public Guid? InstallationReportId { get; private set; }
    public DateOnly? CommissionedOn { get; private set; }
    public Guid? CommissioningReportId { get; private set; }
    public DateOnly? AcceptedOn { get; private set; }
    public Guid? AcceptanceReportId { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): of two steps recorded at once, one is refused.</summary>
    public uint Version { get; private set; }

    public DateOnly? CertificatesDueOn => AcceptedOn?.AddDays(CertificateDays);

    public bool DeliveryNoticeLate => DeliveryNoticeSentAt > DeliveryNoticeDueAt;

    public bool DeliveryNoticeOverdue(DateTimeOffset now) => DeliveryNoticeSentAt is null && DeliveryNoticeDueAt < now;

    /// <summary>Records the shipment, or the pickup day agreed; the notice falls due from it.</summary>
    public void Ship(DateTimeOffset? shippedAt, DateOnly? pickupOn, BusinessCalendar calendar)
    {
        Require(ProjectStage.Registered, "shipped");
        if (DeliveryMode == DeliveryMode.Delivery)
        {
            ShippedAt = shippedAt ?? throw ValidationException.ForField("shipped_at", "A delivered project is shipped at a time: shipped_at is required.");
            (ShipmentDay, DeliveryNoticeDueAt) = (calendar.DateOf(shippedAt.Value), shippedAt + NoticeAfterShipping);
        }
        else
        {
            PickupOn = pickupOn ?? throw ValidationException.ForField("pickup_on", "A project picked up by the customer needs its pickup day: pickup_on is required.");
            (ShipmentDay, DeliveryNoticeDueAt) = (pickupOn, calendar.StartOf(pickupOn.Value) - NoticeBeforePickup);
        }
        Stage = ProjectStage.Shipped;
    }

    public void RecordDeliveryNotice(Guid documentId, DateTimeOffset sentAt)
    {
        if (Stage < ProjectStage.Shipped)
        {
            throw new PreconditionFailedException($"Project {Code} is {Stage.ToString().ToUpperInvariant()}: its delivery notice follows the shipment (or the agreed pickup day).");
        }
        if (DeliveryNoticeSentAt is not null)
        {
            throw new PreconditionFailedException($"Project {Code}'s delivery notice was sent at {DeliveryNoticeSentAt:yyyy-MM-dd HH:mm} already.");
        }
        (DeliveryNoticeSentAt, DeliveryNoticeDocumentId) = (sentAt, documentId);
    }

    public void RecordInstallation(DateOnly completedOn, Guid reportId)
    {
        Require(ProjectStage.Shipped, "installed");
        NotBefore(completedOn, ShipmentDay, "the shipment");
        (InstalledOn, InstallationReportId, Stage) = (completedOn, reportId, ProjectStage.Installed);
    }

    public void RecordCommissioning(DateOnly completedOn, Guid reportId)
    {
        Require(ProjectStage.Installed, "commissioned");
        NotBefore(completedOn, InstalledOn, "the installation");
        (CommissionedOn, CommissioningReportId, Stage) = (completedOn, reportId, ProjectStage.Commissioned);
    }

    public void Accept(DateOnly acceptedOn, Guid reportId)
    {
        Require(ProjectStage.Commissioned, "accepted");
        NotBefore(acceptedOn, CommissionedOn, "the commissioning", "accepted_on");
        (AcceptedOn, AcceptanceReportId, Stage) = (acceptedOn, reportId, ProjectStage.Accepted);
    }

    private void Require(ProjectStage stage, string step)
    {
        if (Stage != stage)
        {
            throw new PreconditionFailedException(
                $"Project {Code} is {Stage.ToString().ToUpperInvariant()}: it is {step} only when {stage.ToString().ToUpperInvariant()}.");
        }
    }

    private static void NotBefore(DateOnly day, DateOnly? earlier, string what, string field = "completed_on")
    {
        if (earlier is { } before && day < before)
        {
            throw ValidationException.ForField(field, $"{field} cannot be before {what} ({before:yyyy-MM-dd}).");
        }
    }
}
