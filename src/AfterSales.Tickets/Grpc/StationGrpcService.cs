using AfterSales.Platform.Errors;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using AfterSales.Tickets.Infrastructure;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tickets.Grpc;

public sealed class StationGrpcService(TicketsDbContext db, Caller caller, IdempotentRequests<TicketsDbContext> requests) : StationService.StationServiceBase
{
    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListStationsResponse> ListStations(ListStationsRequest request, ServerCallContext context)
    {
        var stations = await db.Stations.AsNoTracking().VisibleTo(caller, s => s.Id).OrderBy(s => s.Code).ToListAsync(context.CancellationToken);
        return new ListStationsResponse { Stations = { stations.Select(s => s.ToProto()) } };
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListTechniciansResponse> ListTechnicians(ListTechniciansRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("station_id", request.StationId, out var stationId).ThrowIfAny();
        if (!caller.MaySee(stationId) || !await db.Stations.AnyAsync(s => s.Id == stationId, context.CancellationToken))
        {
            throw new NotFoundException("Station", request.StationId);
        }
        var technicians = await db.Technicians.AsNoTracking()
            .Where(t => t.StationId == stationId)
            .OrderBy(t => t.Name)
            .ToListAsync(context.CancellationToken);
        return new ListTechniciansResponse { Technicians = { technicians.Select(t => t.ToProto()) } };
    }

    /// <summary>Staff work: an account's holder then acts as the technician on their assigned tickets.</summary>
    [Access(StaffRoles.Manager, StaffRoles.Admin)]
    public override Task<Technician> LinkTechnicianAccount(LinkTechnicianAccountRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("technician_id", request.TechnicianId, out var technicianId)
            .OptionalId("user_id", request.UserId, out var userId)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var technician = await db.Technicians.SingleOrDefaultAsync(t => t.Id == technicianId, context.CancellationToken)
                ?? throw new NotFoundException("Technician", request.TechnicianId);
            if (userId is { } user && await db.Technicians.AnyAsync(t => t.UserId == user && t.Id != technicianId, context.CancellationToken))
            {
                throw new AlreadyExistsException("That account is linked to another technician already.");
            }
            technician.LinkAccount(userId);
            return technician.ToProto();
        });
    }
}
