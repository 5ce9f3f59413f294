using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.V1;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Grpc.Core;

namespace AfterSales.FunctionalTests.Platform;

/// <summary>Every change a service saves is in its audit trail: who, by which call, what; managers read it.</summary>
public class AuditTrailTests(Suite suite) : SuiteTest(suite)
{
    private const string CreateTicketPath = "/aftersales.tickets.v1.TicketService/CreateTicket";

    private AuditService.AuditServiceClient AuditAs(Func<Task<string>> caller) => new(Suite.Tickets.ChannelAs(caller));

    private AuditService.AuditServiceClient Manager => AuditAs(() => Suite.Callers.StaffAsync("manager"));

    /// <summary>Opens a ticket on a new asset of the station, as <paramref name="caller"/> (the station itself unless named).</summary>
    private async Task<Ticket> OpenAsync(TestStation station, Func<Task<string>>? caller = null)
    {
        var asset = await Data.NewAssetAsync(station, Coverage.OutOfWarranty);
        return await new TicketService.TicketServiceClient(Suite.Tickets.ChannelAs(caller ?? station.Caller))
            .CreateTicketAsync(Requests.Intake(asset.SerialNumber));
    }

    [Fact]
    public async Task A_created_ticket_is_recorded_as_added_by_its_caller_through_the_call_that_made_it()
    {
        var station = await Data.NewStationAsync();
        var ticket = await OpenAsync(station);

        var trail = await Manager.ListAuditEntriesAsync(new ListAuditEntriesRequest { Service = ResourceNames.Tickets, EntityId = ticket.TicketId });

        var entry = Assert.Single(trail.Entries);
        Assert.Equal(("Ticket", ticket.TicketId, "ADDED"), (entry.EntityType, entry.EntityId, entry.Change));
        Assert.Equal(station.ClientId, entry.Actor);
        Assert.Equal(station.Id.ToString(), entry.ActorStationId);
        Assert.Equal(CreateTicketPath, entry.Operation);
        var values = JsonDocument.Parse(entry.ValuesJson).RootElement;
        Assert.Equal(ticket.Number, values.GetProperty("Number").GetString());
        Assert.Empty(trail.NextPageToken);
    }

    [Fact]
    public async Task Staff_are_recorded_by_their_subject_and_without_a_station()
    {
        var ticket = await OpenAsync(await Data.NewStationAsync(), Suite.Callers.Staff("reception"));

        var trail = await Manager.ListAuditEntriesAsync(new ListAuditEntriesRequest { Service = ResourceNames.Tickets, EntityId = ticket.TicketId });

        var entry = Assert.Single(trail.Entries);
        // Staff tokens name the user by id, so the trail survives a change of user name.
        Assert.Equal("1d000000-0000-4000-8000-000000000001", entry.Actor);
        Assert.Empty(entry.ActorStationId);
    }

    [Fact]
    public async Task The_trail_pages_newest_first_without_gaps_or_repeats()
    {
        var station = await Data.NewStationAsync();
        var ticketIds = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ticketIds.Add((await OpenAsync(station)).TicketId);
        }

        // Newest first, so the test's own entries are on the first pages, whatever other tests add meanwhile.
        Task<List<AuditEntry>> ReadAsync(int pageSize) => Paging.ReadAsync(async token =>
        {
            var page = await Manager.ListAuditEntriesAsync(new ListAuditEntriesRequest { Service = ResourceNames.Tickets, PageSize = pageSize, PageToken = token });
            Assert.InRange(page.Entries.Count, 1, pageSize);
            return page;
        }, page => page.Entries, page => page.NextPageToken, enough: read => ticketIds.All(id => read.Any(e => e.EntityId == id)));
        var paged = await ReadAsync(pageSize: 2);
        var whole = await ReadAsync(pageSize: 100);

        Assert.Equal(paged.Count, paged.Select(e => e.EntryId).Distinct().Count());
        Assert.Equal(paged.OrderByDescending(e => e.At.ToDateTimeOffset()), paged);
        // The tickets were opened one after another, so their entries come in reverse, on pages as in one read.
        var own = paged.Where(e => ticketIds.Contains(e.EntityId)).ToList();
        Assert.Equal(ticketIds.AsEnumerable().Reverse(), own.Select(e => e.EntityId));
        Assert.Equal(whole.Where(e => ticketIds.Contains(e.EntityId)).Select(e => e.EntryId), own.Select(e => e.EntryId));
    }

    [Fact]
    public async Task A_request_for_another_service_s_trail_is_a_field_violation_on_service()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Manager.ListAuditEntriesAsync(new ListAuditEntriesRequest { Service = ResourceNames.Billing }).ResponseAsync);

        Problems.AssertFieldViolations(error, "service");
    }

    [Fact]
    public async Task A_malformed_page_token_is_a_field_violation_on_page_token()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Manager.ListAuditEntriesAsync(new ListAuditEntriesRequest { Service = ResourceNames.Tickets, PageToken = "bm90LWEtZ3VpZA" }).ResponseAsync);

        Problems.AssertFieldViolations(error, "page_token");
    }

    [Theory]
    [InlineData("dispatcher")]
    [InlineData("finance")]
    [InlineData("technician")]
    public async Task Staff_other_than_managers_and_administrators_may_not_read_the_trail(string userName)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            AuditAs(() => Suite.Callers.StaffAsync(userName)).ListAuditEntriesAsync(new ListAuditEntriesRequest { Service = ResourceNames.Tickets }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task A_station_may_not_read_the_trail()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            AuditAs(() => Suite.Callers.StationAsync("station-hangzhou")).ListAuditEntriesAsync(new ListAuditEntriesRequest { Service = ResourceNames.Tickets }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Json_callers_read_an_object_s_trail()
    {
        var station = await Data.NewStationAsync();
        var ticket = await OpenAsync(station);
        using var manager = Suite.Tickets.HttpAs(() => Suite.Callers.StaffAsync("manager"));

        var trail = await manager.GetFromJsonAsync<JsonElement>($"/api/tickets/v1/audit-entries?entityId={ticket.TicketId}");

        var entry = Assert.Single(trail.GetProperty("entries").EnumerateArray());
        Assert.Equal("Ticket", entry.GetProperty("entityType").GetString());
        Assert.Equal("ADDED", entry.GetProperty("change").GetString());
        Assert.Equal(station.ClientId, entry.GetProperty("actor").GetString());
        Assert.Equal(CreateTicketPath, entry.GetProperty("operation").GetString());
    }

    [Fact]
    public async Task Json_callers_without_the_role_get_a_403_problem()
    {
        using var dispatcher = Suite.Tickets.HttpAs(() => Suite.Callers.StaffAsync("dispatcher"));

        var response = await dispatcher.GetAsync("/api/tickets/v1/audit-entries");

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
    }
}
