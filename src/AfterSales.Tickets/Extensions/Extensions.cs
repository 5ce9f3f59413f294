using AfterSales.Customers.V1;
using AfterSales.Documents.V1;
using AfterSales.Events.V1;
using AfterSales.Inventory.V1;
using AfterSales.Platform.Data;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Peers;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.Infrastructure;
using AfterSales.Tickets.Services;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AfterSales.Tickets.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<TicketsDbContext, TicketsSeeder>(ResourceNames.Tickets);
        builder.AddEventOutbox<TicketsDbContext>();
        // The loaner units inventory lends for a ticket, kept with the ticket's history.
        builder.AddEventConsumer<TicketsDbContext, LoanerLent, LoanerLentHandler>();
        builder.AddEventConsumer<TicketsDbContext, LoanerReturned, LoanerReturnedHandler>();
        builder.AddServiceClient<CustomerService.CustomerServiceClient>(ResourceNames.Customers, CustomerService.Descriptor);
        // A project's batch-visit schedule is set for a project the customers service keeps.
        builder.AddServiceClient<ProjectService.ProjectServiceClient>(ResourceNames.Customers, ProjectService.Descriptor);
        builder.AddServiceClient<InventoryService.InventoryServiceClient>(ResourceNames.Inventory, InventoryService.Descriptor);
        builder.Services.AddScoped<EntitlementClient>();
        builder.Services.AddScoped<PartsCatalogue>();
        builder.AddServiceClient<DocumentService.DocumentServiceClient>(ResourceNames.Documents, DocumentService.Descriptor);
        builder.Services.AddScoped<ArchivedDocuments>();
        builder.Services.AddScoped<IReferenceDataSeeder<TicketsDbContext>, SlaReferenceData>();
        builder.Services.AddScoped<SlaClocks>();
        builder.Services.AddSingleton<TicketReferenceData>();
        builder.Services.Configure<SlaOptions>(builder.Configuration.GetSection(SlaOptions.SectionName));
        builder.Services.AddSingleton<SlaEscalationJob>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SlaEscalationJob>());
        builder.Services.AddSingleton<IInterceptor, TicketMetrics>();
        builder.Services.Configure<IntakeOptions>(builder.Configuration.GetSection(IntakeOptions.SectionName));
    }
}
