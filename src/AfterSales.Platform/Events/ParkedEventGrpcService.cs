using AfterSales.Platform.Data;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Security;
using AfterSales.Platform.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Platform.Events;

/// <summary>Shows and replays the events this service parked: the company's administrators only.</summary>
internal sealed class ParkedEventGrpcService(DbContext db, OwnService own, BusinessCalendar calendar)
    : ParkedEventService.ParkedEventServiceBase
{
    [Access(StaffRoles.Admin)]
    public override async Task<ListParkedEventsResponse> ListParkedEvents(ListParkedEventsRequest request, ServerCallContext context)
    {
        own.Require(request.Service);
        var parked = await db.Set<ParkedEvent>().AsNoTracking().OrderBy(p => p.ParkedAt).Take(500).ToListAsync(context.CancellationToken);
        return new ListParkedEventsResponse
        {
            Events =
            {
                parked.Select(p => new V1.ParkedEvent
                {
                    EventId = p.EventId.ToString(),
                    Type = p.Type,
                    Error = p.Error,
                    Deliveries = p.Deliveries,
                    ParkedAt = Timestamp.FromDateTimeOffset(p.ParkedAt),
                }),
            },
        };
    }

    [Access(StaffRoles.Admin)]
    public override async Task<ReplayParkedEventResponse> ReplayParkedEvent(ReplayParkedEventRequest request, ServerCallContext context)
    {
        own.Require(request.Service);
        new FieldViolations().RequireId("event_id", request.EventId, out var eventId).ThrowIfAny();
        var parked = await db.Set<ParkedEvent>().SingleOrDefaultAsync(p => p.EventId == eventId, context.CancellationToken)
            ?? throw new NotFoundException("Parked event", request.EventId);

        // Back on its stream as a new entry, through the outbox in the same transaction that unparks it, so
        // the call answers whether or not Redis does: every consumer group sees it again, and those that
        // processed it already skip it by its event id. Replayed before, it is sent again.
        var outbox = await db.Set<OutboxMessage>().FindAsync([eventId], context.CancellationToken);
        if (outbox is null)
        {
            db.Add(new OutboxMessage(parked.EventId, parked.Type, parked.Payload, parked.TraceParent, calendar.Now));
        }
        else
        {
            outbox.MarkUnpublished();
        }
        db.Remove(parked);
        await db.SaveChangesAsync(context.CancellationToken);
        return new ReplayParkedEventResponse();
    }
}
