using AfterSales.Customers.Infrastructure;
using AfterSales.Customers.Services;
using AfterSales.Customers.V1;
using AfterSales.Platform;
using AfterSales.Platform.Data;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Peers;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Customers.Model;

namespace AfterSales.Customers.Grpc;

/// <summary>
/// Projects from shipment to acceptance (§8 1–2, §9). Every step is checked against the project's stage, then
/// its report against documents (archived about the project, with the step's template); nothing is saved
/// unless both pass, and two steps recorded at once never both win (the project's row version). Acceptance
/// registers the assets in the same transaction.
/// </summary>
public sealed class ProjectGrpcService(
    CustomersDbContext db,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<CustomersDbContext> requests,
    IEventOutbox outbox,
    ArchivedDocuments documents,
    ReminderScheduler reminders)
    : ProjectService.ProjectServiceBase
{
    /// <summary>The documents service's templates of the handover's reports.</summary>
    public const string DeliveryNoticeTemplate = "DELIVERY-NOTICE";
    public const string InstallationReportTemplate = "INSTALLATION-REPORT";
    public const string CommissioningReportTemplate = "COMMISSIONING-REPORT";
    public const string AcceptanceReportTemplate = "ACCEPTANCE-REPORT";
    public const string WarrantyCertificateTemplate = "WARRANTY-CERTIFICATE";

    private const string ProjectSubject = "project";

    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Project> CreateProject(CreateProjectRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("customer_id", request.CustomerId, out var customerId)
            .RequireId("site_id", request.SiteId, out var siteId)
            .RequireText("name", request.Name, Model.Project.MaxNameLength);
        violations.RequireChoice("delivery_mode", request.DeliveryMode, "delivery_mode must be DELIVERY or SELF_PICKUP.");
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var customer = caller.Visible(await db.Customers.AsNoTracking().Include(c => c.Sites).SingleOrDefaultAsync(c => c.Id == customerId, context.CancellationToken),
                c => c.ServingStationId, "Customer", request.CustomerId);
            if (customer.Sites.All(s => s.Id != siteId))
            {
                throw ValidationException.ForField("site_id", "site_id names no site of the customer.");
            }
            var number = await db.NextProjectNumberAsync(context.CancellationToken);
            var project = new Model.Project(Guid.CreateVersion7(), $"P-{number:D6}", request.Name.Trim(), customer.Id, siteId, customer.ServingStationId,
                (Model.DeliveryMode)request.DeliveryMode, calendar.Now);
            db.Projects.Add(project);
            return Answer(project, []);
        });
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<Project> GetProject(GetProjectRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("project_id", request.ProjectId, out var projectId).ThrowIfAny();
        var project = caller.Visible(await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, context.CancellationToken),
            p => p.ServingStationId, "Project", request.ProjectId);
        return Answer(project, await AssetsOfAsync(project.Id, context.CancellationToken));
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListProjectsResponse> ListProjects(ListProjectsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .OptionalId("customer_id", request.CustomerId, out var customerId)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.OptionalChoice("attention", request.Attention, "attention must be DELIVERY_NOTICE_OVERDUE or CERTIFICATES_OVERDUE, or unspecified for all.");
        violations.ThrowIfAny();
        var now = calendar.Now;
        var lastDueDay = calendar.DateOf(now).AddDays(-Model.Project.CertificateDays);

        var query = db.Projects.AsNoTracking().VisibleTo(caller, p => p.ServingStationId);
        query = request.Attention switch
        {
            ProjectAttention.DeliveryNoticeOverdue => query.Where(p => p.DeliveryNoticeSentAt == null && p.DeliveryNoticeDueAt < now),
            ProjectAttention.CertificatesOverdue => query.Where(p => p.AcceptedOn < lastDueDay
                && db.Assets.Any(a => a.ProjectId == p.Id && a.CertificateIssuedAt == null)),
            _ => query,
        };
        if (customerId is { } customer)
        {
            query = query.Where(p => p.CustomerId == customer);
        }
        var (page, next) = await query.NewestFirstPageAsync(p => p.Id, request.PageToken, request.PageSize, context.CancellationToken);
        var ids = page.Select(p => p.Id).ToList();
        var assets = (await db.Assets.AsNoTracking().Where(a => a.ProjectId != null && ids.Contains(a.ProjectId.Value)).ToListAsync(context.CancellationToken))
            .ToLookup(a => a.ProjectId!.Value);
        return new ListProjectsResponse
        {
            Projects = { page.Select(p => p.ToProto(assets[p.Id].ToList(), now, calendar.DateOf(now))) },
            NextPageToken = next,
        };
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Project> RecordShipment(RecordShipmentRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireId("project_id", request.ProjectId, out var projectId);
        var shippedAt = request.ShippedAt?.ToDateTimeOffset();
        if (shippedAt > calendar.Now)
        {
            violations.Add("shipped_at", "shipped_at cannot be in the future: record a shipment once the goods left.");
        }
        if (shippedAt is not null && request.PickupOn is not null)
        {
            violations.Add("pickup_on", "Give shipped_at for a delivery or pickup_on for a self-pickup, not both.");
        }
        violations.ThrowIfAny();
        return StepAsync(request, context, request.ProjectId, projectId, (project, _) =>
        {
            project.Ship(shippedAt is { } at ? BusinessCalendar.ToStoredPrecision(at) : null, request.PickupOn?.ToDateOnly(), calendar);
            return Task.CompletedTask;
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Project> SendDeliveryNotice(SendDeliveryNoticeRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("project_id", request.ProjectId, out var projectId)
            .RequireId("document_id", request.DocumentId, out var documentId)
            .ThrowIfAny();
        return StepAsync(request, context, request.ProjectId, projectId, async (project, token) =>
        {
            project.RecordDeliveryNotice(documentId, calendar.Now);
            await documents.RequireAsync(project.Id, ProjectSubject, DeliveryNoticeTemplate, [("document_id", documentId)], token);
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Project> RecordInstallation(RecordHandoverStepRequest request, ServerCallContext context)
    {
        var (projectId, completedOn, reportId) = CheckStep(request);
        return StepAsync(request, context, request.ProjectId, projectId, async (project, token) =>
        {
            project.RecordInstallation(completedOn, reportId);
            await documents.RequireAsync(project.Id, ProjectSubject, InstallationReportTemplate, [("report_document_id", reportId)], token);
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Project> RecordCommissioning(RecordHandoverStepRequest request, ServerCallContext context)
    {
        var (projectId, completedOn, reportId) = CheckStep(request);
        return StepAsync(request, context, request.ProjectId, projectId, async (project, token) =>
        {
            project.RecordCommissioning(completedOn, reportId);
            await documents.RequireAsync(project.Id, ProjectSubject, CommissioningReportTemplate, [("report_document_id", reportId)], token);
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override async Task<Project> AcceptProject(AcceptProjectRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("project_id", request.ProjectId, out var projectId)
            .RequireId("report_document_id", request.ReportDocumentId, out var reportId);
        var acceptedOn = CheckDay(violations, "accepted_on", request.AcceptedOn);
        if (request.Assets.Count is 0 or > Model.Project.MaxAcceptedAssets)
        {
            violations.Add("assets", $"An acceptance registers 1 to {Model.Project.MaxAcceptedAssets} installed assets.");
        }
        var serials = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Assets.Count && i < Model.Project.MaxAcceptedAssets; i++)
        {
            var asset = request.Assets[i];
            violations.Check($"assets[{i}].", asset.Model, asset.SerialNumber, asset.SoftwareVersion, asset.WarrantyMonths, asset.Components);
            if (!string.IsNullOrWhiteSpace(asset.SerialNumber) && !serials.Add(asset.SerialNumber.Trim()))
            {
                violations.Add($"assets[{i}].serial_number", $"Serial number {asset.SerialNumber.Trim()} is listed twice.");
            }
        }
        violations.ThrowIfAny();
        var accepted = await StepAsync(request, context, request.ProjectId, projectId, async (project, token) =>
        {
            project.Accept(acceptedOn!.Value, reportId);
            await documents.RequireAsync(project.Id, ProjectSubject, AcceptanceReportTemplate, [("report_document_id", reportId)], token);
            await AssetFields.RequireUnregisteredAsync(db, serials, token);
            var assets = request.Assets.Select(a =>
            {
                var asset = AssetFields.New(project.CustomerId, project.SiteId, acceptedOn.Value, a.Model, a.SerialNumber, a.SoftwareVersion, a.WarrantyMonths, a.Components);
                asset.InstalledBy(project.Id);
                return asset;
            }).ToList();
            db.Assets.AddRange(assets);
            outbox.Enqueue(project.ToAcceptedEvent(assets));
        });
        // Warranty clocks started: a handover half a year ahead may be due already.
        reminders.Wake();
        return accepted;
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Project> IssueWarrantyCertificate(IssueWarrantyCertificateRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("asset_id", request.AssetId, out var assetId)
            .RequireId("document_id", request.DocumentId, out var documentId)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var found = await db.Assets
                .Where(a => a.Id == assetId)
                .Join(db.Projects, a => a.ProjectId, p => p.Id, (a, p) => new { Asset = a, Project = p })
                .SingleOrDefaultAsync(context.CancellationToken);
            // An asset registered without a project answers as unknown here: its certificate is not a handover's.
            var visible = caller.Visible(found, f => f.Project.ServingStationId, "Asset of a project", request.AssetId);
            visible.Asset.IssueCertificate(documentId, calendar.Now);
            await documents.RequireAsync(visible.Asset.Id, "asset", WarrantyCertificateTemplate, [("document_id", documentId)], context.CancellationToken);
            var assets = await db.Assets.Where(a => a.ProjectId == visible.Project.Id).ToListAsync(context.CancellationToken);
            return Answer(visible.Project, assets);
        });
    }

    /// <summary>Records one step of a project: found as the caller may see it, changed by <paramref name="step"/>, saved once per request id.</summary>
    private Task<Project> StepAsync<TRequest>(TRequest request, ServerCallContext context, string rawId, Guid projectId,
        Func<Model.Project, CancellationToken, Task> step)
        where TRequest : Google.Protobuf.IMessage<TRequest> =>
        requests.SaveOnceAsync(request, context, async () =>
        {
            var project = caller.Visible(await db.Projects.SingleOrDefaultAsync(p => p.Id == projectId, context.CancellationToken),
                p => p.ServingStationId, "Project", rawId);
            await step(project, context.CancellationToken);
            return Answer(project, db.Assets.Local.Where(a => a.ProjectId == project.Id).ToList());
        });

    private (Guid ProjectId, DateOnly CompletedOn, Guid ReportId) CheckStep(RecordHandoverStepRequest request)
    {
        var violations = new FieldViolations()
            .RequireId("project_id", request.ProjectId, out var projectId)
            .RequireId("report_document_id", request.ReportDocumentId, out var reportId);
        var completedOn = CheckDay(violations, "completed_on", request.CompletedOn);
        violations.ThrowIfAny();
        return (projectId, completedOn!.Value, reportId);
    }

    private DateOnly? CheckDay(FieldViolations violations, string field, Google.Type.Date? date)
    {
        var day = date?.ToDateOnly();
        if (day is null)
        {
            violations.Add(field, $"{field} is required, a whole date.");
        }
        else if (day > calendar.DateOf(calendar.Now))
        {
            violations.Add(field, $"{field} cannot be in the future: record a step once it is done.");
        }
        return day;
    }

    private Project Answer(Model.Project project, IReadOnlyCollection<Model.Asset> assets) =>
        project.ToProto(assets, calendar.Now, calendar.DateOf(calendar.Now));

    private Task<List<Model.Asset>> AssetsOfAsync(Guid projectId, CancellationToken cancellationToken) =>
        db.Assets.AsNoTracking().Where(a => a.ProjectId == projectId).ToListAsync(cancellationToken);
}
