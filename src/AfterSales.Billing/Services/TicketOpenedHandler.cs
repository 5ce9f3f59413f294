using AfterSales.Billing.Infrastructure;
using AfterSales.Billing.Model;
using AfterSales.Events.V1;
using AfterSales.Platform.Events;

namespace AfterSales.Billing.Services;

/// <summary>Opens billing's account for every customer's ticket opened at intake; internal jobs (category D) bill nobody.</summary>
internal sealed class TicketOpenedHandler(BillingDbContext db) : IEventHandler<TicketOpened>
{
    public async Task HandleAsync(TicketOpened integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.Category == Common.V1.ServiceCategory.Internal)
        {
            return;
        }
        var ticketId = Guid.Parse(integrationEvent.TicketId);
        // The inbox already makes redelivery harmless; a replayed event under a new id must not either.
        if (await db.TicketAccounts.FindAsync([ticketId], cancellationToken) is not null)
        {
            return;
        }
        db.TicketAccounts.Add(new TicketAccount(
            ticketId,
            integrationEvent.Number,
            Guid.Parse(integrationEvent.StationId),
            Guid.Parse(integrationEvent.CustomerId),
            (ServiceCategory)integrationEvent.Category,
            integrationEvent.ReceivedAt.ToDateTimeOffset()));
    }
}
