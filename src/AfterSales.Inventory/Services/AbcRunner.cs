using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.Model;
using AfterSales.Platform;
using AfterSales.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Inventory.Services;

/// <summary>
/// Makes an ABC classification run (§10 六.2) on the service's unit of work: reads the issues of the window,
/// classifies every part, sets its safety stock and reorder point, keeps the run, and stages StockLow for each
/// part then below its reorder point in the central warehouse. The caller saves it all at once.
/// </summary>
public sealed class AbcRunner(InventoryDbContext db, BusinessCalendar calendar, IOptions<AbcOptions> options, IEventOutbox outbox)
{
    public AbcOptions Options => options.Value;

    public async Task<AbcRun> RunAsync(AbcTrigger trigger, string? period, int windowDays, decimal aShare, decimal bShare, string actor,
        CancellationToken cancellationToken)
    {
        var settings = new AbcOptions { WindowDays = windowDays, AShare = aShare, BShare = bShare, A = Options.A, B = Options.B, C = Options.C };
        var now = calendar.Now;
        var from = now.AddDays(-windowDays);
        var issued = await db.Movements.AsNoTracking()
            .Where(m => m.Kind == MovementKind.Issue && m.BookedAt >= from && m.BookedAt < now)
            .GroupBy(m => m.PartId)
            .Select(g => new { PartId = g.Key, Units = -g.Sum(m => m.OnHandChange) })
            .ToDictionaryAsync(g => g.PartId, g => g.Units, cancellationToken);
        var parts = await db.Parts.ToListAsync(cancellationToken);
        var results = AbcPlanning.Plan(parts, issued, windowDays, settings);
        var byId = parts.ToDictionary(p => p.Id);
        foreach (var result in results)
        {
            byId[result.PartId].Plan(result);
        }
        var run = new AbcRun(Guid.CreateVersion7(), trigger, period, from, now, aShare, bShare, results, actor, now);
        db.AbcRuns.Add(run);
        foreach (var low in await SuggestionsAsync(parts, cancellationToken))
        {
            outbox.Enqueue(low.ToEvent());
        }
        return run;
    }

    /// <summary>
    /// Stages StockLow for each central level a booking has just taken below its part's reorder point: between two
    /// runs, purchasing hears of a part the moment it needs buying, once, not on every booking after.
    /// </summary>
    public async Task StageStockLowAsync(IReadOnlyDictionary<Guid, int> availableBefore, IReadOnlyDictionary<Guid, StockLevel> levels,
        CancellationToken cancellationToken)
    {
        var ids = levels.Keys.ToList();
        var parts = await db.Parts.AsNoTracking().Where(p => ids.Contains(p.Id) && p.ReorderPoint > 0).ToListAsync(cancellationToken);
        foreach (var part in parts)
        {
            var available = levels[part.Id].Available;
            if (availableBefore.GetValueOrDefault(part.Id) >= part.ReorderPoint && available < part.ReorderPoint)
            {
                outbox.Enqueue(PurchaseSuggestion.For(part, available, Options.PlanOf(part.AbcClass ?? AbcClass.C)).ToEvent());
            }
        }
    }

    /// <summary>The parts whose central available units are below their reorder point, with how many to order.</summary>
    public async Task<IReadOnlyList<PurchaseSuggestion>> SuggestionsAsync(IReadOnlyCollection<Part>? parts, CancellationToken cancellationToken)
    {
        parts ??= await db.Parts.AsNoTracking().Where(p => p.ReorderPoint > 0).ToListAsync(cancellationToken);
        var central = await db.Warehouses.AsNoTracking().Where(w => w.StationId == null).Select(w => w.Id).SingleAsync(cancellationToken);
        var available = await db.StockLevels.AsNoTracking().Where(l => l.WarehouseId == central)
            .ToDictionaryAsync(l => l.PartId, l => l.OnHand - l.Reserved, cancellationToken);
        return
        [
            .. parts.Where(p => p.ReorderPoint > 0 && available.GetValueOrDefault(p.Id) < p.ReorderPoint)
                .Select(p => PurchaseSuggestion.For(p, available.GetValueOrDefault(p.Id), Options.PlanOf(p.AbcClass ?? AbcClass.C)))
                .OrderBy(s => s.Part.PartNumber, StringComparer.Ordinal),
        ];
    }
}

/// <summary>A part to buy: enough to bring it back to its reorder point plus one count period's consumption.</summary>
public sealed record PurchaseSuggestion(Part Part, int Available, int SuggestedQuantity)
{
    public static PurchaseSuggestion For(Part part, int available, ClassPlan plan)
    {
        // The reorder point holds safety stock plus the lead time's consumption: a month's is what exceeds the safety stock per lead month.
        var perMonth = plan.LeadMonths > 0 ? (part.ReorderPoint - part.SafetyStock) / plan.LeadMonths : 0;
        var upTo = part.ReorderPoint + (int)Math.Ceiling(perMonth * plan.CountEveryMonths);
        return new PurchaseSuggestion(part, available, Math.Max(upTo - available, 1));
    }

    public Events.V1.StockLow ToEvent() => new()
    {
        PartId = Part.Id.ToString(),
        PartNumber = Part.PartNumber,
        AbcClass = (Part.AbcClass ?? AbcClass.C).ToString(),
        Available = Available,
        ReorderPoint = Part.ReorderPoint,
        SuggestedQuantity = SuggestedQuantity,
    };
}
