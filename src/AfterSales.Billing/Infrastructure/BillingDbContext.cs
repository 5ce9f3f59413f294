using AfterSales.Billing.Model;
using AfterSales.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Billing.Infrastructure;

public sealed class BillingDbContext(DbContextOptions<BillingDbContext> options) : DbContext(options)
{
    public DbSet<FeeItem> FeeItems => Set<FeeItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ResourceNames.Billing);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BillingDbContext).Assembly);
    }
}
