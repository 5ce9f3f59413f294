using AfterSales.Customers.Infrastructure;
using AfterSales.Customers.Model;
using AfterSales.Platform.Caching;
using AfterSales.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Customers.Services;

/// <summary>
/// Reads an asset's <see cref="AssetCoverage"/> through the Redis cache. Every ticket intake asks for an
/// entitlement, while warranty terms and contracts change rarely; the snapshot is cached for a short
/// time (<c>Customers:CoverageCacheTtl</c>, default 5 min) rather than the answer, so the rule still
/// runs for the exact moment asked about. While Redis is away or hung, intake reads the database.
/// </summary>
public sealed class AssetCoverageStore(CustomersDbContext db, RedisCache cache, IConfiguration configuration)
{
    private readonly TimeSpan _ttl = configuration.GetValue("Customers:CoverageCacheTtl", TimeSpan.FromMinutes(5));

    public async Task<AssetCoverage> GetBySerialNumberAsync(string serialNumber, CancellationToken cancellationToken) =>
        await cache.GetOrLoadAsync(KeyOf(serialNumber), _ttl, token => LoadAsync(serialNumber, token), cancellationToken)
            ?? throw new NotFoundException("Asset with serial number", serialNumber);

    /// <summary>
    /// After an asset's terms changed (and were saved): the next intake reads the new terms. At once when Redis
    /// answers; when it does not, <see cref="ForgetAsync"/> does it from the change's event once it does.
    /// </summary>
    public async Task InvalidateAsync(IEnumerable<string> serialNumbers, CancellationToken cancellationToken)
    {
        foreach (var serialNumber in serialNumbers)
        {
            await cache.InvalidateAsync(KeyOf(serialNumber), cancellationToken);
        }
    }

    /// <summary>Drops the cached terms for certain, or throws so the event that asked is delivered again.</summary>
    public async Task ForgetAsync(IEnumerable<string> serialNumbers)
    {
        foreach (var serialNumber in serialNumbers)
        {
            await cache.RemoveAsync(KeyOf(serialNumber));
        }
    }

    /// <summary>Versioned by the snapshot's shape: a snapshot of an older shape is never read as this one.</summary>
    private static string KeyOf(string serialNumber) => $"customers:coverage:v3:{serialNumber}";

    private async Task<AssetCoverage?> LoadAsync(string serialNumber, CancellationToken cancellationToken)
    {
        var asset = await db.Assets.AsNoTracking()
            .Where(a => a.SerialNumber == serialNumber)
            .Join(db.Customers, a => a.CustomerId, c => c.Id, (a, c) => new { Asset = a, c.ServingStationId })
            .SingleOrDefaultAsync(cancellationToken);
        if (asset is null)
        {
            return null;
        }

        var site = await db.Customers.AsNoTracking()
            .Where(c => c.Id == asset.Asset.CustomerId)
            .SelectMany(c => c.Sites)
            .Where(s => s.Id == asset.Asset.SiteId)
            .Select(s => new AssetSite(s.Id, s.Address, s.Region, s.DistanceKm))
            .SingleOrDefaultAsync(cancellationToken);
        var contracts = await db.Contracts.AsNoTracking()
            .Where(c => c.CustomerId == asset.Asset.CustomerId)
            .ToListAsync(cancellationToken);

        return new AssetCoverage(
            asset.Asset.Id,
            asset.Asset.CustomerId,
            asset.ServingStationId,
            asset.Asset.AcceptedOn,
            asset.Asset.WarrantyMonths,
            asset.Asset.Components,
            contracts.Where(c => c.Covers(asset.Asset.Id))
                .Select(c => new ContractTerm(c.Id, c.Number, c.Kind, c.StartsOn, c.EndsOn, c.Services))
                .ToList(),
            site,
            asset.Asset.ProjectId);
    }
}
