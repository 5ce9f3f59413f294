using System.Net;
using System.Net.Http.Json;
using System.Text;
using AfterSales.Documents.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Documents;

/// <summary>
/// Through the gateway, as partner stations and internal staff call it: a document is archived only about
/// an existing subject of its template's kind that the caller may see (a station's own ticket, customer,
/// asset, contract, or itself), and is read by the station that subject belongs to, whoever archived it.
/// </summary>
public class DocumentIsolationTests(Suite suite) : SuiteTest(suite)
{
    private const string Hangzhou = "station-hangzhou";

    /// <summary>The second demo station.</summary>
    private const string Ningbo = "station-ningbo";

    private DocumentSubjects Subjects => new(Suite);

    private DocumentService.DocumentServiceClient Station(string clientId) =>
        new(Suite.Gateway.ChannelAs(() => Suite.Callers.StationAsync(clientId)));

    private DocumentService.DocumentServiceClient Staff(string userName = Callers.DefaultStaff) =>
        new(Suite.Gateway.ChannelAs(() => Suite.Callers.StaffAsync(userName)));

    /// <summary>The template of each subject kind.</summary>
    private static string TemplateAbout(SubjectKind kind) => kind switch
    {
        SubjectKind.Ticket => "SERVICE-VOUCHER",
        SubjectKind.Customer => "CONTACT-LETTER",
        SubjectKind.Asset => "WARRANTY-CERTIFICATE",
        SubjectKind.Contract => "EXPIRY-NOTICE",
        SubjectKind.Station => "MONTHLY-REPORT",
        SubjectKind.Project => "ACCEPTANCE-REPORT",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown subject kind."),
    };

    private static ArchiveDocumentRequest Copy(string templateCode, string subjectId, string text = "客户签字：王建国") => new()
    {
        TemplateCode = templateCode,
        SubjectId = subjectId,
        Content = ByteString.CopyFrom(Encoding.UTF8.GetBytes(text)),
        MediaType = "application/pdf",
    };

    /// <summary>The copies archived about these subjects: a test's own, or ones nobody may archive about.</summary>
    private Task<int> ArchivedCopiesAsync(params string[] subjectIds)
    {
        var subjects = subjectIds.Select(Guid.Parse).ToList();
        return Suite.Documents.WithDbAsync(db => db.ArchivedDocuments.CountAsync(d => subjects.Contains(d.SubjectId)));
    }

    private static void AssertSameRefusal(RpcException expected, RpcException actual)
    {
        Problems.AssertFieldViolations(expected, "subject_id");
        Problems.AssertFieldViolations(actual, "subject_id");
        Assert.Equal(expected.Status.Detail, actual.Status.Detail);
        Assert.Equal(expected.GetRpcStatus()!.GetDetail<BadRequest>(), actual.GetRpcStatus()!.GetDetail<BadRequest>());
    }

    [Theory]
    [InlineData(SubjectKind.Ticket)]
    [InlineData(SubjectKind.Customer)]
    [InlineData(SubjectKind.Asset)]
    [InlineData(SubjectKind.Contract)]
    [InlineData(SubjectKind.Station)]
    [InlineData(SubjectKind.Project)]
    public async Task A_station_archiving_about_another_station_s_subject_gets_exactly_the_answer_of_a_missing_id(SubjectKind kind)
    {
        var ningbos = await Subjects.OfKindAsync(kind, DemoIds.SerialNingbo);
        var hangzhou = Station(Hangzhou);

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.ArchiveDocumentAsync(Copy(TemplateAbout(kind), ningbos)).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.ArchiveDocumentAsync(Copy(TemplateAbout(kind), Guid.NewGuid().ToString())).ResponseAsync);

