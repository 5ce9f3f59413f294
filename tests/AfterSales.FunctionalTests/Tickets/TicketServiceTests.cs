using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AfterSales.Common.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Tickets;

public partial class TicketServiceTests(Suite suite) : SuiteTest(suite)
{
    private TicketService.TicketServiceClient Client => new(Suite.Tickets.Channel);

    private static CreateTicketRequest Intake(string serial, string component = "") => new()
    {
        SerialNumber = serial,
        ComponentCode = component,
        Channel = IntakeChannel.PartnerApi,
        ContactName = "王建国",
        ContactPhone = "0571-8888-1001",
        FaultDescription = "电梯运行时有异响",
    };

    [Fact]
    public async Task CreateTicket_asks_customers_for_the_category_and_stores_it()
    {
        var created = await Client.CreateTicketAsync(Intake(DemoIds.SerialUnderContract));
        var read = await Client.GetTicketAsync(new GetTicketRequest { TicketId = created.TicketId });

        Assert.Equal(ServiceCategory.Contract, read.Category);
        Assert.Contains("HT-2026-001", read.CategoryReason);
        Assert.Equal(DemoIds.StationHangzhou.ToString(), read.StationId);
        Assert.Equal(TicketStatus.Registered, read.Status);
        Assert.Matches(TicketNumber(), read.Number);
        Assert.Equal(created, read);
    }

    [Fact]
    public async Task A_component_with_its_own_warranty_decides_the_category()
    {
        var pump = await Client.CreateTicketAsync(Intake(DemoIds.SerialInWarranty, "PUMP"));

        Assert.Equal(ServiceCategory.Free, pump.Category);
        Assert.Equal("PUMP", pump.ComponentCode);
    }

    [Fact]
    public async Task An_unknown_serial_is_a_field_violation_and_stores_nothing()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateTicketAsync(Intake("NO-SUCH-SERIAL")).ResponseAsync);

        Problems.AssertFieldViolations(error, "serial_number");
        Assert.Equal(0, await Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync()));
    }

    [Fact]
    public async Task An_unknown_component_is_reported_on_our_own_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateTicketAsync(Intake(DemoIds.SerialInWarranty, "NOPE")).ResponseAsync);

        Problems.AssertFieldViolations(error, "component_code");
    }

    [Fact]
    public async Task Concurrent_intakes_get_distinct_ticket_numbers()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => Client.CreateTicketAsync(Intake(DemoIds.SerialOutOfWarranty)).ResponseAsync));

        Assert.Equal(20, created.Select(t => t.Number).Distinct().Count());
        Assert.All(created, t => Assert.Equal(ServiceCategory.Paid, t.Category));
    }

    [Fact]
    public async Task ListTickets_pages_newest_first_without_gaps_or_repeats()
    {
        for (var i = 0; i < 5; i++)
        {
            await Client.CreateTicketAsync(Intake(DemoIds.SerialOutOfWarranty));
        }

        var seen = new List<Ticket>();
        var token = "";
        do
        {
            var page = await Client.ListTicketsAsync(new ListTicketsRequest { PageSize = 2, PageToken = token });
            seen.AddRange(page.Tickets);
            token = page.NextPageToken;
        } while (token.Length > 0);

        Assert.Equal(5, seen.Select(t => t.TicketId).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(t => t.ReceivedAt.ToDateTimeOffset()).ThenByDescending(t => t.Number, StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Json_callers_create_and_read_tickets()
    {
        var response = await Suite.Tickets.Http.PostAsJsonAsync("/api/tickets/v1/tickets", new
        {
            serialNumber = DemoIds.SerialInWarranty,
            channel = "INTAKE_CHANNEL_PHONE",
            contactName = "李敏",
            contactPhone = "0571-8888-2002",
            faultDescription = "制冷效果差",
        });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        var read = await Suite.Tickets.Http.GetFromJsonAsync<System.Text.Json.JsonElement>(
            $"/api/tickets/v1/tickets/{created.GetProperty("ticketId").GetString()}");

        Assert.Equal("SERVICE_CATEGORY_FREE", read.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Json_callers_get_a_problem_naming_each_missing_field()
    {
        var response = await Suite.Tickets.Http.PostAsJsonAsync("/api/tickets/v1/tickets", new { serialNumber = DemoIds.SerialInWarranty });

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["channel", "contact_name", "contact_phone", "fault_description"], fields);
    }

    [Fact]
    public async Task An_unknown_ticket_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.GetTicketAsync(new GetTicketRequest { TicketId = Guid.NewGuid().ToString() }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Stations_and_their_technicians_are_listed()
    {
        var stations = new StationService.StationServiceClient(Suite.Tickets.Channel);

        var all = await stations.ListStationsAsync(new ListStationsRequest());
        var technicians = await stations.ListTechniciansAsync(new ListTechniciansRequest { StationId = DemoIds.StationHangzhou.ToString() });
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            stations.ListTechniciansAsync(new ListTechniciansRequest { StationId = Guid.NewGuid().ToString() }).ResponseAsync);

        Assert.Equal(2, all.Stations.Count);
        Assert.Equal(3, technicians.Technicians.Count);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_checked_in_migrations_match_the_model()
    {
        var pending = await Suite.Tickets.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, "The model has changes no migration captures: add a migration.");
    }

    [GeneratedRegex(@"^T\d{8}-ST-[A-Z]{2}\d{2}-\d{4,}$")]
    private static partial Regex TicketNumber();
}
