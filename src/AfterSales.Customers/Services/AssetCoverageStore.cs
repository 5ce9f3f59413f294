using System.Text.Json;
using AfterSales.Customers.Infrastructure;
using AfterSales.Customers.Model;
using AfterSales.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AfterSales.Customers.Services;

/// <summary>
/// Reads an asset's <see cref="AssetCoverage"/> through a Redis cache. Every ticket intake asks for an
/// entitlement, while warranty terms and contracts change rarely; the snapshot is cached for a short
/// time (<c>Customers:CoverageCacheTtl</c>, default 5 min) rather than the answer, so the rule still
/// runs for the exact moment asked about.
/// </summary>
public sealed partial class AssetCoverageStore(
    CustomersDbContext db, IConnectionMultiplexer redis, IConfiguration configuration, ILogger<AssetCoverageStore> logger)
{
    private readonly TimeSpan _ttl = configuration.GetValue("Customers:CoverageCacheTtl", TimeSpan.FromMinutes(5));

    public async Task<AssetCoverage> GetBySerialNumberAsync(string serialNumber, CancellationToken cancellationToken)
    {
        var cache = redis.GetDatabase();
        var key = new RedisKey($"customers:coverage:{serialNumber}");
        try
        {
            var cached = await cache.StringGetAsync(key);
            if (cached.HasValue)
            {
                return JsonSerializer.Deserialize<AssetCoverage>((string)cached!)!;
            }
        }
        catch (RedisException ex)
        {
            // The cache is an optimisation: intake keeps working from the database while Redis is away.
            LogCacheUnavailable(logger, ex);
        }

        var coverage = await LoadAsync(serialNumber, cancellationToken)
            ?? throw new NotFoundException("Asset with serial number", serialNumber);
        try
        {
            await cache.StringSetAsync(key, JsonSerializer.Serialize(coverage), _ttl);
        }
        catch (RedisException ex)
        {
            LogCacheUnavailable(logger, ex);
        }
        return coverage;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Coverage cache unavailable; reading from the database")]
    private static partial void LogCacheUnavailable(ILogger logger, Exception exception);

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
                .Select(c => new ContractTerm(c.Id, c.Number, c.Kind, c.StartsOn, c.EndsOn))
                .ToList());
    }
}