        AssertSameRefusal(missing, hidden);
        Assert.Equal(0, await ArchivedCopiesAsync(ningbos));
    }

    [Theory]
    [InlineData(SubjectKind.Ticket)]
    [InlineData(SubjectKind.Customer)]
    [InlineData(SubjectKind.Asset)]
    [InlineData(SubjectKind.Contract)]
    [InlineData(SubjectKind.Station)]
    [InlineData(SubjectKind.Project)]
    public async Task Internal_staff_archiving_about_a_subject_that_does_not_exist_get_a_field_violation(SubjectKind kind)
    {
        var unknown = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Staff().ArchiveDocumentAsync(Copy(TemplateAbout(kind), unknown)).ResponseAsync);

        Problems.AssertFieldViolations(error, "subject_id");
        Assert.Equal($"subject_id names no {kind.ToString().ToLowerInvariant()} you may archive documents about.", error.Status.Detail);
        Assert.Equal(0, await ArchivedCopiesAsync(unknown));
    }

    [Fact]
    public async Task A_subject_of_another_kind_than_the_template_s_is_refused_as_an_unknown_one()
    {
        // A unit of its own at the Hangzhou station, so no other test archives about its customer or itself.
        var lift = await Data.NewAssetAsync(DemoIds.StationHangzhou, Coverage.UnderContract);
        var ticket = await Subjects.NewTicketAsync(lift.SerialNumber);

        var customerAsTicket = await Assert.ThrowsAsync<RpcException>(() =>
            Station(Hangzhou).ArchiveDocumentAsync(Copy("SERVICE-VOUCHER", lift.CustomerId.ToString())).ResponseAsync);
        var missingTicket = await Assert.ThrowsAsync<RpcException>(() =>
            Station(Hangzhou).ArchiveDocumentAsync(Copy("SERVICE-VOUCHER", Guid.NewGuid().ToString())).ResponseAsync);
        var ticketAsAsset = await Assert.ThrowsAsync<RpcException>(() =>
            Staff().ArchiveDocumentAsync(Copy("WARRANTY-CERTIFICATE", ticket.TicketId)).ResponseAsync);
        var assetAsContract = await Assert.ThrowsAsync<RpcException>(() =>
            Staff().ArchiveDocumentAsync(Copy("EXPIRY-NOTICE", lift.Id.ToString())).ResponseAsync);

        AssertSameRefusal(missingTicket, customerAsTicket);
        Problems.AssertFieldViolations(ticketAsAsset, "subject_id");
        Problems.AssertFieldViolations(assetAsContract, "subject_id");
        Assert.Equal(0, await ArchivedCopiesAsync(lift.CustomerId.ToString(), lift.Id.ToString(), ticket.TicketId));
    }

    [Fact]
    public async Task Internal_staff_archive_about_a_station_s_ticket_and_that_station_reads_the_copy_while_another_station_does_not()
    {
        var ningbosTicket = await Subjects.NewTicketAsync(DemoIds.SerialNingbo);
        var content = Encoding.UTF8.GetBytes("服务凭证 北仑港务集团 客户签字：赵海");
        var missingId = Guid.NewGuid().ToString();

        var archived = await Staff("dispatcher").ArchiveDocumentAsync(new ArchiveDocumentRequest
        {
            TemplateCode = "SERVICE-VOUCHER",
            SubjectId = ningbosTicket.TicketId,
            Content = ByteString.CopyFrom(content),
            MediaType = "application/pdf",
        });
        var readByNingbo = await Station(Ningbo).GetDocumentAsync(new GetDocumentRequest { DocumentId = archived.DocumentId });
        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            Station(Hangzhou).GetDocumentAsync(new GetDocumentRequest { DocumentId = archived.DocumentId }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            Station(Hangzhou).GetDocumentAsync(new GetDocumentRequest { DocumentId = missingId }).ResponseAsync);

        Assert.Equal(content, readByNingbo.Content.ToByteArray());
        Assert.Equal(("", DemoIds.StationNingbo.ToString()), (archived.OwnerStationId, archived.SubjectStationId));
        Problems.AssertSameAsMissing(hidden, archived.DocumentId, missing, missingId);
    }

    [Theory]
    [InlineData(SubjectKind.Ticket)]
    [InlineData(SubjectKind.Customer)]
    [InlineData(SubjectKind.Asset)]
    [InlineData(SubjectKind.Contract)]
    [InlineData(SubjectKind.Station)]
    [InlineData(SubjectKind.Project)]
    public async Task A_station_archives_about_its_own_subject_and_reads_the_copy_back(SubjectKind kind)
    {
        var own = await Subjects.OfKindAsync(kind, DemoIds.SerialUnderContract);
        var hangzhou = Station(Hangzhou);

        var archived = await hangzhou.ArchiveDocumentAsync(Copy(TemplateAbout(kind), own));
        var read = await hangzhou.GetDocumentAsync(new GetDocumentRequest { DocumentId = archived.DocumentId });

        Assert.Equal((own, DemoIds.StationHangzhou.ToString(), DemoIds.StationHangzhou.ToString()),
            (read.SubjectId, read.OwnerStationId, read.SubjectStationId));
        Assert.Equal(Encoding.UTF8.GetBytes("客户签字：王建国"), read.Content.ToByteArray());
    }

    [Fact]
    public async Task A_station_s_own_staff_archive_about_its_ticket_and_internal_staff_read_the_copy()
    {
        var ticket = await Subjects.NewTicketAsync();

        var archived = await Staff("technician").ArchiveDocumentAsync(Copy("SERVICE-VOUCHER", ticket.TicketId));
        var read = await Staff("qa").GetDocumentAsync(new GetDocumentRequest { DocumentId = archived.DocumentId });

        Assert.Equal((DemoIds.StationHangzhou.ToString(), DemoIds.StationHangzhou.ToString()), (read.OwnerStationId, read.SubjectStationId));
    }

    [Fact]
    public async Task The_same_copy_archived_by_staff_and_then_by_the_station_is_one_copy_that_both_read()
    {
        var ticket = await Subjects.NewTicketAsync();
        var request = Copy("SERVICE-VOUCHER", ticket.TicketId, "服务凭证 No. 9 客户签字：王建国");

        var byStaff = await Staff().ArchiveDocumentAsync(request);
        var byStation = await Station(Hangzhou).ArchiveDocumentAsync(request);
        var read = await Station(Hangzhou).GetDocumentAsync(new GetDocumentRequest { DocumentId = byStation.DocumentId });

        Assert.Equal(byStaff, byStation);
        Assert.Equal(request.Content, read.Content);
        Assert.Equal(1, await ArchivedCopiesAsync(ticket.TicketId));
    }

    [Fact]
    public async Task A_json_caller_archiving_about_another_station_s_customer_gets_the_400_of_a_missing_one()
    {
        var ningbo = await Subjects.AssetAsync(DemoIds.SerialNingbo);
        using var hangzhou = Suite.Gateway.HttpAs(() => Suite.Callers.StationAsync(Hangzhou));
        object Letter(string subjectId) => new
        {
            templateCode = "CONTACT-LETTER",
            subjectId,
            content = Convert.ToBase64String(Encoding.UTF8.GetBytes("售后服务联络函")),
            mediaType = "application/pdf",
        };

        var hidden = await hangzhou.PostAsJsonAsync("/api/documents/v1/documents", Letter(ningbo.CustomerId));
        var missing = await hangzhou.PostAsJsonAsync("/api/documents/v1/documents", Letter(Guid.NewGuid().ToString()));

        var hiddenProblem = await Problems.AssertProblemAsync(hidden, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        var missingProblem = await Problems.AssertProblemAsync(missing, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        Assert.Equal(missingProblem.GetProperty("detail").GetString(), hiddenProblem.GetProperty("detail").GetString());
        Assert.Equal(missingProblem.GetProperty("errors").ToString(), hiddenProblem.GetProperty("errors").ToString());
    }

    [Fact]
    public async Task A_subjects_copies_are_listed_to_its_station_and_staff_page_by_page_and_to_no_other_station()
    {
        var hangzhous = await Subjects.OfKindAsync(SubjectKind.Ticket, DemoIds.SerialInWarranty);
        var hangzhou = Station(Hangzhou);
        var archived = new List<string>();
        foreach (var text in new[] { "照片一", "照片二", "照片三" })
        {
            archived.Add((await hangzhou.ArchiveDocumentAsync(Copy("SITE-PHOTO", hangzhous, text))).DocumentId);
        }
        await hangzhou.ArchiveDocumentAsync(Copy("SERVICE-VOUCHER", hangzhous, $"签字 {Guid.NewGuid()}"));

        var photos = await Paging.ReadAsync(token => hangzhou.ListDocumentsAsync(new ListDocumentsRequest
        {
            SubjectId = hangzhous, TemplateCode = "SITE-PHOTO", PageSize = 2, PageToken = token,
        }).ResponseAsync, page => page.Documents, page => page.NextPageToken);
        var staffSees = (await Staff().ListDocumentsAsync(new ListDocumentsRequest { SubjectId = hangzhous, PageSize = 100 })).Documents;
        var ningboSees = (await Station(Ningbo).ListDocumentsAsync(new ListDocumentsRequest { SubjectId = hangzhous })).Documents;

        Assert.Superset(archived.ToHashSet(), photos.Select(d => d.DocumentId).ToHashSet());
        Assert.All(photos, d => Assert.Equal(("SITE-PHOTO", hangzhous, 0), (d.TemplateCode, d.SubjectId, d.Content.Length)));
        Assert.Equal(photos.Select(d => d.DocumentId).Order(StringComparer.Ordinal), photos.Select(d => d.DocumentId));
        Assert.Contains(staffSees, d => d.TemplateCode == "SERVICE-VOUCHER");
        Assert.Empty(ningboSees);
    }
}
