using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AfterSales.Documents.Grpc;
using AfterSales.Documents.Infrastructure;
using AfterSales.Documents.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AfterSales.FunctionalTests.Documents;

public class DocumentServiceTests(Suite suite) : SuiteTest(suite)
{
    private const int TenMiB = 10 * 1024 * 1024;

    private DocumentService.DocumentServiceClient Client => new(Suite.Documents.Channel);

    private DocumentSubjects Subjects => new(Suite);

    private static ArchiveDocumentRequest Voucher(byte[] content, Ticket ticket) => new()
    {
        TemplateCode = "SERVICE-VOUCHER",
        SubjectId = ticket.TicketId,
        Content = ByteString.CopyFrom(content),
        MediaType = "application/pdf",
    };

    private static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The copies archived about the subject: the test's own, as every test archives against a new subject.</summary>
    private Task<int> ArchivedCopiesAsync(string subjectId)
    {
        var subject = Guid.Parse(subjectId);
        return Suite.Documents.WithDbAsync(db => db.ArchivedDocuments.CountAsync(d => d.SubjectId == subject));
    }

    [Fact]
    public async Task ListTemplates_returns_the_forms_of_the_regulations_ordered_by_code()
    {
        var templates = (await Client.ListTemplatesAsync(new ListTemplatesRequest())).Templates;

        string[] namedInSection6 = ["客户报修服务单", "服务凭证", "售后服务联络函", "保修证书", "保养到期通知书", "月度服务报告"];
        string[] ofSubcontractorRepairs = ["现场照片", "维修草图", "赔偿协议书"];
        string[] ofCustomerCare = ["回访记录", "发货通知单", "安装报告", "调试报告", "验收报告"];
        string[] ofInventory = ["备用件接收单"];
        Assert.Equal(namedInSection6.Concat(ofSubcontractorRepairs).Concat(ofCustomerCare).Concat(ofInventory).Order(StringComparer.Ordinal),
            templates.Select(t => t.Title).Order(StringComparer.Ordinal));
        Assert.Equal(templates.Select(t => t.Code).Order(StringComparer.Ordinal), templates.Select(t => t.Code));
        Assert.All(templates, t => Assert.Equal(1, t.Version));
    }

    [Fact]
    public async Task GetTemplate_returns_the_form_and_what_it_is_about()
    {
        var template = await Client.GetTemplateAsync(new GetTemplateRequest { TemplateCode = "EXPIRY-NOTICE" });

        Assert.Equal(("保养到期通知书", SubjectKind.Contract), (template.Title, template.SubjectKind));
    }

    [Fact]
    public async Task An_archived_copy_is_read_back_with_its_content_and_the_hash_of_it()
    {
        var content = Encoding.UTF8.GetBytes("%PDF-1.7 服务凭证 客户签字：王建国");
        var ticket = await Subjects.NewTicketAsync();

        var archived = await Client.ArchiveDocumentAsync(Voucher(content, ticket));
        var read = await Client.GetDocumentAsync(new GetDocumentRequest { DocumentId = archived.DocumentId });

        Assert.Equal(Sha256Of(content), read.Sha256);
        Assert.Equal(content, read.Content.ToByteArray());
        Assert.Equal(("SERVICE-VOUCHER", 1, ticket.TicketId, "application/pdf", (long)content.Length),
            (read.TemplateCode, read.TemplateVersion, read.SubjectId, read.MediaType, read.SizeBytes));
        Assert.Equal(("", ticket.StationId), (read.OwnerStationId, read.SubjectStationId));
        Assert.True(archived.Content.IsEmpty);
        var metadata = read.Clone();
        metadata.Content = ByteString.Empty;
        Assert.Equal(archived, metadata);
    }

