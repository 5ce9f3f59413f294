using AfterSales.Customers.V1;
using AfterSales.Inventory.V1;
using AfterSales.Documents.Grpc;
using AfterSales.Documents.Infrastructure;
using AfterSales.Documents.Model;
using AfterSales.Documents.Services;
using AfterSales.Platform.Data;
using AfterSales.Platform.Grpc;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;

namespace AfterSales.Documents.Extensions;

internal static class Extensions
{
    /// <summary>Room in an archive request for the fields beside its content.</summary>
    private const int RequestEnvelopeBytes = 64 * 1024;

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<DocumentsDbContext>(ResourceNames.Documents);
        builder.Services.AddScoped<IReferenceDataSeeder<DocumentsDbContext>, DocumentTemplates>();
        // gRPC refuses messages over 4 MiB by default; a document may be 10 MiB, and one just over that
        // should reach the handler and be told which field is too big rather than be cut off.
        builder.Services.AddGrpc().AddServiceOptions<DocumentGrpcService>(options =>
            options.MaxReceiveMessageSize = ArchivedDocument.MaxContentBytes + RequestEnvelopeBytes);
        // A document's subject lives in tickets or customers, which say whether the caller may see it.
        builder.AddServiceClient<TicketService.TicketServiceClient>(ResourceNames.Tickets, TicketService.Descriptor);
        builder.AddServiceClient<StationService.StationServiceClient>(ResourceNames.Tickets, StationService.Descriptor);
        builder.AddServiceClient<CustomerService.CustomerServiceClient>(ResourceNames.Customers, CustomerService.Descriptor);
        builder.AddServiceClient<ProjectService.ProjectServiceClient>(ResourceNames.Customers, ProjectService.Descriptor);
        builder.AddServiceClient<InventoryService.InventoryServiceClient>(ResourceNames.Inventory, InventoryService.Descriptor);
        builder.Services.AddScoped<SubjectDirectory>();
    }
}
