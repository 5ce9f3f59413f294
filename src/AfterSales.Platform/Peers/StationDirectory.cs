using AfterSales.Tickets.V1;

namespace AfterSales.Platform.Peers;

/// <summary>
/// Whether a partner station is in the service network, which the tickets service keeps: a customer file is
/// served, and a station ledger kept, only for a station that exists. Asked on the caller's behalf, so a
/// station only ever finds itself.
/// </summary>
public sealed class StationDirectory(StationService.StationServiceClient stations)
{
    public async Task<bool> ExistsAsync(Guid stationId, CancellationToken cancellationToken)
    {
        var listed = await stations.ListStationsAsync(new ListStationsRequest(), cancellationToken: cancellationToken);
        return listed.Stations.Any(s => Guid.Parse(s.StationId) == stationId);
    }
}
