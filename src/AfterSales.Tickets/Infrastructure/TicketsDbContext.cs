using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.Model;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tickets.Infrastructure;

public sealed class TicketsDbContext(DbContextOptions<TicketsDbContext> options) : DbContext(options)
{
    /// <summary>The sequence behind ticket numbers: gap-tolerant, never repeated, safe under concurrency.</summary>
    public const string TicketNumberSequence = "ticket_numbers";

    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Station> Stations => Set<Station>();
    public DbSet<Technician> Technicians => Set<Technician>();

    public async Task<long> NextTicketSequenceAsync(CancellationToken cancellationToken) =>
        await Database.SqlQueryRaw<long>($"SELECT nextval('{ResourceNames.Tickets}.{TicketNumberSequence}') AS \"Value\"")
            .SingleAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ResourceNames.Tickets);
        modelBuilder.HasSequence<long>(TicketNumberSequence);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TicketsDbContext).Assembly);
        modelBuilder.AddPlatformTables();
    }
}
