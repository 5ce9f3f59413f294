using AfterSales.Platform.Errors;
using AfterSales.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Tickets.Model;

namespace AfterSales.Tickets.Grpc;

internal static class TicketLookup
{
    /// <summary>The ticket a request names, if the caller may see it; another station's answers as a missing one.</summary>
    public static async Task<Model.Ticket> FindVisibleAsync(this IQueryable<Model.Ticket> tickets, Caller caller, string ticketId,
        CancellationToken cancellationToken)
    {
        new FieldViolations().RequireId("ticket_id", ticketId, out var id).ThrowIfAny();
        return caller.Visible(await tickets.SingleOrDefaultAsync(t => t.Id == id, cancellationToken), t => t.StationId, "Ticket", ticketId);
    }

    /// <summary>Fails unless the station a request names exists and the caller may see it; another station's answers as a missing one.</summary>
    public static async Task RequireVisibleAsync(this IQueryable<Model.Station> stations, Caller caller, Guid stationId, string requestedId,
        CancellationToken cancellationToken)
    {
        if (!caller.MaySee(stationId) || !await stations.AnyAsync(s => s.Id == stationId, cancellationToken))
        {
            throw new NotFoundException("Station", requestedId);
        }
    }
}
