using AfterSales.Tickets.Infrastructure;
using AfterSales.Tickets.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Tickets.Services;

/// <summary>
/// The SLA policy and the fault-type codes, read from the database and kept for
/// <see cref="SlaOptions.ReferenceDataTtl"/>: every intake needs them, and they change rarely.
/// </summary>
public sealed class TicketReferenceData(IServiceScopeFactory scopes, IOptions<SlaOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private Snapshot? _snapshot;

    public sealed record Snapshot(SlaPolicy Policy, IReadOnlySet<string> FaultTypes, DateTimeOffset ReadAt);

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } fresh && time.GetUtcNow() - fresh.ReadAt < options.Value.ReferenceDataTtl)
        {
            return fresh;
        }
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } read && time.GetUtcNow() - read.ReadAt < options.Value.ReferenceDataTtl)
            {
                return read;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TicketsDbContext>();
            var policy = new SlaPolicy(
                await db.SlaRules.AsNoTracking().ToListAsync(cancellationToken),
                await db.ServiceCalendars.AsNoTracking().ToListAsync(cancellationToken),
                options.Value.AtRiskFraction);
            var faultTypes = (await db.FaultTypes.AsNoTracking().Select(f => f.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            return _snapshot = new Snapshot(policy, faultTypes, time.GetUtcNow());
        }
        finally
        {
            _reading.Release();
        }
    }
}
