using AfterSales.Customers.V1;
using AfterSales.Documents.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static AfterSales.FunctionalTests.Customers.CustomerRequests;

namespace AfterSales.FunctionalTests.Customers;

/// <summary>
/// A project's handover through the gateway as a station runs it: shipped, its delivery notice late and listed
/// until sent, installed, commissioned and accepted in order with each report archived in documents; acceptance
/// registers the assets with their warranty, and their certificates are listed as overdue until issued.
/// </summary>
public class ProjectHandoverTests(Suite suite) : SuiteTest(suite)
{
    private sealed record Station(TestStation Test, CustomerService.CustomerServiceClient Customers, ProjectService.ProjectServiceClient Projects,
        DocumentService.DocumentServiceClient Documents);

    private async Task<Station> StationAsync()
    {
        var station = await Data.NewStationAsync();
        var channel = Suite.Gateway.ChannelAs(station.Caller);
        return new Station(station, new CustomerService.CustomerServiceClient(channel), new ProjectService.ProjectServiceClient(channel),
            new DocumentService.DocumentServiceClient(channel));
    }

    private static async Task<string> ArchiveAsync(Station station, string template, string subjectId) =>
        (await station.Documents.ArchiveDocumentAsync(new ArchiveDocumentRequest
        {
            TemplateCode = template, SubjectId = subjectId, MediaType = "application/pdf",
            Content = ByteString.CopyFromUtf8($"%PDF-1.4 {template} {Guid.NewGuid()}"),
        })).DocumentId;

    private static RecordHandoverStepRequest Step(Project project, DateOnly on, string reportId) => new()
    {
        ProjectId = project.ProjectId, CompletedOn = DateOf(on), ReportDocumentId = reportId, RequestId = Guid.NewGuid().ToString(),
    };

    private static AcceptedAsset Installed(string model) => new()
    {
        Model = model, SerialNumber = Unique.Name("SN"), SoftwareVersion = "1.0.2",
        Components = { new Component { Code = "COMP", Name = "压缩机", WarrantyMonths = 60 } },
    };

