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
using Microsoft.Extensions.Options;

namespace AfterSales.Tickets.Grpc;

public sealed class TicketGrpcService(
    TicketsDbContext db,
    EntitlementClient entitlements,
    IdempotentRequests<TicketsDbContext> requests,
    IEventOutbox outbox,
    Caller caller,
    BusinessCalendar calendar,
    IOptions<IntakeOptions> intake) : TicketService.TicketServiceBase
{
    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> CreateTicket(CreateTicketRequest request, ServerCallContext context) =>
        requests.SaveOnceAsync(request, context, async () =>
        {
            var now = calendar.Now;
            var report = request.ToIntakeReport(new Model.IntakeClock(now, caller.IsInternalStaff, intake.Value.LateRegistrationWindow));
            var entitlement = await entitlements.CheckAsync(report, context.CancellationToken);
            if (!caller.MaySee(entitlement.StationId))
            {
                // Another station's customer: answer exactly as for an unknown serial number.
                throw EntitlementClient.UnknownSerialNumber();
            }

            var station = await db.Stations.AsNoTracking().SingleOrDefaultAsync(s => s.Id == entitlement.StationId, context.CancellationToken)
                ?? throw new PreconditionFailedException("The customer's serving station is not registered in the service network.");
            var registeredOn = calendar.DateOf(now);
            var sequence = await db.NextTicketNumberAsync(station.Id, registeredOn, context.CancellationToken);
            var ticket = Model.Ticket.Open(Guid.CreateVersion7(), Model.Ticket.FormatNumber(registeredOn, station.Code, sequence), report, entitlement, now);
            db.Tickets.Add(ticket);
            outbox.Enqueue(ticket.ToOpenedEvent());
            return ticket.ToProto();
        });

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<Ticket> GetTicket(GetTicketRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("ticket_id", request.TicketId, out var id).ThrowIfAny();
        var ticket = await db.Tickets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, context.CancellationToken);
        return caller.Visible(ticket, t => t.StationId, "Ticket", request.TicketId).ToProto();
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListTicketsResponse> ListTickets(ListTicketsRequest request, ServerCallContext context)
    {
        new FieldViolations().PageSize("page_size", request.PageSize, PageToken.MaxPageSize).ThrowIfAny();
        var size = PageToken.SizeOrDefault(request.PageSize);

        var query = db.Tickets.AsNoTracking().VisibleTo(caller, t => t.StationId)
            .OrderByDescending(t => t.ReceivedAt).ThenByDescending(t => t.Number).AsQueryable();
        if (PageToken.DecodeInstant(request.PageToken) is var (receivedAt, number))
        {
            query = query.Where(t => t.ReceivedAt < receivedAt || (t.ReceivedAt == receivedAt && string.Compare(t.Number, number) < 0));
        }
        var page = await query.Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListTicketsResponse { Tickets = { page.Take(size).Select(t => t.ToProto()) } };
        if (page.Count > size)
        {
            var last = page[size - 1];
            response.NextPageToken = PageToken.EncodeInstant(last.ReceivedAt, last.Number);
        }
        return response;
    }
}
