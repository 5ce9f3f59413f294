using AfterSales.Identity.Model;
using AfterSales.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Identity.Infrastructure;

public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    public DbSet<StaffUser> StaffUsers => Set<StaffUser>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ResourceNames.Identity);
        // OpenIddict's applications, authorizations, scopes and tokens. Added to the model here rather than
        // through the options, because the platform builds the options for every service alike.
        modelBuilder.UseOpenIddict();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdentityDbContext).Assembly);
    }
}
