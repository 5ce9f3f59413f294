using AfterSales.Common.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform.Events;
using AfterSales.Tickets.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Inventory;

/// <summary>
/// Old parts from a real repair: the work record's kept part is booked pending return by its technician (from
/// the tickets service's event), handed in, and as a warranty part written off only once the old part is back
/// and the customer signed the report; the month's run ships it with its postage, once.
/// </summary>
public class OldPartTests(Suite suite) : SuiteTest(suite)
{
    [Fact]
    public async Task A_warranty_part_is_written_off_only_against_the_returned_old_part_and_the_signed_report_then_shipped_once()
    {
        var station = await Data.NewStationAsync(technicians: 1);
        var technician = await Suite.Tickets.WithDbAsync(db => db.Technicians.Where(t => t.StationId == station.Id).Select(t => t.Id).SingleAsync());
        var asset = await Data.NewAssetAsync(station);
        var tickets = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var oldParts = new OldPartService.OldPartServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var ticket = await tickets.CreateTicketAsync(Requests.Intake(asset.SerialNumber));
        await tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = ticket.TicketId, TechnicianId = technician.ToString() });
        await tickets.AgreeAppointmentAsync(new AgreeAppointmentRequest
        {
            TicketId = ticket.TicketId, StartsAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)),
            EndsAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(3)),
        });
        await tickets.StartTravelAsync(new StartTravelRequest { TicketId = ticket.TicketId });
        await tickets.ArriveOnSiteAsync(new ArriveOnSiteRequest { TicketId = ticket.TicketId });
        await tickets.RecordWorkAsync(new RecordWorkRequest
        {
            TicketId = ticket.TicketId, Place = WorkPlace.OnSite, WorkDone = "更换层门滚轮",
            Parts = { new PartUsed { PartNumber = "P-EL-1003", Quantity = 2, OldPartKept = true }, new PartUsed { PartNumber = "P-EL-1002", Quantity = 1 } },
            Labour = { new LabourHours { TechnicianId = technician.ToString(), Hours = 1.5 } },
            RequestId = Guid.NewGuid().ToString(),
        });
        var pending = new ListOldPartsRequest { TechnicianId = technician.ToString() };

        var oldPart = await Eventually.ValueAsync(async () => (await oldParts.ListOldPartsAsync(pending)).OldParts.SingleOrDefault());
        OldPartRequest Act() => new() { OldPartId = oldPart.OldPartId, RequestId = Guid.NewGuid().ToString() };
        var notBack = await Assert.ThrowsAsync<RpcException>(() => oldParts.WriteOffOldPartAsync(Act()).ResponseAsync);
        var other = await Data.NewStationAsync();
        var othersReturn = await Assert.ThrowsAsync<RpcException>(() =>
            new OldPartService.OldPartServiceClient(Suite.Gateway.ChannelAs(other.Caller)).ReturnOldPartAsync(Act()).ResponseAsync);
        var returned = await oldParts.ReturnOldPartAsync(Act());
        var notSigned = await Assert.ThrowsAsync<RpcException>(() => oldParts.WriteOffOldPartAsync(Act()).ResponseAsync);
        await tickets.CompleteVisitAsync(new CompleteVisitRequest { TicketId = ticket.TicketId, Result = VisitResult.Completed });
        await tickets.SignOffAsync(new SignOffRequest { TicketId = ticket.TicketId, SignedBy = "王建国" });
        var ticketId = Guid.Parse(ticket.TicketId);
        await Eventually.TrueAsync(() => Suite.Inventory.WithDbAsync(db => db.SignedTickets.AnyAsync(s => s.TicketId == ticketId)));
        var writtenOff = await oldParts.WriteOffOldPartAsync(Act());
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var run = new ShipOldPartsRequest
        {
            Month = month, Carrier = "顺丰速运", TrackingNumber = Unique.Name("SF"), Postage = new Money { CurrencyCode = "CNY", Units = 12, Nanos = 500_000_000 },
            RequestId = Guid.NewGuid().ToString(),
        };
        var shipped = await oldParts.ShipOldPartsAsync(run);
        run.RequestId = Guid.NewGuid().ToString();
        var again = await Assert.ThrowsAsync<RpcException>(() => oldParts.ShipOldPartsAsync(run).ResponseAsync);
        var events = await Suite.Inventory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == "aftersales.events.v1.PartsWrittenOff").Select(m => m.Payload).ToListAsync());

        Assert.Equal(("P-EL-1003", 2, true, OldPartStatus.Pending, ticket.Number), (oldPart.PartNumber, oldPart.Quantity, oldPart.Warranty, oldPart.Status, oldPart.TicketNumber));
        Assert.Equal(StatusCode.FailedPrecondition, notBack.StatusCode);
        Assert.Contains("not back", notBack.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, othersReturn.StatusCode);
        Assert.Equal(OldPartStatus.Returned, returned.Status);
        Assert.Equal(StatusCode.FailedPrecondition, notSigned.StatusCode);
        Assert.Contains("not signed", notSigned.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(OldPartStatus.WrittenOff, writtenOff.Status);
        Assert.Equal((1, 12L, 500_000_000), (shipped.Parts, shipped.Postage.Units, shipped.Postage.Nanos));
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        var published = Assert.Single(events.Select(p => AfterSales.Events.V1.PartsWrittenOff.Parser.ParseFrom(p)), e => e.OldPartId == oldPart.OldPartId);
        Assert.Equal(("P-EL-1003", 2, 45L), (published.PartNumber, published.Quantity, published.UnitPrice.Units));
        Assert.Empty((await oldParts.ListOldPartsAsync(pending)).OldParts);
        Assert.Equal(OldPartStatus.Shipped, (await oldParts.ListOldPartsAsync(new ListOldPartsRequest { Status = OldPartStatus.Shipped })).OldParts.Single().Status);
    }
}
