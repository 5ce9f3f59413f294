using System.Globalization;
using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.Inventory.Grpc;

/// <summary>Old parts from the work records to the month's run back to the company; a station works its own.</summary>
public sealed class OldPartGrpcService(
    InventoryDbContext db,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<InventoryDbContext> requests,
    IEventOutbox outbox)
    : OldPartService.OldPartServiceBase
{
    /// <summary>The most postage one run may cost, in yuan.</summary>
    private const decimal MaxPostage = 100_000m;

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListOldPartsResponse> ListOldParts(ListOldPartsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .OptionalId("technician_id", request.TechnicianId, out var technicianId)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.OptionalChoice("status", request.Status, "status must be PENDING, RETURNED, WRITTEN_OFF or SHIPPED.");
        violations.ThrowIfAny();
        var after = PageToken.DecodeId(request.PageToken);
        var status = request.Status == OldPartStatus.Unspecified ? Model.OldPartStatus.Pending : (Model.OldPartStatus)request.Status;
        var query = db.OldParts.AsNoTracking().VisibleTo(caller, o => o.StationId).Where(o => o.Status == status);
        if (technicianId is { } technician)
        {
            query = query.Where(o => o.TechnicianId == technician);
        }
        if (after is { } last)
        {
            query = query.Where(o => o.Id.CompareTo(last) > 0);
        }
        var size = PageToken.SizeOrDefault(request.PageSize);
        var page = await query.OrderBy(o => o.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new ListOldPartsResponse { OldParts = { page.Take(size).Select(o => o.ToProto()) } };
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(page[size - 1].Id.ToString());
        }
        return response;
    }

    [Access(StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<OldPart> ReturnOldPart(OldPartRequest request, ServerCallContext context) =>
        ActAsync(request, context, (oldPart, _) =>
        {
            oldPart.Return(caller.Subject, calendar.Now);
            return Task.CompletedTask;
        });

    [Access(StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin, Stations = true)]
    public override Task<OldPart> WriteOffOldPart(OldPartRequest request, ServerCallContext context) =>
        ActAsync(request, context, async (oldPart, cancellationToken) =>
        {
            var signed = await db.SignedTickets.AsNoTracking().SingleOrDefaultAsync(s => s.TicketId == oldPart.TicketId, cancellationToken);
            var price = await db.Parts.Where(p => p.Id == oldPart.PartId).Select(p => p.UnitPrice).SingleAsync(cancellationToken);
            oldPart.WriteOff(signed, price, caller.Subject, calendar.Now);
            outbox.Enqueue(oldPart.ToWrittenOffEvent());
        });

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<OldPartShipment> ShipOldParts(ShipOldPartsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .OptionalId("station_id", request.StationId, out var named)
            .RequireText("carrier", request.Carrier, Model.OldPartShipment.MaxTextLength)
            .RequireText("tracking_number", request.TrackingNumber, Model.OldPartShipment.MaxTextLength)
            .RequireAmount("postage", request.Postage, MaxPostage, out var postage);
        if (!DateOnly.TryParseExact(request.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            || month > calendar.DateOf(calendar.Now))
        {
            violations.Add("month", "month is the run's month, \"yyyy-MM\", not in the future.");
        }
        if (caller.StationId is { } own && named is { } other && other != own)
        {
            violations.Add("station_id", "A station ships its own old parts.");
        }
        else if (caller.StationId is null && named is null)
        {
            violations.Add("station_id", "station_id is required.");
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var station = caller.StationId ?? named!.Value;
            if (await db.OldPartShipments.AnyAsync(s => s.StationId == station && s.Month == request.Month, context.CancellationToken))
            {
                throw new AlreadyExistsException($"The old-part run of {request.Month} was shipped already.");
            }
            var due = await db.OldParts.Where(o => o.StationId == station && o.Status == Model.OldPartStatus.WrittenOff).ToListAsync(context.CancellationToken);
            if (due.Count == 0)
            {
                throw new PreconditionFailedException("No written-off old part waits to be shipped.");
            }
            var shipment = new Model.OldPartShipment(Guid.CreateVersion7(), station, request.Month, request.Carrier.Trim(), request.TrackingNumber.Trim(),
                postage, due.Count, caller.Subject, calendar.Now);
            due.ForEach(o => o.Ship(shipment.Id));
            db.OldPartShipments.Add(shipment);
            return shipment.ToProto();
        });
    }

    /// <summary>Acts on one old part as the caller may see it, saved once per request id.</summary>
    private Task<OldPart> ActAsync(OldPartRequest request, ServerCallContext context, Func<Model.OldPart, CancellationToken, Task> act)
    {
        new FieldViolations().RequireId("old_part_id", request.OldPartId, out var id).ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var oldPart = caller.Visible(await db.OldParts.SingleOrDefaultAsync(o => o.Id == id, context.CancellationToken),
                o => o.StationId, "Old part", request.OldPartId);
            await act(oldPart, context.CancellationToken);
            return oldPart.ToProto();
        });
    }
}
