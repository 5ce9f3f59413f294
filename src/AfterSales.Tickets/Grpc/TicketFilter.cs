using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Tickets.V1;
using Model = AfterSales.Tickets.Model;

namespace AfterSales.Tickets.Grpc;

/// <summary>The filters of a ticket list, checked; each one given narrows the list.</summary>
internal sealed record TicketFilter(
    Guid? StationId,
    IReadOnlyList<Model.TicketStatus> Statuses,
    Guid? TechnicianId,
    Model.ServiceCategory? Category,
    Model.Priority? Priority,
    Guid? CustomerId,
    DateTimeOffset? ReceivedFrom,
    DateTimeOffset? ReceivedBefore,
    DateTimeOffset? DueBefore,
    bool Breached,
    bool MostUrgentFirst)
{
    public const int MaxStatuses = 16;

    public IQueryable<Model.Ticket> Apply(IQueryable<Model.Ticket> tickets)
    {
        if (DueBefore is { } due)
        {
            tickets = tickets.Where(t => t.NextDueAt < due);
        }
        if (Breached)
        {
            tickets = tickets.Where(t => t.BreachedAt != null);
        }
        if (MostUrgentFirst)
        {
            tickets = tickets.Where(t => t.NextDueAt != null);
        }
        if (StationId is { } station)
        {
            tickets = tickets.Where(t => t.StationId == station);
        }
        if (Statuses.Count > 0)
        {
            var statuses = Statuses.ToList();
            tickets = tickets.Where(t => statuses.Contains(t.Status));
        }
        if (TechnicianId is { } technician)
        {
            tickets = tickets.Where(t => t.TechnicianId == technician);
        }
        if (Category is { } category)
        {
            tickets = tickets.Where(t => t.Category == category);
        }
        if (Priority is { } priority)
        {
            tickets = tickets.Where(t => t.Priority == priority);
        }
        if (CustomerId is { } customer)
        {
            tickets = tickets.Where(t => t.CustomerId == customer);
        }
        if (ReceivedFrom is { } from)
        {
            tickets = tickets.Where(t => t.ReceivedAt >= from);
        }
        if (ReceivedBefore is { } before)
        {
            tickets = tickets.Where(t => t.ReceivedAt < before);
        }
        return tickets;
    }
}

internal static class TicketFilterMappings
{
    public static TicketFilter ToFilter(this ListTicketsRequest request)
    {
        var violations = new FieldViolations()
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize)
            .OptionalId("station_id", request.StationId, out var station)
            .OptionalId("technician_id", request.TechnicianId, out var technician)
            .OptionalId("customer_id", request.CustomerId, out var customer);
        if (request.Statuses.Count > TicketFilter.MaxStatuses)
        {
            violations.Add("statuses", $"statuses may name at most {TicketFilter.MaxStatuses} statuses.");
        }
        else if (request.Statuses.Any(s => s == TicketStatus.Unspecified || !Enum.IsDefined(s)))
        {
            violations.Add("statuses", "statuses must name ticket statuses.");
        }
        violations.OptionalChoice("category", request.Category, "category must be PAID, CONTRACT, FREE or INTERNAL.");
        violations.OptionalChoice("priority", request.Priority, "priority must be NORMAL, URGENT or EMERGENCY.");
        violations.OptionalChoice("order", request.Order, "order must be NEWEST or MOST_URGENT.");
        var from = request.ReceivedFrom?.ToDateTimeOffset();
        var before = request.ReceivedBefore?.ToDateTimeOffset();
        if (from is not null && before is not null && before <= from)
        {
            violations.Add("received_before", "received_before must be later than received_from.");
        }
        violations.ThrowIfAny();

        return new TicketFilter(
            station,
            [.. request.Statuses.Distinct().Select(s => (Model.TicketStatus)s)],
            technician,
            request.Category == Common.V1.ServiceCategory.Unspecified ? null : (Model.ServiceCategory)request.Category,
            request.Priority == Priority.Unspecified ? null : (Model.Priority)request.Priority,
            customer,
            from,
            before,
            request.DueBefore?.ToDateTimeOffset(),
            request.Breached,
            request.Order == TicketOrder.MostUrgent);
    }
}
