using AfterSales.Customers.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Customers.Infrastructure.EntityConfigurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Code).HasMaxLength(32);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(Project.MaxNameLength);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId);
        builder.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId);
        builder.HasIndex(p => p.CustomerId);
        builder.HasIndex(p => new { p.ServingStationId, p.Id });
        // The overdue notices.
        builder.HasIndex(p => p.DeliveryNoticeDueAt).HasFilter("\"DeliveryNoticeSentAt\" IS NULL");
    }
}
