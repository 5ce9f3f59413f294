using AfterSales.Customers.V1;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using AfterSales.Tickets.Infrastructure;
using AfterSales.Tickets.Services;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Tickets.Model;

namespace AfterSales.Tickets.Grpc;

/// <summary>Batch visits of projects: their cadence set by the dispatcher, their waiting jobs listed and sent out together.</summary>
public sealed class BatchVisitGrpcService(
    TicketsDbContext db,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<TicketsDbContext> requests,
    IEventOutbox outbox,
    SlaClocks sla,
    ProjectService.ProjectServiceClient projects)
    : BatchVisitService.BatchVisitServiceBase
{
    private const int MaxVisits = 100;

    [Access(StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<V1.VisitSchedule> SetVisitSchedule(SetVisitScheduleRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireId("project_id", request.ProjectId, out var projectId);
        violations.RequireChoice("cadence", request.Cadence, "cadence must be TWICE_WEEKLY, WEEKLY, FORTNIGHTLY, MONTHLY, PERSON_ON_SITE or PHONE_ONLY.");
        var firstVisitOn = request.FirstVisitOn?.ToDateOnly();
        if (firstVisitOn is null || firstVisitOn < Today)
        {
            violations.Add("first_visit_on", "first_visit_on is required, a whole date from today on.");
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            // Asked on the caller's behalf: another station's project is as missing as one that does not exist.
            Project project;
            try
            {
                project = await projects.GetProjectAsync(new GetProjectRequest { ProjectId = request.ProjectId }, cancellationToken: context.CancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                throw new NotFoundException("Project", request.ProjectId);
            }
            var schedule = await db.VisitSchedules.SingleOrDefaultAsync(v => v.ProjectId == projectId, context.CancellationToken);
            if (schedule is null)
            {
                schedule = new Model.VisitSchedule(projectId, project.Code, Guid.Parse(project.ServingStationId));
                db.VisitSchedules.Add(schedule);
            }
            schedule.Set((Model.VisitCadence)request.Cadence, firstVisitOn!.Value, caller.Subject, calendar.Now);
            return schedule.ToProto(Today);
        });
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListBatchVisitsResponse> ListBatchVisits(ListBatchVisitsRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("station_id", request.StationId, out var stationId).ThrowIfAny();
        if (!caller.MaySee(stationId))
        {
            throw new NotFoundException("Station", request.StationId);
        }
        var waiting = await db.Tickets.AsNoTracking()
            .Where(t => t.StationId == stationId && t.Status == Model.TicketStatus.Registered && t.BatchVisitOn != null)
            .OrderBy(t => t.BatchVisitOn).ThenBy(t => t.CreatedAt)
            .ToListAsync(context.CancellationToken);
        var visits = waiting.GroupBy(t => (ProjectId: t.ProjectId!.Value, VisitOn: t.BatchVisitOn!.Value)).Take(MaxVisits).ToList();
        var projectIds = visits.Select(v => v.Key.ProjectId).Distinct().ToList();
        var codes = await db.VisitSchedules.AsNoTracking().Where(v => projectIds.Contains(v.ProjectId))
            .ToDictionaryAsync(v => v.ProjectId, v => v.ProjectCode, context.CancellationToken);
        return new ListBatchVisitsResponse
        {
            Visits =
            {
                visits.Select(v => new BatchVisit
                {
                    ProjectId = v.Key.ProjectId.ToString(),
                    ProjectCode = codes.GetValueOrDefault(v.Key.ProjectId, ""),
                    VisitOn = v.Key.VisitOn.ToProtoDate(),
                    Tickets = { v.Select(t => t.ToProto()) },
                }),
            },
        };
    }

    [Access(StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<DispatchBatchVisitResponse> DispatchBatchVisit(DispatchBatchVisitRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("project_id", request.ProjectId, out var projectId)
            .RequireId("technician_id", request.TechnicianId, out var technicianId);
        var visitOn = request.VisitOn?.ToDateOnly();
        if (visitOn is null || visitOn > Today)
        {
            violations.Add("visit_on", "visit_on is required, a whole date no later than today: a visit's jobs go out on its day.");
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var schedule = await db.VisitSchedules.AsNoTracking().SingleOrDefaultAsync(v => v.ProjectId == projectId, context.CancellationToken);
            if (schedule is null || !caller.MaySee(schedule.StationId))
            {
                throw new NotFoundException("Project visit schedule", request.ProjectId);
            }
            var technician = await db.Technicians.AsNoTracking()
                .SingleOrDefaultAsync(t => t.Id == technicianId && t.StationId == schedule.StationId, context.CancellationToken)
                ?? throw ValidationException.ForField("technician_id", "technician_id names no technician of the project's station.");
            var jobs = await db.Tickets
                .Where(t => t.ProjectId == projectId && t.BatchVisitOn == visitOn && t.Status == Model.TicketStatus.Registered)
                .OrderBy(t => t.CreatedAt).ToListAsync(context.CancellationToken);
            if (jobs.Count == 0)
            {
                throw new PreconditionFailedException($"No job of {schedule.ProjectCode} waits for the visit of {visitOn:yyyy-MM-dd}.");
            }
            var now = calendar.Now;
            foreach (var ticket in jobs)
            {
                // Each dispatched as DispatchTicket would: its clocks follow, and the move and the dispatch are published.
                var moves = ticket.StatusChanges.Count;
                ticket.Dispatch(technician, current: null, reason: null, caller.Subject, now);
                await sla.FollowAsync(ticket, moves, context.CancellationToken);
                outbox.Enqueue(ticket.ToDispatchedEvent(null));
                foreach (var move in ticket.StatusChanges.Skip(moves))
                {
                    outbox.Enqueue(ticket.ToStatusChangedEvent(move));
                }
            }
            return new DispatchBatchVisitResponse { Tickets = { jobs.Select(t => t.ToProto()) } };
        });
    }

    private DateOnly Today => calendar.DateOf(calendar.Now);
}