    [Fact]
    public async Task Archiving_the_same_copy_again_returns_the_first_copy_even_when_the_retries_race()
    {
        var request = Voucher(Encoding.UTF8.GetBytes("服务凭证 No. 7"), await Subjects.NewTicketAsync());

        var first = await Client.ArchiveDocumentAsync(request);
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Client.ArchiveDocumentAsync(request).ResponseAsync));

        Assert.All(retries, r => Assert.Equal(first, r));
        Assert.Equal(1, await ArchivedCopiesAsync(request.SubjectId));
    }

    [Fact]
    public async Task Racing_first_archivals_of_one_copy_store_it_once()
    {
        var request = Voucher(Encoding.UTF8.GetBytes("服务凭证 No. 8"), await Subjects.NewTicketAsync());

        var archived = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.ArchiveDocumentAsync(request).ResponseAsync));

        Assert.Single(archived.Select(d => d.DocumentId).Distinct());
        Assert.Equal(1, await ArchivedCopiesAsync(request.SubjectId));
    }

    [Fact]
    public async Task The_same_content_for_another_subject_is_another_copy()
    {
        var content = Encoding.UTF8.GetBytes("服务凭证");

        var one = await Client.ArchiveDocumentAsync(Voucher(content, await Subjects.NewTicketAsync()));
        var other = await Client.ArchiveDocumentAsync(Voucher(content, await Subjects.NewTicketAsync()));

        Assert.NotEqual(one.DocumentId, other.DocumentId);
        Assert.Equal(one.Sha256, other.Sha256);
    }

    [Fact]
    public async Task Content_of_10_MiB_is_archived_and_one_byte_more_is_a_field_violation()
    {
        var largest = RandomNumberGenerator.GetBytes(TenMiB);
        var ticket = await Subjects.NewTicketAsync();

        var archived = await Client.ArchiveDocumentAsync(Voucher(largest, ticket));
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ArchiveDocumentAsync(Voucher(new byte[TenMiB + 1], ticket)).ResponseAsync);

        Assert.Equal((TenMiB, Sha256Of(largest)), ((int)archived.SizeBytes, archived.Sha256));
        Problems.AssertFieldViolations(error, "content");
    }

    [Fact]
    public async Task ArchiveDocument_names_every_bad_field_and_stores_nothing()
    {
        var request = new ArchiveDocumentRequest { TemplateCode = "NO-SUCH-FORM", SubjectId = "not-an-id", MediaType = "pdf" };

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ArchiveDocumentAsync(request).ResponseAsync);

        Problems.AssertFieldViolations(error, "template_code", "subject_id", "content", "media_type");
        Assert.Equal(0, await Suite.Documents.WithDbAsync(db => db.ArchivedDocuments.CountAsync(d => d.TemplateCode == "NO-SUCH-FORM")));
    }

    [Fact]
    public async Task The_database_refuses_to_change_an_archived_copy()
    {
        var archived = await Client.ArchiveDocumentAsync(Voucher(Encoding.UTF8.GetBytes("客户签字：王建国"), await Subjects.NewTicketAsync()));
        var id = Guid.Parse(archived.DocumentId);

        var error = await Assert.ThrowsAsync<PostgresException>(() => Suite.Documents.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE documents.\"ArchivedDocuments\" SET \"Content\" = convert_to('客户签字：李四', 'UTF8') WHERE \"Id\" = {id}")));

        Assert.Equal(PostgresErrorCodes.RestrictViolation, error.SqlState);
    }

    [Fact]
    public async Task Unknown_templates_and_documents_are_not_found()
    {
        var template = await Assert.ThrowsAsync<RpcException>(() =>
            Client.GetTemplateAsync(new GetTemplateRequest { TemplateCode = "NO-SUCH-FORM" }).ResponseAsync);
        var document = await Assert.ThrowsAsync<RpcException>(() =>
            Client.GetDocumentAsync(new GetDocumentRequest { DocumentId = Guid.NewGuid().ToString() }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, template.StatusCode);
        Assert.Equal(StatusCode.NotFound, document.StatusCode);
    }

    [Fact]
    public async Task Json_callers_archive_and_read_a_copy_as_base64()
    {
        var content = Encoding.UTF8.GetBytes("保修证书 SN EL-2019-0001");
        var lift = await Subjects.AssetAsync(DemoIds.SerialUnderContract);
        var response = await Suite.Documents.Http.PostAsJsonAsync("/api/documents/v1/documents", new
        {
            templateCode = "WARRANTY-CERTIFICATE",
            subjectId = lift.AssetId,
            content = Convert.ToBase64String(content),
            mediaType = "application/pdf",
        });
        response.EnsureSuccessStatusCode();
        var archived = await response.Content.ReadFromJsonAsync<JsonElement>();

        var read = await Suite.Documents.Http.GetFromJsonAsync<JsonElement>(
            $"/api/documents/v1/documents/{archived.GetProperty("documentId").GetString()}");

        Assert.Equal(content, read.GetProperty("content").GetBytesFromBase64());
        Assert.Equal(Sha256Of(content), read.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Json_callers_get_404_for_an_unknown_template()
    {
        var response = await Suite.Documents.Http.GetAsync("/api/documents/v1/templates/NO-SUCH-FORM");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task When_the_service_that_owns_the_subject_fails_the_archive_fails_as_a_downstream_failure_and_stores_nothing()
    {
        var ticket = await Subjects.NewTicketAsync();
        // The documents service again, but finding tickets at a port where nothing listens.
        await using var cutOff = new ServiceFactory<DocumentGrpcService, DocumentsDbContext>(Suite.Servers, ResourceNames.Documents,
            () => Suite.Callers.StaffAsync(Callers.DefaultStaff), new Dictionary<string, string?>
            {
                [$"services:{ResourceNames.Identity}:{ResourceNames.HttpEndpoint}:0"] = Suite.Identity.HttpAddress.ToString(),
                [$"services:{ResourceNames.Tickets}:{ResourceNames.GrpcEndpoint}:0"] = $"http://127.0.0.1:{LocalServers.NextFreePort()}",
                [$"services:{ResourceNames.Customers}:{ResourceNames.GrpcEndpoint}:0"] = Suite.Customers.GrpcAddress,
            });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new DocumentService.DocumentServiceClient(cutOff.Channel).ArchiveDocumentAsync(Voucher([1, 2, 3], ticket)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("A service this call depends on answered Unavailable.", error.Status.Detail);
        Assert.Equal(0, await ArchivedCopiesAsync(ticket.TicketId));
    }
}
