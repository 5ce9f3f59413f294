using AfterSales.Customers.V1;
using AfterSales.Documents.Model;
using AfterSales.Inventory.V1;
using AfterSales.Tickets.V1;
using Grpc.Core;

namespace AfterSales.Documents.Services;

/// <summary>
/// Finds the station a document's subject belongs to (or that it is the company's own) by asking the service that owns the subject, on the
/// caller's behalf: that service applies the caller's own isolation, so to a station another station's
/// ticket is as absent as a missing one. A subject of another kind is absent too, since ids are opaque.
/// Anything the owning service answers other than "no such object" stays a downstream failure.
/// </summary>
public sealed class SubjectDirectory(
    TicketService.TicketServiceClient tickets,
    StationService.StationServiceClient stations,
    CustomerService.CustomerServiceClient customers,
    ProjectService.ProjectServiceClient projects,
    InventoryService.InventoryServiceClient inventory)
{
    /// <summary>Who <paramref name="subjectId"/> belongs to, or null when the caller knows no such subject.</summary>
    public async Task<SubjectOwner?> FindOwnerAsync(SubjectKind kind, Guid subjectId, CancellationToken cancellationToken)
    {
        var id = subjectId.ToString();
        try
        {
            if (kind == SubjectKind.Warehouse)
            {
                var warehouse = await inventory.GetWarehouseAsync(new GetWarehouseRequest { WarehouseId = id }, cancellationToken: cancellationToken);
                return new SubjectOwner(Guid.TryParse(warehouse.StationId, out var ledgerOf) ? ledgerOf : null);
            }
            var station = kind switch
            {
                SubjectKind.Ticket => Guid.Parse((await tickets.GetTicketAsync(
                    new GetTicketRequest { TicketId = id }, cancellationToken: cancellationToken)).StationId),
                SubjectKind.Customer => await ServingStationAsync(id, cancellationToken),
                SubjectKind.Asset => await ServingStationAsync((await customers.GetAssetAsync(
                    new GetAssetRequest { AssetId = id }, cancellationToken: cancellationToken)).CustomerId, cancellationToken),
                SubjectKind.Contract => Guid.Parse((await customers.GetContractAsync(
                    new GetContractRequest { ContractId = id }, cancellationToken: cancellationToken)).ServingStationId),
                SubjectKind.Project => Guid.Parse((await projects.GetProjectAsync(
                    new GetProjectRequest { ProjectId = id }, cancellationToken: cancellationToken)).ServingStationId),
                // A station is listed only to itself and to internal staff.
                SubjectKind.Station => (await stations.ListStationsAsync(new ListStationsRequest(), cancellationToken: cancellationToken))
                    .Stations.Any(s => Guid.Parse(s.StationId) == subjectId) ? subjectId : (Guid?)null,
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown subject kind."),
            };
            return station is { } found ? new SubjectOwner(found) : null;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            return null;
        }
    }

    private async Task<Guid> ServingStationAsync(string customerId, CancellationToken cancellationToken) =>
        Guid.Parse((await customers.GetCustomerAsync(
            new GetCustomerRequest { CustomerId = customerId }, cancellationToken: cancellationToken)).ServingStationId);
}

/// <summary>Who a document's subject belongs to.</summary>
/// <param name="StationId">The station; null for the company's own (the central warehouse), which staff alone see.</param>
public sealed record SubjectOwner(Guid? StationId);
