using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.Model;
using AfterSales.Tickets.Sla;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tickets.Infrastructure;

public sealed class TicketsDbContext(DbContextOptions<TicketsDbContext> options) : DbContext(options)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Station> Stations => Set<Station>();
    public DbSet<Technician> Technicians => Set<Technician>();
    public DbSet<TicketNumberCounter> TicketNumberCounters => Set<TicketNumberCounter>();
    public DbSet<TicketStatusChange> TicketStatusChanges => Set<TicketStatusChange>();
    public DbSet<TicketAssignment> TicketAssignments => Set<TicketAssignment>();
    public DbSet<WorkRecord> WorkRecords => Set<WorkRecord>();
    public DbSet<TicketLoan> TicketLoans => Set<TicketLoan>();
    public DbSet<VisitSchedule> VisitSchedules => Set<VisitSchedule>();
    public DbSet<FaultType> FaultTypes => Set<FaultType>();
    public DbSet<ServiceCalendar> ServiceCalendars => Set<ServiceCalendar>();
    public DbSet<SlaRule> SlaRules => Set<SlaRule>();
    public DbSet<SlaClock> SlaClocks => Set<SlaClock>();
    public DbSet<Escalation> Escalations => Set<Escalation>();
    public DbSet<BuilderRepair> BuilderRepairs => Set<BuilderRepair>();

    /// <summary>
    /// The next count of a station's tickets on a day. Drawn in a statement of its own, outside the
    /// ticket's transaction, as a sequence would be: concurrent intakes wait on the counter row only for
    /// that statement, never for each other's commits, and a failed intake leaves a gap, never a repeat.
    /// </summary>
    public async Task<long> NextTicketNumberAsync(Guid stationId, DateOnly day, CancellationToken cancellationToken) =>
        // ToList, not Single: Single would wrap the statement in a SELECT, and an INSERT cannot be a subquery.
        (await Database.SqlQuery<long>($"""
            INSERT INTO tickets."TicketNumberCounters" AS c ("StationId", "Day", "LastNumber") VALUES ({stationId}, {day}, 1)
            ON CONFLICT ("StationId", "Day") DO UPDATE SET "LastNumber" = c."LastNumber" + 1
            RETURNING c."LastNumber" AS "Value"
            """).ToListAsync(cancellationToken)).Single();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ResourceNames.Tickets);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TicketsDbContext).Assembly);
        modelBuilder.AddPlatformTables();
    }
}
