using AfterSales.Platform;
using AfterSales.Tickets.Infrastructure;
using AfterSales.Tickets.Model;
using AfterSales.Tickets.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Tickets.Services;

/// <summary>Options of the SLA clocks (section <c>Tickets:Sla</c>).</summary>
public sealed class SlaOptions
{
    public const string SectionName = "Tickets:Sla";

    /// <summary>The share of a target used at which a clock is at risk (0.8: 80 %).</summary>
    public double AtRiskFraction { get; set; } = SlaPolicy.DefaultAtRiskFraction;

    /// <summary>How often the escalation job evaluates the running clocks.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many clocks per evaluation round, the nearest due first.</summary>
    public int EvaluationBatch { get; set; } = 500;

    /// <summary>How long a read of the rules, calendars and fault types serves intakes before it is read again: an edit takes effect within this.</summary>
    public TimeSpan ReferenceDataTtl { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// A ticket's SLA clocks through its life: started at intake by the rule its case matches, stopped by the
/// moves that meet them, paused while the ticket waits for the customer. The policy (rules and calendars)
/// is data in the database, read through <see cref="TicketReferenceData"/>.
/// </summary>
public sealed class SlaClocks(TicketsDbContext db, TicketReferenceData referenceData, BusinessCalendar calendar)
{
    public async Task<SlaPolicy> PolicyAsync(CancellationToken cancellationToken) => (await referenceData.GetAsync(cancellationToken)).Policy;

    /// <summary>The rule code of a take-back's return clock: the date promised to the customer (§1 十四).</summary>
    public const string WorkshopReturnRule = "S1-14-RETURN-DATE";

    /// <summary>Starts the clocks of a new ticket (none for an internal job: no customer waits on it).</summary>
    public async Task StartAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        if (ticket.Category == ServiceCategory.Internal)
        {
            return;
        }
        var policy = await PolicyAsync(cancellationToken);
        var clocks = policy.StartClocks(ticket.Id, CaseOf(ticket), ticket.ReceivedAt);
        if (ticket.BatchVisitOn is { } visitOn)
        {
            clocks = BatchVisitClocks(ticket, clocks, policy.Calendar(SlaDefaults.RoundTheClockCalendar), calendar.StartOf(visitOn.AddDays(1)));
        }
        db.SlaClocks.AddRange(clocks);
        ticket.ShowDueTimes(clocks);
    }

    /// <summary>The rule code of a batch-visit job's arrival and resolution: the end of the visit day it waits for (§12 5.4).</summary>
    public const string BatchVisitRule = "S12-5.4-BATCH-VISIT";

    /// <summary>
    /// A job waiting for its project's batch visit is promised that visit: its arrival and resolution, where due
    /// sooner, are due by the end of the visit day instead. The customer's first answer keeps its target.
    /// </summary>
    private static IReadOnlyList<SlaClock> BatchVisitClocks(Ticket ticket, IReadOnlyList<SlaClock> clocks, ServiceCalendar roundTheClock, DateTimeOffset endOfVisit) =>
    [
        .. clocks.Where(c => c.Kind is not (SlaClockKind.Arrival or SlaClockKind.Resolution) || c.DueAt >= endOfVisit),
        .. clocks.Where(c => c.Kind is SlaClockKind.Arrival or SlaClockKind.Resolution && c.DueAt < endOfVisit)
            .Select(c => SlaClock.StartUntil(ticket.Id, c.Kind, BatchVisitRule, roundTheClock, ticket.ReceivedAt, endOfVisit)),
    ];

    /// <summary>What the ticket's moves since <paramref name="firstNewMove"/> do to its clocks.</summary>
    public async Task FollowAsync(Ticket ticket, int firstNewMove, CancellationToken cancellationToken)
    {
        var moves = ticket.StatusChanges.Skip(firstNewMove).Where(m => m.From != m.To).ToList();
        if (moves.Count == 0)
        {
            return;
        }
        var clocks = await db.SlaClocks.Where(c => c.TicketId == ticket.Id && c.Round == ticket.ReopenCount).ToListAsync(cancellationToken);
        var policy = await PolicyAsync(cancellationToken);
        foreach (var move in moves)
        {
            if (move.From is TicketStatus.Closed or TicketStatus.Cancelled && move.To == TicketStatus.Registered)
            {
                // Reopened: a new round, timed afresh from now by the rule the ticket's facts match now.
                clocks = [.. ticket.Category == ServiceCategory.Internal ? [] : policy.StartClocks(ticket.Id, CaseOf(ticket), move.At, ticket.ReopenCount)];
                db.SlaClocks.AddRange(clocks);
                continue;
            }
            if (move.To == TicketStatus.TakenBack && ticket.PromisedReturnAt is { } promised
                && clocks.All(c => c.Kind != SlaClockKind.WorkshopReturn) && promised > move.At)
            {
                // The return date given with the receipt is a promise like any target: late, it escalates.
                var clock = SlaClock.StartUntil(ticket.Id, SlaClockKind.WorkshopReturn, WorkshopReturnRule,
                    policy.Calendar(SlaDefaults.RoundTheClockCalendar), move.At, promised, ticket.ReopenCount);
                db.SlaClocks.Add(clock);
                clocks.Add(clock);
            }
            if (move.To == TicketStatus.OnHold)
            {
                policy.Hold(clocks, ticket.HoldReason ?? HoldReason.Other, move.At);
                continue;
            }
            if (move.From == TicketStatus.OnHold)
            {
                policy.Release(clocks, move.At);
            }
            foreach (var clock in clocks.Where(c => Meets(move.To, c.Kind)))
            {
                policy.Stop(clock, move.At);
            }
        }
        ticket.ShowDueTimes(clocks);
    }

    /// <summary>
    /// Whether entering <paramref name="status"/> meets a clock of <paramref name="kind"/>: the customer is
    /// answered once a visit is agreed or under way or the fault is resolved; the site is reached on arrival
    /// (or needs no visit any more); the fault is resolved when fixed, resolved remotely or the unit returned.
    /// A returned unit meets its promised return date. A cancelled ticket stops every clock.
    /// </summary>
    public static bool Meets(TicketStatus status, SlaClockKind kind) => (status, kind) switch
    {
        (TicketStatus.Cancelled, _) => true,
        (TicketStatus.AppointmentAgreed or TicketStatus.OnTheWay or TicketStatus.OnSite or TicketStatus.ResolvedOnSite
            or TicketStatus.ResolvedByPhone or TicketStatus.ResolvedRemotely, SlaClockKind.FirstResponse) => true,
        (TicketStatus.OnSite or TicketStatus.ResolvedByPhone or TicketStatus.ResolvedRemotely, SlaClockKind.Arrival) => true,
        (TicketStatus.ResolvedOnSite or TicketStatus.ResolvedByPhone or TicketStatus.ResolvedRemotely or TicketStatus.Returned,
            SlaClockKind.Resolution) => true,
        (TicketStatus.Returned, SlaClockKind.WorkshopReturn) => true,
        _ => false,
    };

    /// <summary>The facts of a ticket its SLA rule is chosen by; what intake does not record stays unknown.</summary>
    public static SlaCase CaseOf(Ticket ticket) => new()
    {
        Job = ticket.JobKind,
        Priority = ticket.Priority,
        FaultType = string.IsNullOrEmpty(ticket.FaultType) ? null : ticket.FaultType,
        Category = ticket.Category,
        Region = ticket.Region,
        Zone = ticket.SiteZone,
        DistanceKm = ticket.DistanceKm,
        NeedsSupplier = ticket.NeedsSupplier,
        ProjectPhase = ticket.ProjectPhase,
    };
}
