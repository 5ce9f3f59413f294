using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Peers;
using AfterSales.Platform.Security;
using AfterSales.Tickets.Infrastructure;
using AfterSales.Tickets.Services;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Tickets.Grpc;

/// <summary>
/// The ticket's API: intake and reads here, the moves of its life in TicketGrpcService.Lifecycle.cs. Every
/// mutation is saved once per request_id, audited by the platform and published through the outbox.
/// </summary>
public sealed partial class TicketGrpcService(
    TicketsDbContext db,
    EntitlementClient entitlements,
    IdempotentRequests<TicketsDbContext> requests,
    IEventOutbox outbox,
    Caller caller,
    BusinessCalendar calendar,
    SlaClocks sla,
    TicketReferenceData referenceData,
    PartsCatalogue parts,
    ArchivedDocuments attachments,
    IOptions<IntakeOptions> intake) : TicketService.TicketServiceBase
{
    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> CreateTicket(CreateTicketRequest request, ServerCallContext context) =>
        requests.SaveOnceAsync(request, context, async () =>
        {
            var now = calendar.Now;
            var faultTypes = (await referenceData.GetAsync(context.CancellationToken)).FaultTypes;
            var report = request.ToIntakeReport(new Model.IntakeClock(now, caller.IsInternalStaff, intake.Value.LateRegistrationWindow), faultTypes);
            Model.IntakeEntitlement entitlement;
            if (report.InternalJobStationId is { } internalJobStation)
            {
                entitlement = Model.IntakeEntitlement.InternalJob(internalJobStation);
            }
            else
            {
                entitlement = await entitlements.CheckAsync(report, context.CancellationToken);
                if (!caller.MaySee(entitlement.StationId))
                {
                    // Another station's customer: answer exactly as for an unknown serial number.
                    throw EntitlementClient.UnknownSerialNumber();
                }
            }

            var station = await db.Stations.AsNoTracking().SingleOrDefaultAsync(s => s.Id == entitlement.StationId, context.CancellationToken);
            if (station is null)
            {
                throw report.IsInternalJob
                    ? ValidationException.ForField("station_id", "station_id names no station of the service network.")
                    : new PreconditionFailedException("The customer's serving station is not registered in the service network.");
            }
            var registeredOn = calendar.DateOf(now);
            var sequence = await db.NextTicketNumberAsync(station.Id, registeredOn, context.CancellationToken);
            var ticket = Model.Ticket.Open(Guid.CreateVersion7(), Model.Ticket.FormatNumber(registeredOn, station.Code, sequence), report, entitlement,
                caller.Subject, now);
            db.Tickets.Add(ticket);
            if (entitlement.ProjectId is { } projectId
                && await db.VisitSchedules.AsNoTracking().SingleOrDefaultAsync(v => v.ProjectId == projectId, context.CancellationToken) is { } visits
                && visits.NextVisitOn(registeredOn) is { } visitOn)
            {
                ticket.QueueForBatchVisit(visitOn);
            }
            await sla.StartAsync(ticket, context.CancellationToken);
            outbox.Enqueue(ticket.ToOpenedEvent());
            return ticket.ToProto();
        });

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<Ticket> GetTicket(GetTicketRequest request, ServerCallContext context)
    {
        return (await FindAsync(request.TicketId, tracked: false, context.CancellationToken)).ToProto();
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListTicketsResponse> ListTickets(ListTicketsRequest request, ServerCallContext context)
    {
        var filter = request.ToFilter();
        var size = PageToken.SizeOrDefault(request.PageSize);
        var tickets = filter.Apply(db.Tickets.AsNoTracking().VisibleTo(caller, t => t.StationId));

        List<Model.Ticket> page;
        if (filter.MostUrgentFirst)
        {
            var query = tickets.OrderBy(t => t.NextDueAt).ThenBy(t => t.Number).AsQueryable();
            if (PageToken.DecodeInstant(request.PageToken) is var (dueAt, number))
            {
                query = query.Where(t => t.NextDueAt > dueAt || (t.NextDueAt == dueAt && string.Compare(t.Number, number) > 0));
            }
            page = await query.Take(size + 1).ToListAsync(context.CancellationToken);
        }
        else
        {
            var query = tickets.OrderByDescending(t => t.ReceivedAt).ThenByDescending(t => t.Number).AsQueryable();
            if (PageToken.DecodeInstant(request.PageToken) is var (receivedAt, number))
            {
                query = query.Where(t => t.ReceivedAt < receivedAt || (t.ReceivedAt == receivedAt && string.Compare(t.Number, number) < 0));
            }
            page = await query.Take(size + 1).ToListAsync(context.CancellationToken);
        }

        var response = new ListTicketsResponse { Tickets = { page.Take(size).Select(t => t.ToProto()) } };
        if (page.Count > size)
        {
            var last = page[size - 1];
            response.NextPageToken = PageToken.EncodeInstant(filter.MostUrgentFirst ? last.NextDueAt!.Value : last.ReceivedAt, last.Number);
        }
        return response;
    }

    [Access(StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override async Task<GetDispatchQueueResponse> GetDispatchQueue(GetDispatchQueueRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("station_id", request.StationId, out var stationId)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize)
            .ThrowIfAny();
        await db.Stations.RequireVisibleAsync(caller, stationId, request.StationId, context.CancellationToken);
        // Anything registered before the start of today (the company's day) was not dispatched on its day:
        // it heads the queue (§1 十七), then today's; each part the most urgent first, then the oldest. Two
        // queries, each in the order of the index on (station, status, priority descending, registration).
        // A job waiting for its project's batch visit joins the queue on the visit's day.
        var today = calendar.DateOf(calendar.Now);
        var startOfToday = calendar.StartOf(today);
        var size = PageToken.SizeOrDefault(request.PageSize);
        var waiting = db.Tickets.AsNoTracking().Where(t => t.StationId == stationId && t.Status == Model.TicketStatus.Registered
            && (t.BatchVisitOn == null || t.BatchVisitOn <= today));
        var queued = await waiting.Where(t => t.CreatedAt < startOfToday)
            .OrderByDescending(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Take(size).ToListAsync(context.CancellationToken);
        if (queued.Count < size)
        {
            queued.AddRange(await waiting.Where(t => t.CreatedAt >= startOfToday)
                .OrderByDescending(t => t.Priority).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id)
                .Take(size - queued.Count).ToListAsync(context.CancellationToken));
        }
        return new GetDispatchQueueResponse
        {
            Tickets = { queued.Select(t => new QueuedTicket { Ticket = t.ToProto(), CarriedOver = t.CreatedAt < startOfToday }) },
        };
    }

    [Access(StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override async Task<SuggestTechniciansResponse> SuggestTechnicians(SuggestTechniciansRequest request, ServerCallContext context)
    {
        var ticket = await FindAsync(request.TicketId, tracked: false, context.CancellationToken);
        var technicians = await db.Technicians.AsNoTracking().Where(t => t.StationId == ticket.StationId && t.RetiredAt == null)
            .ToListAsync(context.CancellationToken);
        var faultType = await db.FaultTypes.AsNoTracking().SingleOrDefaultAsync(f => f.Code == ticket.FaultType, context.CancellationToken);
        var open = Model.TicketLifecycle.Open.ToList();
        // By the station's technicians, not the station: the index on (technician, status) reads just their open
        // tickets, where the station's would read all its open tickets, assigned or not.
        var ids = technicians.Select(t => (Guid?)t.Id).ToList();
        var load = await db.Tickets.AsNoTracking()
            .Where(t => t.TechnicianId != null && ids.Contains(t.TechnicianId) && open.Contains(t.Status))
            .GroupBy(t => t.TechnicianId!.Value)
            .Select(g => new { TechnicianId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.TechnicianId, g => g.Count, context.CancellationToken);

        var ranked = Model.TechnicianFitness.Rank(technicians, faultType, ticket.Region, load);
        return new SuggestTechniciansResponse
        {
            Suggestions =
            {
                ranked.Select(f => new TechnicianSuggestion
                {
                    Technician = f.Technician.ToProto(),
                    Score = f.Score,
                    HasSkill = f.HasSkill,
                    Certified = f.Certified,
                    InRegion = f.InRegion,
                    OpenTickets = f.OpenTickets,
                }),
            },
        };
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<TicketHistory> GetTicketHistory(GetTicketHistoryRequest request, ServerCallContext context)
    {
        var ticket = await FindAsync(request.TicketId, tracked: false, context.CancellationToken);
        var changes = await db.TicketStatusChanges.AsNoTracking().Where(c => c.TicketId == ticket.Id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .ToListAsync(context.CancellationToken);
        var assignments = await db.TicketAssignments.AsNoTracking().Where(a => a.TicketId == ticket.Id).OrderBy(a => a.AssignedAt)
            .ToListAsync(context.CancellationToken);
        var records = await db.WorkRecords.AsNoTracking().Where(r => r.TicketId == ticket.Id).OrderBy(r => r.RecordedAt)
            .ToListAsync(context.CancellationToken);
        var loans = await db.TicketLoans.AsNoTracking().Where(l => l.TicketId == ticket.Id).OrderBy(l => l.LentAt)
            .ToListAsync(context.CancellationToken);
        return new TicketHistory
        {
            StatusChanges = { changes.Select(c => c.ToProto()) },
            Assignments = { assignments.Select(a => a.ToProto()) },
            WorkRecords = { records.Select(r => r.ToProto()) },
            Loans = { loans.Select(l => l.ToProto()) },
        };
    }

    [Access(StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override async Task<ListEscalationsResponse> ListEscalations(ListEscalationsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize)
            .OptionalId("station_id", request.StationId, out var stationId);
        violations.RequireChoice("level", request.Level, "level must be TECHNICIAN, STATION_DISPATCHER, SERVICE_MANAGER or GENERAL_MANAGER.");
        violations.ThrowIfAny();
        long? after = PageToken.Decode(request.PageToken) is { } key
            ? long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
                ? sequence
                : throw ValidationException.ForField("page_token", "page_token was not issued by this list.")
            : null;
        var size = PageToken.SizeOrDefault(request.PageSize);

        var level = (Model.EscalationLevel)request.Level;
        var query = db.Escalations.AsNoTracking().VisibleTo(caller, e => e.StationId).Where(e => e.Level == level);
        if (stationId is { } station)
        {
            query = query.Where(e => e.StationId == station);
        }
        if (after is { } last)
        {
            query = query.Where(e => e.Sequence > last);
        }
        var page = await query.OrderBy(e => e.Sequence).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new ListEscalationsResponse { Escalations = { page.Take(size).Select(e => e.ToProto()) } };
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(page[size - 1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return response;
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListFaultTypesResponse> ListFaultTypes(ListFaultTypesRequest request, ServerCallContext context)
    {
        var faultTypes = await db.FaultTypes.AsNoTracking().OrderBy(f => f.Code).ToListAsync(context.CancellationToken);
        return new ListFaultTypesResponse { FaultTypes = { faultTypes.Select(f => f.ToProto()) } };
    }

    /// <summary>The ticket, if the caller may see it; another station's answers as a missing one.</summary>
    private Task<Model.Ticket> FindAsync(string ticketId, bool tracked, CancellationToken cancellationToken) =>
        (tracked ? db.Tickets : db.Tickets.AsNoTracking()).FindVisibleAsync(caller, ticketId, cancellationToken);
}
