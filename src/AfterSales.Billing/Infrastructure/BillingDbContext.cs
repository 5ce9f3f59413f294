using AfterSales.Billing.Model;
using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Billing.Infrastructure;

public sealed class BillingDbContext(DbContextOptions<BillingDbContext> options) : DbContext(options)
{
    public DbSet<FeeItem> FeeItems => Set<FeeItem>();
    public DbSet<TicketAccount> TicketAccounts => Set<TicketAccount>();
    public DbSet<BuilderCharge> BuilderCharges => Set<BuilderCharge>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ResourceNames.Billing);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BillingDbContext).Assembly);
        modelBuilder.AddPlatformTables();
    }
}
