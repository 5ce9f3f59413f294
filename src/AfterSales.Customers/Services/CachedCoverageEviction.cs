using AfterSales.Events.V1;
using AfterSales.Platform.Events;

namespace AfterSales.Customers.Services;

/// <summary>
/// The customers service's own cached entitlements never outlive a change of the terms behind them: each
/// change drops them at once when Redis answers, and this drops them again from the change's event, which is
/// delivered (and retried) only while Redis works. So a change made while Redis hung is not followed by the
/// old terms once it is back.
/// </summary>
internal sealed class CachedCoverageEviction(AssetCoverageStore coverage)
    : IEventHandler<WarrantyChanged>, IEventHandler<ContractChanged>, IEventHandler<CustomerSiteChanged>, IEventHandler<CustomerTransferred>
{
    public Task HandleAsync(WarrantyChanged integrationEvent, CancellationToken cancellationToken) =>
        coverage.ForgetAsync([integrationEvent.SerialNumber]);

    public Task HandleAsync(ContractChanged integrationEvent, CancellationToken cancellationToken) =>
        coverage.ForgetAsync(integrationEvent.SerialNumbers);

    public Task HandleAsync(CustomerSiteChanged integrationEvent, CancellationToken cancellationToken) =>
        coverage.ForgetAsync(integrationEvent.SerialNumbers);

    public Task HandleAsync(CustomerTransferred integrationEvent, CancellationToken cancellationToken) =>
        coverage.ForgetAsync(integrationEvent.SerialNumbers);
}
