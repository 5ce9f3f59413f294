using AfterSales.Events.V1;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Tickets.Infrastructure;
using AfterSales.Tickets.Model;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tickets.Services;

/// <summary>Keeps the loaner lent for a ticket with the ticket, as inventory lent it.</summary>
internal sealed class LoanerLentHandler(TicketsDbContext db) : IEventHandler<LoanerLent>
{
    public async Task HandleAsync(LoanerLent integrationEvent, CancellationToken cancellationToken)
    {
        var (ticketId, loanerId, lentAt) = (Guid.Parse(integrationEvent.TicketId), Guid.Parse(integrationEvent.LoanerId), integrationEvent.LentAt.ToDateTimeOffset());
        // The inbox already makes redelivery harmless; a replayed event under a new id must not either.
        if (await db.TicketLoans.AnyAsync(l => l.LoanerId == loanerId && l.LentAt == lentAt, cancellationToken))
        {
            return;
        }
        db.TicketLoans.Add(new TicketLoan(ticketId, loanerId, integrationEvent.Code, integrationEvent.Model, integrationEvent.SerialNumber,
            integrationEvent.DueBackOn.ToDateOnly() ?? throw new InvalidOperationException("A loan without its due day."), lentAt));
    }
}

/// <summary>Marks the ticket's loaner back in the warehouse.</summary>
internal sealed class LoanerReturnedHandler(TicketsDbContext db) : IEventHandler<LoanerReturned>
{
    public async Task HandleAsync(LoanerReturned integrationEvent, CancellationToken cancellationToken)
    {
        var (ticketId, loanerId, returnedAt) = (Guid.Parse(integrationEvent.TicketId), Guid.Parse(integrationEvent.LoanerId), integrationEvent.ReturnedAt.ToDateTimeOffset());
        var loan = await db.TicketLoans
            .Where(l => l.TicketId == ticketId && l.LoanerId == loanerId && l.LentAt <= returnedAt)
            .OrderByDescending(l => l.LentAt).FirstOrDefaultAsync(cancellationToken)
            // Each event travels on its own stream: the return can overtake the loan. Fail, so it is retried after it.
            ?? throw new InvalidOperationException($"No loan of loaner {integrationEvent.Code} for ticket {integrationEvent.TicketId} yet.");
        if (loan.ReturnedAt is null)
        {
            loan.Returned(returnedAt);
        }
    }
}
