using AfterSales.Events.V1;
using AfterSales.Platform.Events;

namespace AfterSales.Customers.Services;

/// <summary>
/// The customers service's own cached entitlement never outlives a warranty change: the change drops it at
/// once when Redis answers, and this drops it again from the change's event, which is delivered (and retried)
/// only while Redis works. So a change made while Redis hung is not followed by the old terms once it is back.
/// </summary>
internal sealed class WarrantyChangedHandler(AssetCoverageStore coverage) : IEventHandler<WarrantyChanged>
{
    public Task HandleAsync(WarrantyChanged integrationEvent, CancellationToken cancellationToken) =>
        coverage.ForgetAsync(integrationEvent.SerialNumber);
}
