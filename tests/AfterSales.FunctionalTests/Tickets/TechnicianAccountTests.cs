using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Tickets.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Tickets;

/// <summary>
/// A technician's own account, linked to their technician record by staff: signed in with it, the technician works
/// the tickets assigned to them and is refused another's, which the station's desk still moves.
/// </summary>
public class TechnicianAccountTests(Suite suite) : SuiteTest(suite)
{
    private static string NewId() => Guid.NewGuid().ToString();

    [Fact]
    public async Task A_linked_technician_moves_the_tickets_assigned_to_them_and_no_other()
    {
        var station = await Data.NewStationAsync(technicians: 2);
        var technicians = await Suite.Tickets.WithDbAsync(db => db.Technicians.Where(t => t.StationId == station.Id).OrderBy(t => t.Name).Select(t => t.Id).ToListAsync());
        var (mine, theirs) = (technicians[0], technicians[1]);
        var account = await Data.NewStaffAsync("technician", station.Id);
        var stations = new StationService.StationServiceClient(Suite.Gateway.ChannelAs(Suite.Callers.Staff("manager")));
        var desk = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var asTechnician = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(account.Caller));
        var asset = await Data.NewAssetAsync(station);
        async Task<Ticket> DispatchedToAsync(Guid technician)
        {
            var ticket = await desk.CreateTicketAsync(Requests.Intake(asset.SerialNumber));
            await desk.DispatchTicketAsync(new DispatchTicketRequest { TicketId = ticket.TicketId, TechnicianId = technician.ToString() });
            return await desk.AgreeAppointmentAsync(new AgreeAppointmentRequest
            {
                TicketId = ticket.TicketId, StartsAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)),
                EndsAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(3)),
            });
        }

        var byStation = await Assert.ThrowsAsync<RpcException>(() => new StationService.StationServiceClient(Suite.Gateway.ChannelAs(station.Caller))
            .LinkTechnicianAccountAsync(new LinkTechnicianAccountRequest { TechnicianId = mine.ToString(), UserId = account.Id.ToString(), RequestId = NewId() }).ResponseAsync);
        var linked = await stations.LinkTechnicianAccountAsync(new LinkTechnicianAccountRequest { TechnicianId = mine.ToString(), UserId = account.Id.ToString(), RequestId = NewId() });
        var twice = await Assert.ThrowsAsync<RpcException>(() => stations.LinkTechnicianAccountAsync(
            new LinkTechnicianAccountRequest { TechnicianId = theirs.ToString(), UserId = account.Id.ToString(), RequestId = NewId() }).ResponseAsync);
        var othersTicket = await DispatchedToAsync(theirs);
        var ownTicket = await DispatchedToAsync(mine);
        var refused = await Assert.ThrowsAsync<RpcException>(() => asTechnician.StartTravelAsync(new StartTravelRequest { TicketId = othersTicket.TicketId }).ResponseAsync);
        var travelling = await asTechnician.StartTravelAsync(new StartTravelRequest { TicketId = ownTicket.TicketId });
        var byDesk = await desk.StartTravelAsync(new StartTravelRequest { TicketId = othersTicket.TicketId });

        Assert.Equal(StatusCode.PermissionDenied, byStation.StatusCode);
        Assert.Equal(account.Id.ToString(), linked.UserId);
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains(othersTicket.Number, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(TicketStatus.OnTheWay, travelling.Status);
        Assert.Equal(TicketStatus.OnTheWay, byDesk.Status);
    }
}
