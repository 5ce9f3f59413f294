using AfterSales.Tickets.V1;
using Grpc.Core;

namespace AfterSales.Platform.Peers;

/// <summary>
/// Whether a partner station, or one of its technicians, is in the service network, which the tickets service keeps: a customer file is
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

    /// <summary>The station's technician, or null when the station (as the caller sees it) employs no such technician.</summary>
    public async Task<Technician?> TechnicianAsync(Guid stationId, Guid technicianId, CancellationToken cancellationToken)
    {
        try
        {
            var listed = await stations.ListTechniciansAsync(new ListTechniciansRequest { StationId = stationId.ToString() }, cancellationToken: cancellationToken);
            return listed.Technicians.FirstOrDefault(t => Guid.Parse(t.TechnicianId) == technicianId);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }
}
