using AfterSales.Billing.Infrastructure;
using AfterSales.Billing.Services;
using AfterSales.Events.V1;
using AfterSales.Platform.Data;
using AfterSales.Platform.Events;
using AfterSales.ServiceDefaults;

namespace AfterSales.Billing.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<BillingDbContext, BillingSeeder>(ResourceNames.Billing);
        builder.AddEventConsumer<BillingDbContext, TicketOpened, TicketOpenedHandler>();
        builder.AddEventConsumer<BillingDbContext, TicketCategoryRevised, TicketCategoryRevisedHandler>();
        builder.AddEventConsumer<BillingDbContext, BuilderRepairAccepted, BuilderRepairAcceptedHandler>();
        builder.AddEventConsumer<BillingDbContext, PartPriceChanged, PartPriceChangedHandler>();
    }
}
