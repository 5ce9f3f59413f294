using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AfterSales.Billing.V1;
using AfterSales.Common.V1;
using AfterSales.Documents.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.Platform.Grpc;
using AfterSales.Tickets.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Platform;

/// <summary>
/// Garbage a caller may send through the gateway — text with control characters, timestamps outside the
/// calendar, absurd page sizes, strings of megabytes, lists of a hundred thousand entries — is refused over
/// gRPC and JSON as INVALID_ARGUMENT naming the field (RESOURCE_EXHAUSTED or 413 for size), never INTERNAL,
/// and changes nothing.
/// </summary>
public class GarbageInputTests(Suite suite) : SuiteTest(suite)
{
    private const string Hangzhou = "station-hangzhou";
    private const int MiB = 1024 * 1024;

    /// <summary>Marks this test's intake requests, so "nothing was created" is asked of them alone.</summary>
    private readonly string _fault = $"电梯运行时有异响 {Guid.NewGuid():N}";

    private GatewayFactory Gateway => Suite.Gateway;

    private Task<string> Station() => Suite.Callers.StationAsync(Hangzhou);

    private TicketService.TicketServiceClient Tickets => new(Gateway.ChannelAs(Station));

    private CreateTicketRequest Intake() => new()
    {
        SerialNumber = DemoIds.SerialUnderContract,
        Channel = IntakeChannel.PartnerApi,
        ContactName = "王建国",
        ContactPhone = "0571-8888-1001",
        FaultDescription = _fault,
    };

