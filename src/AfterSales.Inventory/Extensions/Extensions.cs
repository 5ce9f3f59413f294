using AfterSales.Inventory.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;

namespace AfterSales.Inventory.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<InventoryDbContext, InventorySeeder>(ResourceNames.Inventory);
    }
}
