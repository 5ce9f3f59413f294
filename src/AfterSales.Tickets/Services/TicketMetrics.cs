using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using AfterSales.Tickets.Grpc;
using AfterSales.Tickets.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AfterSales.Tickets.Services;

/// <summary>
/// The tickets service's measures (meter <c>AfterSales.Tickets</c>): tickets opened and ended by station and
/// category, how long tickets waited for their first dispatch, and SLA clocks found at risk or breached. They
/// are read off what a unit of work saves, whichever call or job saved it, and recorded only once it is saved:
/// a refused or conflicting save counts nothing, and a retried request answered from its first answer saves
/// nothing again.
/// </summary>
internal sealed class TicketMetrics : SaveChangesInterceptor
{
    public const string MeterName = "AfterSales.Tickets";

    private readonly Counter<long> _opened;
    private readonly Counter<long> _ended;
    private readonly Histogram<double> _timeToDispatch;
    private readonly Counter<long> _escalations;
    private readonly ConditionalWeakTable<DbContext, List<Action>> _pending = [];

    public TicketMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _opened = meter.CreateCounter<long>("aftersales.tickets.opened", "{ticket}", "Tickets registered, by station and service category.");
        _ended = meter.CreateCounter<long>("aftersales.tickets.ended", "{ticket}",
            "Tickets closed or cancelled, by station, service category and outcome.");
        // Minutes to days, not OpenTelemetry's default buckets (0 to 10,000, made for milliseconds).
        _timeToDispatch = meter.CreateHistogram("aftersales.tickets.time_to_dispatch", "s",
            "From a ticket's receipt to its first technician assigned, by station and priority.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 604800] });
        _escalations = meter.CreateCounter<long>("aftersales.sla.escalations", "{escalation}",
            "SLA clocks found at risk or breached, by clock and cause.");
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            _pending.AddOrUpdate(context, Measure(context));
        }
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var measures))
        {
            _pending.Remove(context);
            measures.ForEach(record => record());
        }
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }
        return Task.CompletedTask;
    }

    private List<Action> Measure(DbContext context)
    {
        var measures = new List<Action>();
        foreach (var entry in context.ChangeTracker.Entries<Ticket>())
        {
            var ticket = entry.Entity;
            var station = new KeyValuePair<string, object?>("aftersales.station.id", ticket.StationId.ToString());
            var category = new KeyValuePair<string, object?>("aftersales.ticket.category", ticket.Category.ToString());
            if (entry.State == EntityState.Added)
            {
                measures.Add(() => _opened.Add(1, station, category));
            }
            else if (entry.State == EntityState.Modified)
            {
                var status = entry.Property(t => t.Status);
                if (status.IsModified && status.OriginalValue != status.CurrentValue && ticket.Status is TicketStatus.Closed or TicketStatus.Cancelled)
                {
                    var outcome = new KeyValuePair<string, object?>("aftersales.ticket.outcome", ticket.Status.ToString());
                    measures.Add(() => _ended.Add(1, station, category, outcome));
                }
            }
            if (entry.State is EntityState.Added or EntityState.Modified
                && ticket.DispatchedAt is { } dispatchedAt
                && (entry.State == EntityState.Added || entry.Property(t => t.DispatchedAt).OriginalValue is null))
            {
                var priority = new KeyValuePair<string, object?>("aftersales.ticket.priority", ticket.Priority.ToString());
                measures.Add(() => _timeToDispatch.Record(Math.Max(0, (dispatchedAt - ticket.ReceivedAt).TotalSeconds), station, priority));
            }
        }
        foreach (var entry in context.ChangeTracker.Entries<Escalation>().Where(e => e.State == EntityState.Added))
        {
            var clock = new KeyValuePair<string, object?>("aftersales.sla.clock", EscalationMappings.NameOf(entry.Entity.Clock));
            var cause = new KeyValuePair<string, object?>("aftersales.sla.cause", EscalationMappings.NameOf(entry.Entity.Cause));
            measures.Add(() => _escalations.Add(1, clock, cause));
        }
        return measures;
    }
}
