using AfterSales.Billing.Infrastructure;
using AfterSales.Billing.Model;
using AfterSales.Events.V1;
using AfterSales.Platform;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Billing.Services;

/// <summary>
/// Keeps the fee schedule's part prices at the inventory catalogue's: sets the price of the part's item, or
/// adds an item for a part the schedule does not have yet. A change older than the price the item carries is
/// dropped, so redelivery and out-of-order delivery leave the newest price.
/// </summary>
internal sealed class PartPriceChangedHandler(BillingDbContext db) : IEventHandler<PartPriceChanged>
{
    public async Task HandleAsync(PartPriceChanged integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.NewPrice is not { CurrencyCode: "CNY" } newPrice || integrationEvent.ChangedAt is null)
        {
            throw new InvalidDataException($"The price change of part {integrationEvent.PartNumber} carries no price in CNY or no time.");
        }
        var price = newPrice.ToDecimal();
        var setAt = BusinessCalendar.ToStoredPrecision(integrationEvent.ChangedAt.ToDateTimeOffset());
        var partNumber = integrationEvent.PartNumber;

        var item = await db.FeeItems.SingleOrDefaultAsync(f => f.PartNumber == partNumber, cancellationToken);
        if (item is not null)
        {
            item.FollowCatalogue(integrationEvent.Unit, price, setAt);
            return;
        }
        var code = FeeItem.CodeOf(partNumber);
        if (await db.FeeItems.AnyAsync(f => f.Code == code, cancellationToken))
        {
            // Fails until someone ties that item to the part or renames it; the event is then parked for replay.
            throw new InvalidOperationException($"Fee code {code} is taken by an item not tied to part {partNumber}.");
        }
        db.FeeItems.Add(FeeItem.ForCataloguePart(Guid.CreateVersion7(), partNumber, integrationEvent.Name, integrationEvent.Unit, price, setAt));
    }
}
