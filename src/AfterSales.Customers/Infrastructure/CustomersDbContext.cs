using AfterSales.Customers.Model;
using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Customers.Infrastructure;

public sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Asset> Assets => Set<Asset>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<WarrantyChange> WarrantyChanges => Set<WarrantyChange>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<SoftwareRelease> SoftwareReleases => Set<SoftwareRelease>();
    public DbSet<ReturnVisitPlan> ReturnVisitPlans => Set<ReturnVisitPlan>();
    public DbSet<ReturnVisit> ReturnVisits => Set<ReturnVisit>();
    public DbSet<Training> Trainings => Set<Training>();
    public DbSet<Project> Projects => Set<Project>();

    /// <summary>The next number of a customer file opened through the API (a sequence: never repeated, gaps allowed).</summary>
    public Task<long> NextCustomerNumberAsync(CancellationToken cancellationToken) =>
        this.NextValueAsync("CustomerNumbers", cancellationToken);

    /// <summary>The next number of a project (a sequence: never repeated, gaps allowed).</summary>
    public Task<long> NextProjectNumberAsync(CancellationToken cancellationToken) =>
        this.NextValueAsync("ProjectNumbers", cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ResourceNames.Customers);
        modelBuilder.HasSequence<long>("CustomerNumbers").StartsAt(1);
        modelBuilder.HasSequence<long>("ProjectNumbers").StartsAt(1);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CustomersDbContext).Assembly);
        modelBuilder.AddPlatformTables();
    }
}
