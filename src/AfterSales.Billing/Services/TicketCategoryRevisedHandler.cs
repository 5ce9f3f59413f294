using AfterSales.Billing.Infrastructure;
using AfterSales.Billing.Model;
using AfterSales.Events.V1;
using AfterSales.Platform.Events;

namespace AfterSales.Billing.Services;

/// <summary>Charges a ticket by its revised category (e.g. misuse found on site turns free work into paid).</summary>
internal sealed class TicketCategoryRevisedHandler(BillingDbContext db) : IEventHandler<TicketCategoryRevised>
{
    public async Task HandleAsync(TicketCategoryRevised integrationEvent, CancellationToken cancellationToken)
    {
        var account = await db.TicketAccounts.FindAsync([Guid.Parse(integrationEvent.TicketId)], cancellationToken)
            // Delivered before the ticket's TicketOpened was handled: fail, so the event is retried after it.
            ?? throw new InvalidOperationException($"No account of ticket {integrationEvent.TicketId} yet.");
        account.ReviseCategory((ServiceCategory)integrationEvent.Category, integrationEvent.RevisedAt.ToDateTimeOffset());
    }
}
