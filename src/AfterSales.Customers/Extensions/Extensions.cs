using AfterSales.Customers.Infrastructure;
using AfterSales.Customers.Model;
using AfterSales.Customers.Services;
using AfterSales.Documents.V1;
using AfterSales.Events.V1;
using AfterSales.Platform.Data;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Peers;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;

namespace AfterSales.Customers.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CustomersDbContext, CustomersSeeder>(ResourceNames.Customers);
        builder.Services.AddScoped<AssetCoverageStore>();
        builder.AddEventConsumer<CustomersDbContext, WarrantyChanged, CachedCoverageEviction>();
        builder.AddEventConsumer<CustomersDbContext, ContractChanged, CachedCoverageEviction>();
        builder.AddEventConsumer<CustomersDbContext, CustomerSiteChanged, CachedCoverageEviction>();
        builder.AddEventConsumer<CustomersDbContext, CustomerTransferred, CachedCoverageEviction>();
        // Customer files are served by stations of the service network, which the tickets service keeps.
        builder.AddServiceClient<StationService.StationServiceClient>(ResourceNames.Tickets, StationService.Descriptor);
        builder.Services.AddScoped<StationDirectory>();
        // Signed records a customer file points to live in documents.
        builder.AddServiceClient<DocumentService.DocumentServiceClient>(ResourceNames.Documents, DocumentService.Descriptor);
        builder.Services.AddScoped<ArchivedDocuments>();
        builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection(ReminderOptions.SectionName));
        builder.Services.AddSingleton<ReminderScheduler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReminderScheduler>());
    }
}
