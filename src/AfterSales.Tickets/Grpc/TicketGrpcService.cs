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

namespace AfterSales.Tickets.Grpc;

public sealed class TicketGrpcService(
    TicketsDbContext db,
    EntitlementClient entitlements,
    IdempotentRequests<TicketsDbContext> requests,
    IEventOutbox outbox,
    Caller caller,
    BusinessCalendar calendar) : TicketService.TicketServiceBase
{
    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> CreateTicket(CreateTicketRequest request, ServerCallContext context) =>
        requests.SaveOnceAsync(request, context, async () =>
        {
            var report = request.ToIntakeReport(calendar.Now);
            var entitlement = await entitlements.CheckAsync(report, context.CancellationToken);
            if (!caller.MaySee(entitlement.StationId))
            {
                // Another station's customer: answer exactly as for an unknown serial number.
                throw EntitlementClient.UnknownSerialNumber();
            }

            var sequence = await db.NextTicketSequenceAsync(context.CancellationToken);
            var number = Model.Ticket.FormatNumber(calendar.DateOf(report.ReceivedAt), sequence);
            var ticket = Model.Ticket.Open(Guid.CreateVersion7(), number, report, entitlement, calendar.Now);
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
