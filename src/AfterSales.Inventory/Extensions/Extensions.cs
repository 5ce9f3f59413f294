using AfterSales.Documents.V1;
using AfterSales.Events.V1;
using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.Model;
using AfterSales.Inventory.Services;
using AfterSales.Platform.Data;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Peers;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;

namespace AfterSales.Inventory.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<InventoryDbContext, InventorySeeder>(ResourceNames.Inventory);
        // Issued parts are published (PartsIssued) for billing and the consumption reports, loans for the tickets they serve.
        builder.AddEventOutbox<InventoryDbContext>();
        // The old parts a repair kept, and the signed reports warranty parts are written off against.
        builder.AddEventConsumer<InventoryDbContext, WorkRecorded, WorkRecordedHandler>();
        builder.AddEventConsumer<InventoryDbContext, TicketCompleted, TicketCompletedHandler>();
        // Requisitions and loans are for tickets, station ledgers for stations and tools for technicians, that the tickets service keeps.
        builder.AddServiceClient<TicketService.TicketServiceClient>(ResourceNames.Tickets, TicketService.Descriptor);
        builder.AddServiceClient<StationService.StationServiceClient>(ResourceNames.Tickets, StationService.Descriptor);
        builder.Services.AddScoped<StationDirectory>();
        // A receipt's slip is archived in documents.
        builder.AddServiceClient<DocumentService.DocumentServiceClient>(ResourceNames.Documents, DocumentService.Descriptor);
        builder.Services.AddScoped<OpenTickets>();
        builder.Services.Configure<ToolOptions>(builder.Configuration.GetSection(ToolOptions.SectionName));
        builder.Services.Configure<AbcOptions>(builder.Configuration.GetSection(AbcOptions.SectionName));
        builder.Services.AddScoped<AbcRunner>();
        builder.Services.AddHostedService<AbcScheduler>();
    }
}
