using AfterSales.Platform.Errors;
using AfterSales.Tickets.V1;
using Grpc.Core;

namespace AfterSales.Inventory.Services;

/// <summary>
/// A ticket that parts are drawn or a loaner lent for, read from the tickets service on the caller's behalf: another
/// station's ticket is as missing as one that does not exist, and a closed or cancelled one takes nothing more.
/// </summary>
public sealed class OpenTickets(TicketService.TicketServiceClient tickets)
{
    public async Task<Ticket> GetAsync(string ticketId, string what, CancellationToken cancellationToken)
    {
        Ticket ticket;
        try
        {
            ticket = await tickets.GetTicketAsync(new GetTicketRequest { TicketId = ticketId }, cancellationToken: cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw new NotFoundException("Ticket", ticketId);
        }
        if (ticket.Status is TicketStatus.Closed or TicketStatus.Cancelled)
        {
            throw new PreconditionFailedException($"Ticket {ticket.Number} is {ticket.Status.ToString().ToUpperInvariant()}: no {what} for it.");
        }
        return ticket;
    }
}
