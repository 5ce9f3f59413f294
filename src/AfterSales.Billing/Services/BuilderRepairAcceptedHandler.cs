using AfterSales.Billing.Infrastructure;
using AfterSales.Billing.Model;
using AfterSales.Events.V1;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;

namespace AfterSales.Billing.Services;

/// <summary>
/// Books the cost of a repair the company took over from the original builder, as allocated at acceptance:
/// what to deduct from the builder's retention money and what the owner pays. A builder's own repair costs nothing.
/// </summary>
internal sealed class BuilderRepairAcceptedHandler(BillingDbContext db) : IEventHandler<BuilderRepairAccepted>
{
    public async Task HandleAsync(BuilderRepairAccepted integrationEvent, CancellationToken cancellationToken)
    {
        if (!integrationEvent.TakenOver)
        {
            return;
        }
        var ticketId = Guid.Parse(integrationEvent.TicketId);
        // The inbox already makes redelivery harmless; a replayed event under a new id must not either.
        if (await db.BuilderCharges.FindAsync([ticketId], cancellationToken) is not null)
        {
            return;
        }
        db.BuilderCharges.Add(new BuilderCharge(
            ticketId,
            integrationEvent.Number,
            Guid.Parse(integrationEvent.StationId),
            Guid.TryParse(integrationEvent.CustomerId, out var customer) ? customer : null,
            integrationEvent.Builder,
            integrationEvent.ContractReference,
            integrationEvent.Allocation,
            integrationEvent.TotalCost.ToDecimal(),
            integrationEvent.BuilderCharge.ToDecimal(),
            integrationEvent.AcceptedAt.ToDateTimeOffset()));
    }
}
