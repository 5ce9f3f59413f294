using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Common.V1;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace AfterSales.EndToEndTests;

/// <summary>
/// The first flow through the real suite: a partner station opens a repair ticket through the gateway;
/// tickets asks customers for the asset's entitlement; the ticket is read back by gRPC and by JSON; and
/// the whole flow is one trace in the dashboard.
/// </summary>
[Collection(SuiteCollection.Name)]
public class VerticalSliceTests(SuiteHost suite, ITestOutputHelper output)
{
    // A seeded asset (DemoIds.SerialUnderContract): accepted in 2019, under a maintenance contract now.
    private const string SerialUnderContract = "EL-2019-0001";

    private static CreateTicketRequest Intake() => Requests.Intake(SerialUnderContract);

    [Fact]
    public async Task A_partner_opens_a_ticket_through_the_gateway_and_reads_it_by_grpc_and_json_in_one_trace()
    {
        output.WriteLine($"Suite started and healthy in {suite.StartupTime.TotalSeconds:F1} s");
        var station = await suite.Callers.StationAsync("station-hangzhou");
        var tickets = new TicketService.TicketServiceClient(suite.GatewayAs(station));
        var (traceId, traceParent) = Telemetry.NewTraceParent();

        var created = await tickets.CreateTicketAsync(Intake(), new Metadata { { "traceparent", traceParent } });
        var read = await tickets.GetTicketAsync(new GetTicketRequest { TicketId = created.TicketId });
        using var jsonRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/tickets/v1/tickets/{created.TicketId}");
        jsonRequest.Headers.Authorization = new("Bearer", station);
        using var jsonResponse = await suite.GatewayJson.SendAsync(jsonRequest);
        var json = await jsonResponse.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(ServiceCategory.Contract, created.Category);
        Assert.Equal(created, read);
        Assert.Equal("SERVICE_CATEGORY_CONTRACT", json.GetProperty("category").GetString());
        Assert.Equal(created.Number, json.GetProperty("number").GetString());

        var spans = await Telemetry.WaitForTraceAsync(suite.Dashboard, traceId, s =>
            s.Any(x => x.Service == ResourceNames.Gateway)
            && s.Any(x => x.Service == ResourceNames.Tickets && x.IsDatabase("postgresql"))
            && s.Any(x => x.Service == ResourceNames.Customers && x.IsDatabase("redis"))
            && s.Any(x => x.Service == ResourceNames.Billing && x.Name.EndsWith("TicketOpened process", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60));
        foreach (var span in spans)
        {
            output.WriteLine($"{span.Service,-10} {span.Name}");
        }

        Assert.Contains(spans, s => s.Service == ResourceNames.Gateway);
        Assert.Contains(spans, s => s.Service == ResourceNames.Tickets && s.Name.Contains("CreateTicket", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Service == ResourceNames.Customers && s.Name.Contains("CheckEntitlement", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Service == ResourceNames.Tickets && s.IsDatabase("postgresql"));
        Assert.Contains(spans, s => s.Service == ResourceNames.Customers && s.IsDatabase("redis"));
        // The trace continues across the event: published by tickets' outbox relay, consumed by billing.
        Assert.Contains(spans, s => s.Service == ResourceNames.Tickets && s.Name.EndsWith("TicketOpened publish", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Service == ResourceNames.Billing && s.Name.EndsWith("TicketOpened process", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Service == ResourceNames.Billing && s.IsDatabase("postgresql"));
    }

    /// <summary>
    /// The seed's service form (客户报修服务单, §1 表1.1) run as a station runs it, every call in one trace: the
    /// call registered, dispatched, visited, fixed, the voucher signed and archived, the ticket closed.
    /// </summary>
    [Fact]
    public async Task A_station_runs_a_repair_from_the_call_to_the_signed_voucher_and_its_trace_shows_every_service_involved()
    {
        var station = await suite.Callers.StationAsync("station-hangzhou");
        var tickets = new TicketService.TicketServiceClient(suite.GatewayAs(station));
        var documents = new AfterSales.Documents.V1.DocumentService.DocumentServiceClient(suite.GatewayAs(station));
        var (traceId, traceParent) = Telemetry.NewTraceParent();
        var inTrace = new Metadata { { "traceparent", traceParent } };
        var intake = Intake();
        (intake.Channel, intake.FaultType, intake.Priority, intake.SiteCondition) =
            (IntakeChannel.Phone, "LIFT", Priority.Urgent, "3 号梯停在 5 楼，轿厢内无人");

        var ticket = await tickets.CreateTicketAsync(intake, inTrace);
        var id = ticket.TicketId;
        var technician = (await tickets.SuggestTechniciansAsync(new SuggestTechniciansRequest { TicketId = id }, inTrace)).Suggestions[0].Technician;
        await tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = id, TechnicianId = technician.TechnicianId, RequestId = Guid.NewGuid().ToString() }, inTrace);
        await tickets.AgreeAppointmentAsync(new AgreeAppointmentRequest
        {
            TicketId = id,
            StartsAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)),
            EndsAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(2)),
        }, inTrace);
        await tickets.StartTravelAsync(new StartTravelRequest { TicketId = id }, inTrace);
        await tickets.ArriveOnSiteAsync(new ArriveOnSiteRequest { TicketId = id }, inTrace);
        await tickets.RecordWorkAsync(new RecordWorkRequest
        {
            TicketId = id,
            Place = WorkPlace.OnSite,
            RunningHours = 8_760,
            FindingsListen = "曳引机运行异响",
            FindingsLook = "导靴磨损",
            FindingsCheck = "门机限位开关松动",
            WorkDone = "更换导靴，紧固限位开关，试运行正常",
            Parts = { new PartUsed { PartNumber = "P-EL-1003", Quantity = 2, OldPartKept = true } },
            Labour = { new LabourHours { TechnicianId = technician.TechnicianId, Hours = 1.5 } },
        }, inTrace);
        await tickets.CompleteVisitAsync(new CompleteVisitRequest { TicketId = id, Result = VisitResult.Completed }, inTrace);
        var voucher = await documents.ArchiveDocumentAsync(Requests.Voucher(System.Text.Encoding.UTF8.GetBytes($"服务凭证 {ticket.Number} 客户签字：王建国"), id), inTrace);
        await tickets.SignOffAsync(new SignOffRequest { TicketId = id, SignedBy = "王建国", VoucherDocumentId = voucher.DocumentId }, inTrace);
        var closed = await tickets.CloseTicketAsync(new CloseTicketRequest { TicketId = id }, inTrace);

        Assert.Equal((TicketStatus.Closed, voucher.DocumentId, technician.TechnicianId), (closed.Status, closed.VoucherDocumentId, closed.TechnicianId));
        // Each service exports its spans in batches of its own, so the trace is waited for whole: every
        // service, every step's RPC, and the archived voucher.
        string[] services = [ResourceNames.Gateway, ResourceNames.Tickets, ResourceNames.Customers, ResourceNames.Billing, ResourceNames.Documents];
        string[] rpcs = ["CreateTicket", "DispatchTicket", "ArriveOnSite", "RecordWork", "SignOff", "CloseTicket"];
        static bool Has(IReadOnlyList<SpanView> spans, string service, string name) =>
            spans.Any(s => s.Service == service && s.Name.Contains(name, StringComparison.Ordinal));
        var spans = await Telemetry.WaitForTraceAsync(suite.Dashboard, traceId, s =>
            services.All(service => s.Any(x => x.Service == service))
            && rpcs.All(rpc => Has(s, ResourceNames.Tickets, rpc)) && Has(s, ResourceNames.Documents, "ArchiveDocument"),
            TimeSpan.FromSeconds(60));
        foreach (var span in spans)
        {
            output.WriteLine($"{span.Service,-10} {span.Name}");
        }
        Assert.All(services, service => Assert.Contains(spans, s => s.Service == service));
        Assert.All(rpcs, rpc => Assert.True(Has(spans, ResourceNames.Tickets, rpc), $"No {rpc} span in tickets"));
        Assert.True(Has(spans, ResourceNames.Documents, "ArchiveDocument"), "No ArchiveDocument span in documents");
    }

