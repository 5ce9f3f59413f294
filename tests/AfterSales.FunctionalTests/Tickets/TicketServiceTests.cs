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

    private static CreateTicketRequest Intake(string serial, string component = "") => Requests.Intake(serial, component);

    [Fact]
    public async Task CreateTicket_asks_customers_for_the_category_and_stores_it()
    {
        var station = await Data.NewStationAsync();
        var asset = await Data.NewAssetAsync(station, Coverage.UnderContract);

        var created = await Client.CreateTicketAsync(Intake(asset.SerialNumber));
        var read = await Client.GetTicketAsync(new GetTicketRequest { TicketId = created.TicketId });

        Assert.Equal(ServiceCategory.Contract, read.Category);
        Assert.Contains(asset.ContractNumber!, read.CategoryReason);
        Assert.Equal(station.Id.ToString(), read.StationId);
        Assert.Equal((asset.Id.ToString(), asset.CustomerId.ToString()), (read.AssetId, read.CustomerId));
        Assert.Equal(TicketStatus.Registered, read.Status);
        Assert.Matches(TicketNumber(), read.Number);
        Assert.Equal(created, read);
    }

    [Fact]
    public async Task A_component_with_its_own_warranty_decides_the_category()
    {
        var asset = await Data.NewAssetAsync(DemoIds.StationHangzhou, Coverage.InWarranty);

        var pump = await Client.CreateTicketAsync(Intake(asset.SerialNumber, "PUMP"));

        Assert.Equal(ServiceCategory.Free, pump.Category);
        Assert.Equal("PUMP", pump.ComponentCode);
    }

    [Fact]
    public async Task An_unknown_serial_is_a_field_violation_and_stores_nothing()
    {
        var unknown = Unique.Name("NO-SUCH-SERIAL");

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateTicketAsync(Intake(unknown)).ResponseAsync);

        Problems.AssertFieldViolations(error, "serial_number");
        Assert.Equal(0, await Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync(t => t.SerialNumber == unknown)));
    }

    [Fact]
    public async Task An_unknown_component_is_reported_on_our_own_field()
    {
        var asset = await Data.NewAssetAsync(DemoIds.StationHangzhou);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateTicketAsync(Intake(asset.SerialNumber, "NOPE")).ResponseAsync);

        Problems.AssertFieldViolations(error, "component_code");
    }

    [Fact]
    public async Task Concurrent_intakes_get_distinct_ticket_numbers()
    {
        var asset = await Data.NewAssetAsync(DemoIds.StationHangzhou, Coverage.OutOfWarranty);

        var created = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => Client.CreateTicketAsync(Intake(asset.SerialNumber)).ResponseAsync));

        Assert.Equal(20, created.Select(t => t.Number).Distinct().Count());
        Assert.All(created, t => Assert.Equal(ServiceCategory.Paid, t.Category));
    }

    [Fact]
    public async Task ListTickets_pages_newest_first_without_gaps_or_repeats()
    {
        // A station of its own sees exactly the tickets the test opens.
        var station = await Data.NewStationAsync();
        var asset = await Data.NewAssetAsync(station, Coverage.OutOfWarranty);
        var tickets = new TicketService.TicketServiceClient(Suite.Tickets.ChannelAs(station.Caller));
        for (var i = 0; i < 5; i++)
        {
            await tickets.CreateTicketAsync(Intake(asset.SerialNumber));
        }

        var seen = await Paging.ReadAsync(
            token => tickets.ListTicketsAsync(new ListTicketsRequest { PageSize = 2, PageToken = token }).ResponseAsync,
            page => page.Tickets, page => page.NextPageToken);

        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Select(t => t.TicketId).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(t => t.ReceivedAt.ToDateTimeOffset()).ThenByDescending(t => t.Number, StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Json_callers_create_and_read_tickets()
    {
        var asset = await Data.NewAssetAsync(DemoIds.StationHangzhou, Coverage.InWarranty);

        var response = await Suite.Tickets.Http.PostAsJsonAsync("/api/tickets/v1/tickets", new
        {
            serialNumber = asset.SerialNumber,
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
        var response = await Suite.Tickets.Http.PostAsJsonAsync("/api/tickets/v1/tickets", new { serialNumber = Unique.Name("SN") });

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
        var station = await Data.NewStationAsync(technicians: 2);
        var stations = new StationService.StationServiceClient(Suite.Tickets.Channel);

        var all = await stations.ListStationsAsync(new ListStationsRequest());
        var technicians = await stations.ListTechniciansAsync(new ListTechniciansRequest { StationId = station.Id.ToString() });
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            stations.ListTechniciansAsync(new ListTechniciansRequest { StationId = Guid.NewGuid().ToString() }).ResponseAsync);

        Assert.Contains(all.Stations, s => s.StationId == station.Id.ToString() && s.Code == station.Code);
        Assert.Contains(all.Stations, s => s.StationId == DemoIds.StationHangzhou.ToString());
        Assert.Equal(2, technicians.Technicians.Count);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [GeneratedRegex(@"^T\d{8}-[A-Z0-9-]+-\d{4,}$")]
    private static partial Regex TicketNumber();
}
