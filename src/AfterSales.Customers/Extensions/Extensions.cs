using AfterSales.Customers.Infrastructure;
using AfterSales.Customers.Services;
using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;

namespace AfterSales.Customers.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CustomersDbContext, CustomersSeeder>(ResourceNames.Customers);
        builder.Services.AddScoped<AssetCoverageStore>();
    }
}
