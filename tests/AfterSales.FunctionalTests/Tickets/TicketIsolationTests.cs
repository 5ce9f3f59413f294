using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Tickets.V1;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Tickets;

/// <summary>
/// A station opens and sees the tickets of the customers it serves, and only its own station; staff
/// without a station see everything; roles that take no intake open no tickets.
/// </summary>
public class TicketIsolationTests(Suite suite) : SuiteTest(suite)
{
    private TicketService.TicketServiceClient TicketsAs(Func<Task<string>> caller) => new(Suite.Tickets.ChannelAs(caller));

    private StationService.StationServiceClient StationsAs(Func<Task<string>> caller) => new(Suite.Tickets.ChannelAs(caller));

    private Task<int> TicketsOnAsync(string serialNumber) => Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync(t => t.SerialNumber == serialNumber));

    [Fact]
    public async Task A_station_cannot_open_a_ticket_on_another_station_s_asset_and_learns_no_more_than_for_an_unknown_serial()
    {
        var theirs = await Data.NewAssetAsync(await Data.NewStationAsync());
        var mine = TicketsAs((await Data.NewStationAsync()).Caller);

        var hidden = await Assert.ThrowsAsync<RpcException>(() => mine.CreateTicketAsync(Requests.Intake(theirs.SerialNumber)).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => mine.CreateTicketAsync(Requests.Intake("NO-SUCH-SERIAL")).ResponseAsync);

        Problems.AssertFieldViolations(hidden, "serial_number");
        Problems.AssertFieldViolations(unknown, "serial_number");
        Assert.Equal(unknown.Status.Detail, hidden.Status.Detail.Replace(theirs.SerialNumber, "NO-SUCH-SERIAL", StringComparison.Ordinal));
        Assert.Equal(unknown.GetRpcStatus()!.GetDetail<BadRequest>().ToString(),
            hidden.GetRpcStatus()!.GetDetail<BadRequest>().ToString().Replace(theirs.SerialNumber, "NO-SUCH-SERIAL", StringComparison.Ordinal));
        Assert.Equal(0, await TicketsOnAsync(theirs.SerialNumber));
    }

    [Fact]
    public async Task A_station_opens_tickets_for_the_customers_it_serves()
    {
        var station = await Data.NewStationAsync();
        var asset = await Data.NewAssetAsync(station);

        var ticket = await TicketsAs(station.Caller).CreateTicketAsync(Requests.Intake(asset.SerialNumber));

        Assert.Equal(station.Id.ToString(), ticket.StationId);
        Assert.Equal(asset.SerialNumber, ticket.SerialNumber);
    }

    [Fact]
    public async Task Another_station_s_ticket_is_not_found_with_the_same_error_as_a_missing_one()
    {
        var station = await Data.NewStationAsync();
        var theirs = await TicketsAs(station.Caller).CreateTicketAsync(Requests.Intake((await Data.NewAssetAsync(station)).SerialNumber));
        var missingId = Guid.NewGuid().ToString();
        var mine = TicketsAs((await Data.NewStationAsync()).Caller);

        var hidden = await Assert.ThrowsAsync<RpcException>(() => mine.GetTicketAsync(new GetTicketRequest { TicketId = theirs.TicketId }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() => mine.GetTicketAsync(new GetTicketRequest { TicketId = missingId }).ResponseAsync);
        var own = await TicketsAs(station.Caller).GetTicketAsync(new GetTicketRequest { TicketId = theirs.TicketId });

        Problems.AssertSameAsMissing(hidden, theirs.TicketId, missing, missingId);
        Assert.Equal(theirs, own);
    }

    [Fact]
    public async Task Each_station_and_its_staff_list_only_its_tickets_while_internal_staff_list_all()
    {
        var one = await Data.NewStationAsync();
        var another = await Data.NewStationAsync();
        var oneTechnician = await Data.NewStaffAsync("technician", one.Id);
        var one1 = await TicketsAs(one.Caller).CreateTicketAsync(Requests.Intake((await Data.NewAssetAsync(one)).SerialNumber));
        var one2 = await TicketsAs(Suite.Callers.Staff("dispatcher"))
            .CreateTicketAsync(Requests.Intake((await Data.NewAssetAsync(one, Coverage.OutOfWarranty)).SerialNumber));
        var another1 = await TicketsAs(another.Caller).CreateTicketAsync(Requests.Intake((await Data.NewAssetAsync(another)).SerialNumber));

        var byOne = await TicketsAs(one.Caller).ListTicketsAsync(new ListTicketsRequest { PageSize = 100 });
        var byAnother = await TicketsAs(another.Caller).ListTicketsAsync(new ListTicketsRequest { PageSize = 100 });
        var byTechnician = await TicketsAs(oneTechnician.Caller).ListTicketsAsync(new ListTicketsRequest { PageSize = 100 });
        var byDispatcher = await Paging.ReadAsync(
            token => TicketsAs(Suite.Callers.Staff("dispatcher")).ListTicketsAsync(new ListTicketsRequest { PageSize = 100, PageToken = token }).ResponseAsync,
            page => page.Tickets, page => page.NextPageToken,
            enough: read => new[] { one1, one2, another1 }.All(t => read.Any(r => r.TicketId == t.TicketId)));

        Assert.Equal(new[] { one1.TicketId, one2.TicketId }.Order(), byOne.Tickets.Select(t => t.TicketId).Order());
        Assert.Equal([another1.TicketId], byAnother.Tickets.Select(t => t.TicketId));
        Assert.Equal(new[] { one1.TicketId, one2.TicketId }.Order(), byTechnician.Tickets.Select(t => t.TicketId).Order());
        Assert.Subset(byDispatcher.Select(t => t.TicketId).ToHashSet(), new[] { one1.TicketId, one2.TicketId, another1.TicketId }.ToHashSet());
    }

    [Fact]
    public async Task A_station_sees_only_itself_among_the_stations()
    {
        var station = await Data.NewStationAsync();
        await Data.NewStationAsync();

        var stations = await StationsAs(station.Caller).ListStationsAsync(new ListStationsRequest());

        Assert.Equal([station.Id.ToString()], stations.Stations.Select(s => s.StationId));
    }

    [Fact]
    public async Task Internal_staff_see_every_station()
    {
        var one = await Data.NewStationAsync();
        var another = await Data.NewStationAsync();

        var stations = await StationsAs(Suite.Callers.Staff("dispatcher")).ListStationsAsync(new ListStationsRequest());

        Assert.Subset(stations.Stations.Select(s => s.StationId).ToHashSet(), new[] { one.Id.ToString(), another.Id.ToString() }.ToHashSet());
        Assert.Equal(stations.Stations.Select(s => s.Code).Order(StringComparer.Ordinal), stations.Stations.Select(s => s.Code));
    }

    [Fact]
    public async Task Another_station_s_technicians_are_not_found_with_the_same_error_as_a_missing_station()
    {
        var station = await Data.NewStationAsync(technicians: 3);
        var theirs = (await Data.NewStationAsync(technicians: 1)).Id.ToString();
        var mine = StationsAs(station.Caller);
        var missingId = Guid.NewGuid().ToString();

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            mine.ListTechniciansAsync(new ListTechniciansRequest { StationId = theirs }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            mine.ListTechniciansAsync(new ListTechniciansRequest { StationId = missingId }).ResponseAsync);
        var own = await mine.ListTechniciansAsync(new ListTechniciansRequest { StationId = station.Id.ToString() });

        Problems.AssertSameAsMissing(hidden, theirs, missing, missingId);
        Assert.Equal(3, own.Technicians.Count);
    }

    [Theory]
    [InlineData("finance")]
    [InlineData("qa")]
    [InlineData("technician")]
    public async Task Staff_whose_role_takes_no_intake_may_not_open_tickets(string userName)
    {
        var asset = await Data.NewAssetAsync(await Data.NewStationAsync());

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            TicketsAs(Suite.Callers.Staff(userName)).CreateTicketAsync(Requests.Intake(asset.SerialNumber)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(0, await TicketsOnAsync(asset.SerialNumber));
    }

    [Theory]
    [InlineData("reception")]
    [InlineData("dispatcher")]
    [InlineData("manager")]
    public async Task Staff_who_take_intake_open_tickets_for_any_station(string userName)
    {
        var station = await Data.NewStationAsync();
        var asset = await Data.NewAssetAsync(station);

        var ticket = await TicketsAs(Suite.Callers.Staff(userName)).CreateTicketAsync(Requests.Intake(asset.SerialNumber));

        Assert.Equal(station.Id.ToString(), ticket.StationId);
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated_and_opens_nothing()
    {
        var asset = await Data.NewAssetAsync(await Data.NewStationAsync());
        using var channel = GrpcChannel.ForAddress(Suite.Tickets.GrpcAddress);
        var anonymous = new TicketService.TicketServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => anonymous.CreateTicketAsync(Requests.Intake(asset.SerialNumber)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(0, await TicketsOnAsync(asset.SerialNumber));
    }
}
