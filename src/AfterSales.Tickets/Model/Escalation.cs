namespace AfterSales.Tickets.Model;

/// <summary>Who an escalation goes to, up the chain of §1 十四.</summary>
public enum EscalationLevel
{
    Technician = 1,
    StationDispatcher = 2,
    ServiceManager = 3,
    GeneralManager = 4,
}

/// <summary>What crossed: a clock nearly used up, or past due.</summary>
public enum EscalationCause
{
    AtRisk = 1,
    Breached = 2,
}

/// <summary>
/// An SLA threshold a ticket crossed, raised to one level of the chain (§1 十四: breaches are escalated to
/// the manager): it stays on that level's list until someone acknowledges it.
/// </summary>
public sealed class Escalation
{
    private Escalation() { }

    public Escalation(Guid ticketId, int round, string ticketNumber, Guid stationId, Guid? technicianId, Sla.SlaClockKind clock, EscalationCause cause,
        EscalationLevel level, DateTimeOffset dueAt, DateTimeOffset raisedAt)
    {
        Id = Guid.CreateVersion7();
        TicketId = ticketId;
        Round = round;
        TicketNumber = ticketNumber;
        StationId = stationId;
        TechnicianId = technicianId;
        Clock = clock;
        Cause = cause;
        Level = level;
        DueAt = dueAt;
        RaisedAt = raisedAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The order escalations were raised in (the database numbers them): the lists page by it.</summary>
    public long Sequence { get; private set; }

    public Guid TicketId { get; private set; }

    /// <summary>The ticket's round whose clock crossed (see <see cref="Sla.SlaClock.Round"/>).</summary>
    public int Round { get; private set; }

    public string TicketNumber { get; private set; } = "";
    public Guid StationId { get; private set; }

    /// <summary>The technician assigned when it was raised, if any.</summary>
    public Guid? TechnicianId { get; private set; }
    public Sla.SlaClockKind Clock { get; private set; }
    public EscalationCause Cause { get; private set; }
    public EscalationLevel Level { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }

    /// <summary>
    /// The level a crossing goes to: at risk, to whoever can still act in time (the assigned technician,
    /// or the station's dispatcher before anyone is assigned); a breach of the answer or the visit, to the
    /// service manager; a breach of the resolution, to the general manager.
    /// </summary>
    public static EscalationLevel LevelFor(EscalationCause cause, Sla.SlaClockKind clock, bool technicianAssigned) => cause switch
    {
        EscalationCause.AtRisk => technicianAssigned ? EscalationLevel.Technician : EscalationLevel.StationDispatcher,
        _ when clock == Sla.SlaClockKind.Resolution => EscalationLevel.GeneralManager,
        _ => EscalationLevel.ServiceManager,
    };
}
