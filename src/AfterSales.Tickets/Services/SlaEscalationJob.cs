using AfterSales.Platform;
using AfterSales.Platform.Events;
using AfterSales.Tickets.Infrastructure;
using AfterSales.Tickets.Model;
using AfterSales.Tickets.Sla;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Tickets.Services;

/// <summary>
/// Evaluates the running SLA clocks every <see cref="SlaOptions.EvaluationInterval"/> and escalates each
/// threshold a clock crossed (§1 十四). What was signalled is stored on the clock, in the same transaction as
/// the escalation and its events, under the clock's row version: a restart evaluates again and finds it
/// done, a downtime is caught up on the first round after it (a clock found past due signals at risk and
/// breach at once), and of two replicas evaluating one clock, one commits and the other's save is refused.
/// </summary>
internal sealed partial class SlaEscalationJob(IServiceScopeFactory scopes, IOptions<SlaOptions> options, ILogger<SlaEscalationJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EvaluationInterval);
        do
        {
            try
            {
                await EvaluateAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database may be away; the next round tries again, and nothing was half done.
                LogRoundFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: the clocks that may have crossed something, nearest due first; returns how many escalated.</summary>
    public async Task<int> EvaluateAsync(CancellationToken cancellationToken)
    {
        List<SlaClock> clocks;
        SlaPolicy policy;
        DateTimeOffset now;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TicketsDbContext>();
            now = scope.ServiceProvider.GetRequiredService<BusinessCalendar>().Now;
            policy = await scope.ServiceProvider.GetRequiredService<SlaClocks>().PolicyAsync(cancellationToken);
            clocks = await db.SlaClocks.AsNoTracking()
                .Where(c => c.BreachSignalledAt == null && ((c.StoppedAt == null && c.PausedSince == null) || c.StoppedAt > c.DueAt))
                .OrderBy(c => c.DueAt)
                .Take(options.Value.EvaluationBatch)
                .ToListAsync(cancellationToken);
        }
        // A first look on copies nothing saves, so that a round in which nothing crossed costs one query, not two
        // per running clock's ticket: only a ticket with a threshold crossed gets a unit of work, which reads and
        // evaluates its clocks again under their row versions.
        var crossed = clocks.GroupBy(c => c.TicketId).Where(ticket => policy.Evaluate(ticket, now).Count > 0).Select(ticket => ticket.Key).ToList();
        var escalated = 0;
        foreach (var ticketId in crossed)
        {
            escalated += await EvaluateTicketAsync(ticketId, cancellationToken);
        }
        return escalated;
    }

    /// <summary>Evaluates one ticket's clocks in a unit of work of its own, so one conflict spoils nothing else.</summary>
    private async Task<int> EvaluateTicketAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TicketsDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IEventOutbox>();
        var now = scope.ServiceProvider.GetRequiredService<BusinessCalendar>().Now;
        var policy = await scope.ServiceProvider.GetRequiredService<SlaClocks>().PolicyAsync(cancellationToken);

        // Tracked: a breach marks the ticket too, under its row version, in the same unit of work.
        var ticket = await db.Tickets.SingleAsync(t => t.Id == ticketId, cancellationToken);
        var clocks = await db.SlaClocks.Where(c => c.TicketId == ticketId).ToListAsync(cancellationToken);
        var crossed = policy.Evaluate(clocks, now);
        if (crossed.Count == 0)
        {
            return 0;
        }
        using var activity = BackgroundWork.Start("SLA escalate");
        activity?.SetTag("aftersales.ticket.number", ticket.Number);
        var escalated = 0;
        foreach (var (clock, signals) in crossed)
        {
            foreach (var cause in new[] { EscalationCause.AtRisk, EscalationCause.Breached }
                .Where(c => signals.HasFlag(c == EscalationCause.AtRisk ? SlaSignals.AtRisk : SlaSignals.Breached)))
            {
                var escalation = new Escalation(ticket.Id, clock.Round, ticket.Number, ticket.StationId, ticket.TechnicianId, clock.Kind, cause,
                    Escalation.LevelFor(cause, clock.Kind, ticket.TechnicianId is not null), clock.DueAt, now);
                db.Escalations.Add(escalation);
                outbox.Enqueue(cause == EscalationCause.AtRisk ? ticket.ToAtRiskEvent(clock) : ticket.ToBreachedEvent(clock));
                outbox.Enqueue(escalation.ToEvent(clock.RuleCode));
                if (cause == EscalationCause.Breached)
                {
                    ticket.MarkBreached(now);
                }
                escalated++;
            }
        }
        if (escalated == 0)
        {
            return 0;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return escalated;
        }
        catch (DbUpdateException)
        {
            // Another replica evaluated these clocks first (the clock's row version, or the escalation's unique
            // index, whichever the race reached first), or the ticket moved meanwhile: the next round looks again.
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An SLA evaluation round failed; the next one tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}

/// <summary>Escalations and SLA signals on the wire.</summary>
internal static class EscalationMappings
{
    public static string NameOf(SlaClockKind kind) => kind switch
    {
        SlaClockKind.FirstResponse => "FIRST_RESPONSE",
        SlaClockKind.Arrival => "ARRIVAL",
        SlaClockKind.WorkshopReturn => "WORKSHOP_RETURN",
        _ => "RESOLUTION",
    };

    public static string NameOf(EscalationCause cause) => cause == EscalationCause.AtRisk ? "AT_RISK" : "BREACHED";

    public static string NameOf(EscalationLevel level) => level switch
    {
        EscalationLevel.Technician => "TECHNICIAN",
        EscalationLevel.StationDispatcher => "STATION_DISPATCHER",
        EscalationLevel.ServiceManager => "SERVICE_MANAGER",
        _ => "GENERAL_MANAGER",
    };

    public static Events.V1.SlaAtRisk ToAtRiskEvent(this Ticket ticket, SlaClock clock) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        Clock = NameOf(clock.Kind),
        DueAt = Timestamp.FromDateTimeOffset(clock.DueAt),
        SlaRule = clock.RuleCode,
    };

    public static Events.V1.SlaBreached ToBreachedEvent(this Ticket ticket, SlaClock clock) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        Clock = NameOf(clock.Kind),
        DueAt = Timestamp.FromDateTimeOffset(clock.DueAt),
        SlaRule = clock.RuleCode,
    };

    public static Events.V1.TicketEscalated ToEvent(this Escalation escalation, string ruleCode) => new()
    {
        TicketId = escalation.TicketId.ToString(),
        Number = escalation.TicketNumber,
        StationId = escalation.StationId.ToString(),
        TechnicianId = escalation.TechnicianId?.ToString() ?? "",
        Clock = NameOf(escalation.Clock),
        Cause = NameOf(escalation.Cause),
        Level = NameOf(escalation.Level),
        DueAt = Timestamp.FromDateTimeOffset(escalation.DueAt),
        RaisedAt = Timestamp.FromDateTimeOffset(escalation.RaisedAt),
        SlaRule = ruleCode,
    };

    public static V1.Escalation ToProto(this Escalation escalation) => new()
    {
        EscalationId = escalation.Id.ToString(),
        TicketId = escalation.TicketId.ToString(),
        TicketNumber = escalation.TicketNumber,
        StationId = escalation.StationId.ToString(),
        TechnicianId = escalation.TechnicianId?.ToString() ?? "",
        Clock = NameOf(escalation.Clock),
        Cause = NameOf(escalation.Cause),
        Level = (V1.EscalationLevel)escalation.Level,
        DueAt = Timestamp.FromDateTimeOffset(escalation.DueAt),
        RaisedAt = Timestamp.FromDateTimeOffset(escalation.RaisedAt),
    };
}