    [Fact]
    public async Task Bad_input_through_the_gateway_gets_field_violations_by_grpc_and_a_problem_by_json()
    {
        var station = await suite.Callers.StationAsync("station-hangzhou");
        var tickets = new TicketService.TicketServiceClient(suite.GatewayAs(station));
        var request = Intake();
        request.SerialNumber = "";

        var error = await Assert.ThrowsAsync<RpcException>(() => tickets.CreateTicketAsync(request).ResponseAsync);
        using var jsonRequest = new HttpRequestMessage(HttpMethod.Post, "/api/tickets/v1/tickets")
        {
            Content = JsonContent.Create(new { serialNumber = "NO-SUCH-SERIAL" }),
        };
        jsonRequest.Headers.Authorization = new("Bearer", station);
        var response = await suite.GatewayJson.SendAsync(jsonRequest);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("contact_name", out _));
    }

    [Fact]
    public async Task Every_service_answers_through_its_one_gateway_rule()
    {
        var manager = await suite.Callers.StaffAsync("manager");
        foreach (var path in new[]
        {
            "/api/customers/v1/customers?pageSize=1",
            "/api/tickets/v1/stations",
            "/api/inventory/v1/parts?pageSize=1",
            "/api/billing/v1/fee-items",
            "/api/feedback/v1/complaints?pageSize=1",
            "/api/documents/v1/templates",
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new("Bearer", manager);
            using var response = await suite.GatewayJson.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        }
    }
}