    private async Task<(Project Project, Customer Customer)> CommissionedAsync(Station station)
    {
        var customer = await station.Customers.CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var project = await station.Projects.CreateProjectAsync(new CreateProjectRequest
        {
            CustomerId = customer.CustomerId, SiteId = customer.Sites[0].SiteId, Name = "中央空调系统", DeliveryMode = DeliveryMode.Delivery,
            RequestId = Guid.NewGuid().ToString(),
        });
        await station.Projects.RecordShipmentAsync(new RecordShipmentRequest
        {
            ProjectId = project.ProjectId, ShippedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-12)), RequestId = Guid.NewGuid().ToString(),
        });
        await station.Projects.RecordInstallationAsync(Step(project, Today.AddDays(-10), await ArchiveAsync(station, "INSTALLATION-REPORT", project.ProjectId)));
        await station.Projects.RecordCommissioningAsync(Step(project, Today.AddDays(-8), await ArchiveAsync(station, "COMMISSIONING-REPORT", project.ProjectId)));
        return (project, customer);
    }

    [Fact]
    public async Task A_project_is_shipped_noticed_installed_commissioned_and_accepted_and_its_assets_warranty_and_certificates_follow()
    {
        var station = await StationAsync();
        var projects = station.Projects;
        var customer = await station.Customers.CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var created = await projects.CreateProjectAsync(new CreateProjectRequest
        {
            CustomerId = customer.CustomerId, SiteId = customer.Sites[0].SiteId, Name = "冷水机组及控制系统", DeliveryMode = DeliveryMode.Delivery,
            RequestId = Guid.NewGuid().ToString(),
        });
        var overdueNotices = new ListProjectsRequest { CustomerId = customer.CustomerId, Attention = ProjectAttention.DeliveryNoticeOverdue };

        var tooEarly = await Assert.ThrowsAsync<RpcException>(() => projects.RecordInstallationAsync(
            Step(created, Today, Guid.NewGuid().ToString())).ResponseAsync);
        var shippedAt = DateTimeOffset.UtcNow.AddDays(-10);
        var shipped = await projects.RecordShipmentAsync(new RecordShipmentRequest
        {
            ProjectId = created.ProjectId, ShippedAt = Timestamp.FromDateTimeOffset(shippedAt), RequestId = Guid.NewGuid().ToString(),
        });
        var listedOverdue = await projects.ListProjectsAsync(overdueNotices);
        var noticed = await projects.SendDeliveryNoticeAsync(new SendDeliveryNoticeRequest
        {
            ProjectId = created.ProjectId, DocumentId = await ArchiveAsync(station, "DELIVERY-NOTICE", created.ProjectId), RequestId = Guid.NewGuid().ToString(),
        });
        var wrongReport = await Assert.ThrowsAsync<RpcException>(async () => await projects.RecordInstallationAsync(
            Step(created, Today.AddDays(-9), await ArchiveAsync(station, "COMMISSIONING-REPORT", created.ProjectId))));
        var outOfOrder = await Assert.ThrowsAsync<RpcException>(async () => await projects.RecordCommissioningAsync(
            Step(created, Today.AddDays(-8), await ArchiveAsync(station, "COMMISSIONING-REPORT", created.ProjectId))));
        await projects.RecordInstallationAsync(Step(created, Today.AddDays(-9), await ArchiveAsync(station, "INSTALLATION-REPORT", created.ProjectId)));
        await projects.RecordCommissioningAsync(Step(created, Today.AddDays(-8), await ArchiveAsync(station, "COMMISSIONING-REPORT", created.ProjectId)));
        var acceptedOn = Today.AddDays(-5);
        var accepted = await projects.AcceptProjectAsync(new AcceptProjectRequest
        {
            ProjectId = created.ProjectId, AcceptedOn = DateOf(acceptedOn), ReportDocumentId = await ArchiveAsync(station, "ACCEPTANCE-REPORT", created.ProjectId),
            Assets = { Installed("AquaChill 500"), Installed("AquaChill Ctrl") }, RequestId = Guid.NewGuid().ToString(),
        });
        var entitlement = await station.Customers.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = accepted.Assets[0].SerialNumber });
        var installed = await station.Customers.GetAssetAsync(new GetAssetRequest { AssetId = accepted.Assets[0].AssetId });
        var overdueCertificates = new ListProjectsRequest { CustomerId = customer.CustomerId, Attention = ProjectAttention.CertificatesOverdue };
        var listedUncertified = await projects.ListProjectsAsync(overdueCertificates);
        Project? certified = null;
        foreach (var asset in accepted.Assets)
        {
            certified = await projects.IssueWarrantyCertificateAsync(new IssueWarrantyCertificateRequest
            {
                AssetId = asset.AssetId, DocumentId = await ArchiveAsync(station, "WARRANTY-CERTIFICATE", asset.AssetId), RequestId = Guid.NewGuid().ToString(),
            });
        }
        var other = await StationAsync();
        var hidden = await Assert.ThrowsAsync<RpcException>(() => other.Projects.GetProjectAsync(new GetProjectRequest { ProjectId = created.ProjectId }).ResponseAsync);
        var events = await Suite.Customers.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == "aftersales.events.v1.ProjectAccepted").Select(m => m.Payload).ToListAsync());

        Assert.StartsWith("P-", created.Code, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, tooEarly.StatusCode);
        Assert.Equal(BusinessCalendarLike(shippedAt).AddHours(48), shipped.DeliveryNoticeDueAt.ToDateTimeOffset());
        Assert.Equal(created.ProjectId, Assert.Single(listedOverdue.Projects).ProjectId);
        Assert.True(noticed.DeliveryNoticeLate);
        Assert.False(noticed.DeliveryNoticeOverdue);
        Assert.Empty((await projects.ListProjectsAsync(overdueNotices)).Projects);
        Problems.AssertFieldViolations(wrongReport, "report_document_id");
        Assert.Equal(StatusCode.FailedPrecondition, outOfOrder.StatusCode);
        Assert.Contains("SHIPPED", outOfOrder.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((ProjectStage.Accepted, 2), (accepted.Stage, accepted.Assets.Count));
        Assert.Equal(acceptedOn.AddDays(3), accepted.CertificatesDueOn.ToDateOnly());
        Assert.True(accepted.CertificatesOverdue);
        Assert.All(accepted.Assets, a => Assert.Equal(acceptedOn.AddMonths(24), a.WarrantyEndsOn.ToDateOnly()));
        Assert.Equal(AfterSales.Common.V1.ServiceCategory.Free, entitlement.Category);
        Assert.Equal((created.ProjectId, customer.Sites[0].SiteId, acceptedOn), (installed.ProjectId, installed.SiteId, installed.AcceptedOn.ToDateOnly()));
        Assert.Equal(created.ProjectId, Assert.Single(listedUncertified.Projects).ProjectId);
        Assert.False(certified!.CertificatesOverdue);
        Assert.All(certified.Assets, a => Assert.NotEmpty(a.CertificateDocumentId));
        Assert.Empty((await projects.ListProjectsAsync(overdueCertificates)).Projects);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        var published = Assert.Single(events.Select(p => AfterSales.Events.V1.ProjectAccepted.Parser.ParseFrom(p)), e => e.ProjectId == created.ProjectId);
        Assert.Equal(accepted.Assets.Select(a => a.SerialNumber).Order(), published.Assets.Select(a => a.SerialNumber).Order());
    }

    /// <summary>Instants as the services store them: to the microsecond.</summary>
    private static DateTimeOffset BusinessCalendarLike(DateTimeOffset instant) => AfterSales.Platform.BusinessCalendar.ToStoredPrecision(instant);

    [Fact]
    public async Task A_self_pickup_s_notice_is_due_15_days_ahead_and_bad_steps_change_nothing()
    {
        var station = await StationAsync();
        var customer = await station.Customers.CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var project = await station.Projects.CreateProjectAsync(new CreateProjectRequest
        {
            CustomerId = customer.CustomerId, SiteId = customer.Sites[0].SiteId, Name = "备用发电机组", DeliveryMode = DeliveryMode.SelfPickup,
            RequestId = Guid.NewGuid().ToString(),
        });
        var badProject = await Assert.ThrowsAsync<RpcException>(() => station.Projects.CreateProjectAsync(new CreateProjectRequest
        {
            CustomerId = customer.CustomerId, SiteId = Guid.NewGuid().ToString(), Name = " ", RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var noDay = await Assert.ThrowsAsync<RpcException>(() => station.Projects.RecordShipmentAsync(new RecordShipmentRequest
        {
            ProjectId = project.ProjectId, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var pickup = await station.Projects.RecordShipmentAsync(new RecordShipmentRequest
        {
            ProjectId = project.ProjectId, PickupOn = DateOf(Today.AddDays(20)), RequestId = Guid.NewGuid().ToString(),
        });
        var stored = await station.Projects.GetProjectAsync(new GetProjectRequest { ProjectId = project.ProjectId });

        Problems.AssertFieldViolations(badProject, "delivery_mode", "name");
        Problems.AssertFieldViolations(noDay, "pickup_on");
        Assert.Equal(ProjectStage.Shipped, pickup.Stage);
        var due = pickup.DeliveryNoticeDueAt.ToDateTimeOffset();
        Assert.InRange(due, DateTimeOffset.UtcNow.AddDays(4), DateTimeOffset.UtcNow.AddDays(6));
        Assert.False(pickup.DeliveryNoticeOverdue);
        Assert.Equal(pickup, stored);
    }

    [Fact]
    public async Task Of_two_acceptances_at_once_one_registers_the_assets_and_a_serial_number_taken_already_is_refused()
    {
        var station = await StationAsync();
        var (project, _) = await CommissionedAsync(station);
        var report = await ArchiveAsync(station, "ACCEPTANCE-REPORT", project.ProjectId);
        var registered = await Data.NewAssetAsync(station.Test);
        var taken = new AcceptProjectRequest
        {
            ProjectId = project.ProjectId, AcceptedOn = DateOf(Today), ReportDocumentId = report, RequestId = Guid.NewGuid().ToString(),
            Assets = { Installed("AquaChill 500") },
        };
        taken.Assets[0].SerialNumber = registered.SerialNumber;

        var refused = await Assert.ThrowsAsync<RpcException>(() => station.Projects.AcceptProjectAsync(taken).ResponseAsync);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                await station.Projects.AcceptProjectAsync(new AcceptProjectRequest
                {
                    ProjectId = project.ProjectId, AcceptedOn = DateOf(Today), ReportDocumentId = report, RequestId = Guid.NewGuid().ToString(),
                    Assets = { Installed("AquaChill 500") },
                });
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));
        var id = Guid.Parse(project.ProjectId);

        Assert.Equal(StatusCode.AlreadyExists, refused.StatusCode);
        Assert.Single(outcomes, code => code == StatusCode.OK);
        Assert.All(outcomes, code => Assert.Contains(code, new[] { StatusCode.OK, StatusCode.Aborted, StatusCode.FailedPrecondition }));
        Assert.Equal(1, await Suite.Customers.WithDbAsync(db => db.Assets.CountAsync(a => a.ProjectId == id)));
    }
}