    /// <summary>The same intake as JSON, with <paramref name="contactName"/> spliced in as written (escapes and all).</summary>
    private string IntakeJson(string contactName = "王建国", string receivedAt = "") =>
        $$"""
        {"serialNumber":"{{DemoIds.SerialUnderContract}}","channel":"INTAKE_CHANNEL_PARTNER_API","contactName":"{{contactName}}",
         "contactPhone":"0571-8888-1001","faultDescription":"{{_fault}}"{{(receivedAt.Length > 0 ? $",\"receivedAt\":\"{receivedAt}\"" : "")}}}
        """;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<int> TicketsCreatedAsync() =>
        Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync(t => t.FaultDescription.StartsWith(_fault)));

    [Fact]
    public async Task A_nul_in_a_grpc_string_is_a_field_violation_and_creates_nothing()
    {
        var request = Intake();
        request.ContactName = "王\0建国";

        var error = await Assert.ThrowsAsync<RpcException>(() => Tickets.CreateTicketAsync(request).ResponseAsync);

        Problems.AssertFieldViolations(error, "contact_name");
        Assert.Equal(0, await TicketsCreatedAsync());
    }

    [Theory]
    [InlineData("\u0001")]
    [InlineData("\u0008")]
    [InlineData("\u001b[2J")]
    [InlineData("\u001f")]
    public async Task Other_control_characters_are_field_violations_too(string control)
    {
        var request = Intake();
        request.ContactPhone = "0571" + control;
        request.FaultDescription = _fault + control;

        var error = await Assert.ThrowsAsync<RpcException>(() => Tickets.CreateTicketAsync(request).ResponseAsync);

        Problems.AssertFieldViolations(error, "contact_phone", "fault_description");
        Assert.Equal(0, await TicketsCreatedAsync());
    }

    [Fact]
    public async Task Tabs_and_line_breaks_are_text()
    {
        var request = Intake();
        request.FaultDescription = _fault + "\r\n\t轿厢晃动。";

        var ticket = await Tickets.CreateTicketAsync(request);

        Assert.Equal(request.FaultDescription, ticket.FaultDescription);
        Assert.Equal(1, await TicketsCreatedAsync());
    }

    [Fact]
    public async Task A_nul_escape_in_json_is_a_400_problem_naming_the_field_and_creates_nothing()
    {
        using var http = Gateway.HttpAs(Station);

        var response = await http.PostAsync("/api/tickets/v1/tickets", Json(IntakeJson(contactName: @"王\u0000建国")));

        await Problems.AssertFieldViolationsAsync(response, "contact_name");
        Assert.Equal(0, await TicketsCreatedAsync());
    }

    [Theory]
    [InlineData(253_402_300_800L, 0)] // 10000-01-01T00:00:00Z
    [InlineData(-62_135_596_801L, 0)] // a second before 0001-01-01
    [InlineData(long.MaxValue, 0)]
    [InlineData(1_767_225_600L, -1)]
    [InlineData(1_767_225_600L, 1_000_000_000)]
    public async Task A_grpc_timestamp_outside_the_calendar_is_a_field_violation_and_creates_nothing(long seconds, int nanos)
    {
        var request = Intake();
        request.ReceivedAt = new Timestamp { Seconds = seconds, Nanos = nanos };

        var error = await Assert.ThrowsAsync<RpcException>(() => Tickets.CreateTicketAsync(request).ResponseAsync);

        Problems.AssertFieldViolations(error, "received_at");
        Assert.Equal(0, await TicketsCreatedAsync());
    }

    [Theory]
    [InlineData("10000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("yesterday")]
    public async Task A_bad_json_timestamp_is_a_400_problem_and_creates_nothing(string receivedAt)
    {
        using var http = Gateway.HttpAs(Station);

        var response = await http.PostAsync("/api/tickets/v1/tickets", Json(IntakeJson(receivedAt: receivedAt)));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        Assert.Contains(receivedAt, problem.GetProperty("detail").GetString());
        Assert.Equal(0, await TicketsCreatedAsync());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_creates_nothing()
    {
        using var http = Gateway.HttpAs(Station);

        var response = await http.PostAsync("/api/tickets/v1/tickets", Json(IntakeJson()[..^10]));

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        Assert.Equal(0, await TicketsCreatedAsync());
    }

    [Fact]
    public async Task A_method_a_json_path_does_not_take_is_a_405_problem_saying_which_it_takes_and_creates_nothing()
    {
        using var http = Gateway.HttpAs(Station);

        var response = await http.PutAsync("/api/tickets/v1/tickets", Json(IntakeJson()));
        var listed = await http.GetAsync("/api/documents/v1/documents");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "UNIMPLEMENTED");
        Assert.Contains("PUT", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problems.AssertProblemAsync(listed, HttpStatusCode.MethodNotAllowed, "UNIMPLEMENTED");
        Assert.Equal(0, await TicketsCreatedAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_client_error_problem_and_creates_nothing()
    {
        using var http = Gateway.HttpAs(Station);

        var response = await http.PostAsync("/api/tickets/v1/tickets", new StringContent(IntakeJson(), Encoding.UTF8, "text/plain"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual("INTERNAL", problem.GetProperty("grpcStatus").GetString());
        Assert.Equal(0, await TicketsCreatedAsync());
    }

    [Theory]
    [InlineData(1_000_000_000)]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    public async Task An_absurd_grpc_page_size_is_a_field_violation(int pageSize)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Tickets.ListTicketsAsync(new ListTicketsRequest { PageSize = pageSize }).ResponseAsync);

        Problems.AssertFieldViolations(error, "page_size");
    }

    [Fact]
    public async Task An_absurd_json_page_size_is_a_400_problem()
    {
        using var http = Gateway.HttpAs(Station);

        var inRange = await http.GetAsync("/api/tickets/v1/tickets?pageSize=1000000000");
        var beyondInt32 = await http.GetAsync("/api/tickets/v1/tickets?pageSize=10000000000");

        await Problems.AssertFieldViolationsAsync(inRange, "page_size");
        await Problems.AssertProblemAsync(beyondInt32, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task A_forged_page_token_holding_a_nul_is_a_field_violation()
    {
        var token = PageToken.Encode("638000000000000000|T\0");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Tickets.ListTicketsAsync(new ListTicketsRequest { PageToken = token }).ResponseAsync);

        Problems.AssertFieldViolations(error, "page_token");
    }

    [Theory]
    [InlineData(2 * MiB)]
    [InlineData(10_000_000)]
    public async Task A_grpc_string_of_megabytes_is_resource_exhausted_and_creates_nothing(int length)
    {
        var request = Intake();
        request.FaultDescription = _fault + new string('响', length / 3);

        var error = await Assert.ThrowsAsync<RpcException>(() => Tickets.CreateTicketAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(0, await TicketsCreatedAsync());
    }

    [Fact]
    public async Task A_json_string_of_10_MB_is_a_413_problem_and_creates_nothing()
    {
        using var http = Gateway.HttpAs(Station);
        // Announced by its length and sent only on "100 Continue": the gateway refuses it from its headers, so
        // the test reads the answer instead of racing the server's close of the connection mid-upload.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets/v1/tickets")
        {
            Content = Json(IntakeJson(contactName: new string('王', 10_000_000 / 3))),
            Headers = { ExpectContinue = true },
        };

        var response = await http.SendAsync(request);

        await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "RESOURCE_EXHAUSTED");
        Assert.Equal(0, await TicketsCreatedAsync());
    }

    [Fact]
    public async Task A_json_string_of_10_MB_sent_chunked_is_a_413_problem_too()
    {
        using var http = Gateway.HttpAs(Station);
        var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(IntakeJson(contactName: new string('王', 10_000_000 / 3)))));
        body.Headers.ContentType = new("application/json");

        var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/tickets/v1/tickets")
        {
            Content = body,
            Headers = { TransferEncodingChunked = true },
        });

        await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "RESOURCE_EXHAUSTED");
        Assert.Equal(0, await TicketsCreatedAsync());
    }

    [Fact]
    public async Task A_grpc_list_of_100_000_entries_is_a_field_violation_naming_the_list()
    {
        var request = new QuoteRequest { Category = ServiceCategory.Paid };
        request.Lines.AddRange(Enumerable.Range(0, 100_000).Select(_ => new WorkLine()));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new BillingService.BillingServiceClient(Gateway.ChannelAs(Station)).QuoteAsync(request).ResponseAsync);

        Problems.AssertFieldViolations(error, "lines");
    }

    [Fact]
    public async Task A_json_list_of_100_000_entries_is_a_400_problem_naming_the_list()
    {
        using var http = Gateway.HttpAs(Station);
        var lines = string.Join(",", Enumerable.Repeat("{}", 100_000));

        var response = await http.PostAsync("/api/billing/v1/quotes", Json($$"""{"category":"SERVICE_CATEGORY_PAID","lines":[{{lines}}]}"""));

        await Problems.AssertFieldViolationsAsync(response, "lines");
    }

    [Fact]
    public async Task A_list_of_hundreds_of_bad_entries_gets_a_readable_answer_not_internal()
    {
        var request = new QuoteRequest { Category = ServiceCategory.Paid };
        request.Lines.AddRange(Enumerable.Range(0, 1_000).Select(_ => new WorkLine()));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new BillingService.BillingServiceClient(Gateway.ChannelAs(Station)).QuoteAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("lines", error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task A_100_MB_grpc_message_is_refused_at_the_gateway_as_resource_exhausted_and_stores_nothing()
    {
        var ticket = await Tickets.CreateTicketAsync(Intake());
        var documents = new DocumentService.DocumentServiceClient(Gateway.ChannelAs(Station));

        var error = await Assert.ThrowsAsync<RpcException>(() => documents.ArchiveDocumentAsync(Voucher(ticket, new byte[100_000_000])).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.StartsWith("The request is larger than", error.Status.Detail); // the gateway's words, not the service's
        Assert.Equal(0, await DocumentsAboutAsync(ticket));
    }

    [Fact]
    public async Task A_100_MB_json_body_is_refused_at_the_gateway_with_a_413_problem_and_stores_nothing()
    {
        var ticket = await Tickets.CreateTicketAsync(Intake());
        using var http = Gateway.HttpAs(Station);
        var body = new ByteArrayContent(new byte[100_000_000]);
        body.Headers.ContentType = new("application/json");

        // As curl does for a large body: the gateway answers before the body is sent.
        var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/documents/v1/documents")
        {
            Content = body,
            Headers = { ExpectContinue = true },
        });

        await Problems.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "RESOURCE_EXHAUSTED");
        Assert.Equal(0, await DocumentsAboutAsync(ticket));
    }

    [Fact]
    public async Task A_document_of_10_MiB_still_goes_through_the_gateway_over_grpc_and_json()
    {
        var ticket = await Tickets.CreateTicketAsync(Intake());
        var documents = new DocumentService.DocumentServiceClient(Gateway.ChannelAs(Station));
        using var http = Gateway.HttpAs(Station);
        var overGrpc = RandomNumberGenerator.GetBytes(10 * MiB);
        var overJson = RandomNumberGenerator.GetBytes(10 * MiB);

        var archived = await documents.ArchiveDocumentAsync(Voucher(ticket, overGrpc));
        var response = await http.PostAsJsonAsync("/api/documents/v1/documents", new
        {
            templateCode = "SERVICE-VOUCHER",
            subjectId = ticket.TicketId,
            content = Convert.ToBase64String(overJson),
            mediaType = "application/pdf",
        });

        Assert.Equal(10 * MiB, archived.SizeBytes);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10 * MiB, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sizeBytes").GetInt64());
    }

    private static ArchiveDocumentRequest Voucher(Ticket ticket, byte[] content) => new()
    {
        TemplateCode = "SERVICE-VOUCHER",
        SubjectId = ticket.TicketId,
        Content = UnsafeByteOperations.UnsafeWrap(content),
        MediaType = "application/pdf",
    };

    private Task<int> DocumentsAboutAsync(Ticket ticket)
    {
        var subject = Guid.Parse(ticket.TicketId);
        return Suite.Documents.WithDbAsync(db => db.ArchivedDocuments.CountAsync(d => d.SubjectId == subject));
    }
}
