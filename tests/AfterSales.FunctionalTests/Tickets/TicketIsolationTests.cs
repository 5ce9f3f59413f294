using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
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
    private const string Hangzhou = "station-hangzhou";
    private const string Ningbo = "station-ningbo";

    private TicketService.TicketServiceClient Admin => new(Suite.Tickets.Channel);

    private TicketService.TicketServiceClient Station(string clientId) =>
        new(Suite.Tickets.ChannelAs(() => Suite.Callers.StationAsync(clientId)));

    private TicketService.TicketServiceClient Staff(string userName) =>
        new(Suite.Tickets.ChannelAs(() => Suite.Callers.StaffAsync(userName)));

    private StationService.StationServiceClient StationsAs(Func<Task<string>> caller) => new(Suite.Tickets.ChannelAs(caller));

    private static CreateTicketRequest Intake(string serial) => new()
    {
        SerialNumber = serial,
        Channel = IntakeChannel.PartnerApi,
        ContactName = "周海",
        ContactPhone = "0574-8688-4004",
        FaultDescription = "曳引机异响",
    };

    [Fact]
    public async Task A_station_cannot_open_a_ticket_on_another_station_s_asset_and_learns_no_more_than_for_an_unknown_serial()
    {
        var hangzhou = Station(Hangzhou);

        var hidden = await Assert.ThrowsAsync<RpcException>(() => hangzhou.CreateTicketAsync(Intake(DemoIds.SerialNingbo)).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => hangzhou.CreateTicketAsync(Intake("NO-SUCH-SERIAL")).ResponseAsync);

        Problems.AssertFieldViolations(hidden, "serial_number");
        Problems.AssertFieldViolations(unknown, "serial_number");
        Assert.Equal(unknown.Status.Detail, hidden.Status.Detail);
        Assert.Equal(unknown.GetRpcStatus()!.GetDetail<BadRequest>(), hidden.GetRpcStatus()!.GetDetail<BadRequest>());
        Assert.Equal(0, await Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync()));
    }

    [Fact]
    public async Task A_station_opens_tickets_for_the_customers_it_serves()
    {
        var ticket = await Station(Ningbo).CreateTicketAsync(Intake(DemoIds.SerialNingbo));

        Assert.Equal(DemoIds.StationNingbo.ToString(), ticket.StationId);
        Assert.Equal(DemoIds.SerialNingbo, ticket.SerialNumber);
    }

    [Fact]
    public async Task Another_station_s_ticket_is_not_found_with_the_same_error_as_a_missing_one()
    {
        var ningbos = await Station(Ningbo).CreateTicketAsync(Intake(DemoIds.SerialNingbo));
        var missingId = Guid.NewGuid().ToString();
        var hangzhou = Station(Hangzhou);

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.GetTicketAsync(new GetTicketRequest { TicketId = ningbos.TicketId }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.GetTicketAsync(new GetTicketRequest { TicketId = missingId }).ResponseAsync);
        var own = await Station(Ningbo).GetTicketAsync(new GetTicketRequest { TicketId = ningbos.TicketId });

        Problems.AssertSameAsMissing(hidden, ningbos.TicketId, missing, missingId);
        Assert.Equal(ningbos, own);
    }

    [Fact]
    public async Task Each_station_and_its_staff_list_only_its_tickets_while_internal_staff_list_all()
    {
        var hangzhou1 = await Station(Hangzhou).CreateTicketAsync(Intake(DemoIds.SerialInWarranty));
        var hangzhou2 = await Admin.CreateTicketAsync(Intake(DemoIds.SerialOutOfWarranty));
        var ningbo = await Station(Ningbo).CreateTicketAsync(Intake(DemoIds.SerialNingbo));

        var byHangzhou = await Station(Hangzhou).ListTicketsAsync(new ListTicketsRequest { PageSize = 100 });
        var byNingbo = await Station(Ningbo).ListTicketsAsync(new ListTicketsRequest { PageSize = 100 });
        var byTechnician = await Staff("technician").ListTicketsAsync(new ListTicketsRequest { PageSize = 100 });
        var byDispatcher = await Staff("dispatcher").ListTicketsAsync(new ListTicketsRequest { PageSize = 100 });

        Assert.Equal([hangzhou1.TicketId, hangzhou2.TicketId], byHangzhou.Tickets.Select(t => t.TicketId).Order());
        Assert.Equal([ningbo.TicketId], byNingbo.Tickets.Select(t => t.TicketId));
        Assert.Equal([hangzhou1.TicketId, hangzhou2.TicketId], byTechnician.Tickets.Select(t => t.TicketId).Order());
        Assert.Equal(new[] { hangzhou1.TicketId, hangzhou2.TicketId, ningbo.TicketId }.Order(), byDispatcher.Tickets.Select(t => t.TicketId).Order());
    }

    [Theory]
    [InlineData(Hangzhou)]
    [InlineData(Ningbo)]
    public async Task A_station_sees_only_itself_among_the_stations(string clientId)
    {
        var stations = await StationsAs(() => Suite.Callers.StationAsync(clientId)).ListStationsAsync(new ListStationsRequest());

        var expected = clientId == Hangzhou ? DemoIds.StationHangzhou : DemoIds.StationNingbo;
        Assert.Equal([expected.ToString()], stations.Stations.Select(s => s.StationId));
    }

    [Fact]
    public async Task Internal_staff_see_every_station()
    {
        var stations = await StationsAs(() => Suite.Callers.StaffAsync("dispatcher")).ListStationsAsync(new ListStationsRequest());

        Assert.Equal(new[] { DemoIds.StationHangzhou.ToString(), DemoIds.StationNingbo.ToString() }.Order(),
            stations.Stations.Select(s => s.StationId).Order());
    }

    [Fact]
    public async Task Another_station_s_technicians_are_not_found_with_the_same_error_as_a_missing_station()
    {
        var hangzhou = StationsAs(() => Suite.Callers.StationAsync(Hangzhou));
        var ningboId = DemoIds.StationNingbo.ToString();
        var missingId = Guid.NewGuid().ToString();

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.ListTechniciansAsync(new ListTechniciansRequest { StationId = ningboId }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.ListTechniciansAsync(new ListTechniciansRequest { StationId = missingId }).ResponseAsync);
        var own = await hangzhou.ListTechniciansAsync(new ListTechniciansRequest { StationId = DemoIds.StationHangzhou.ToString() });

        Problems.AssertSameAsMissing(hidden, ningboId, missing, missingId);
        Assert.Equal(3, own.Technicians.Count);
    }

    [Theory]
    [InlineData("finance")]
    [InlineData("qa")]
    [InlineData("technician")]
    public async Task Staff_whose_role_takes_no_intake_may_not_open_tickets(string userName)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Staff(userName).CreateTicketAsync(Intake(DemoIds.SerialInWarranty)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(0, await Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync()));
    }

    [Theory]
    [InlineData("reception")]
    [InlineData("dispatcher")]
    [InlineData("manager")]
    public async Task Staff_who_take_intake_open_tickets_for_any_station(string userName)
    {
        var ticket = await Staff(userName).CreateTicketAsync(Intake(DemoIds.SerialNingbo));

        Assert.Equal(DemoIds.StationNingbo.ToString(), ticket.StationId);
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated_and_opens_nothing()
    {
        using var channel = GrpcChannel.ForAddress(Suite.Tickets.GrpcAddress);
        var anonymous = new TicketService.TicketServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => anonymous.CreateTicketAsync(Intake(DemoIds.SerialInWarranty)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(0, await Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync()));
    }
}
