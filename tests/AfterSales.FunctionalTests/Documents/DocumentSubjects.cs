using AfterSales.Customers.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.Tickets.V1;

namespace AfterSales.FunctionalTests.Documents;

/// <summary>
/// Real subjects for documents, made or looked up as internal staff in the services that own them: a new
/// ticket, and the customer, asset and contract behind a seeded serial number.
/// </summary>
public sealed class DocumentSubjects(Suite suite)
{
    private TicketService.TicketServiceClient Tickets => new(suite.Tickets.Channel);

    private CustomerService.CustomerServiceClient Customers => new(suite.Customers.Channel);

    private ProjectService.ProjectServiceClient Projects => new(suite.Customers.Channel);

    /// <summary>Opens a ticket for the asset of <paramref name="serialNumber"/>; it belongs to the station serving that asset.</summary>
    public async Task<Ticket> NewTicketAsync(string serialNumber = DemoIds.SerialUnderContract) =>
        await Tickets.CreateTicketAsync(new CreateTicketRequest
        {
            SerialNumber = serialNumber,
            Channel = IntakeChannel.Phone,
            ContactName = "王建国",
            ContactPhone = "0571-8888-1001",
            FaultDescription = "电梯运行时有异响",
        });

    /// <summary>The asset of <paramref name="serialNumber"/> with its customer, serving station and, when under one, contract.</summary>
    public async Task<Entitlement> AssetAsync(string serialNumber) =>
        await Customers.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = serialNumber });

    /// <summary>The id of a subject of <paramref name="kind"/> that belongs to the station serving <paramref name="serialNumber"/>.</summary>
    public async Task<string> OfKindAsync(AfterSales.Documents.V1.SubjectKind kind, string serialNumber)
    {
        var asset = await AssetAsync(serialNumber);
        return kind switch
        {
            AfterSales.Documents.V1.SubjectKind.Ticket => (await NewTicketAsync(serialNumber)).TicketId,
            AfterSales.Documents.V1.SubjectKind.Customer => asset.CustomerId,
            AfterSales.Documents.V1.SubjectKind.Asset => asset.AssetId,
            AfterSales.Documents.V1.SubjectKind.Contract => asset.ContractId is { Length: > 0 } contract ? contract
                : throw new InvalidOperationException($"The seeded asset {serialNumber} is under no contract."),
            AfterSales.Documents.V1.SubjectKind.Station => asset.ServingStationId,
            AfterSales.Documents.V1.SubjectKind.Project => (await Projects.CreateProjectAsync(new CreateProjectRequest
            {
                CustomerId = asset.CustomerId, SiteId = asset.SiteId, Name = "冷水机组改造", DeliveryMode = DeliveryMode.Delivery,
            })).ProjectId,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown subject kind."),
        };
    }
}
