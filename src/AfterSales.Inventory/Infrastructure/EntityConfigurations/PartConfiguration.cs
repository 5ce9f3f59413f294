using AfterSales.Inventory.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Inventory.Infrastructure.EntityConfigurations;

internal sealed class PartConfiguration : IEntityTypeConfiguration<Part>
{
    public void Configure(EntityTypeBuilder<Part> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.PartNumber).HasMaxLength(32);
        builder.HasIndex(p => p.PartNumber).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Specification).HasMaxLength(500);
        builder.Property(p => p.UnitPrice).HasPrecision(18, 2);
        builder.Property(p => p.Unit).HasMaxLength(16);
        builder.Property(p => p.Supplier).HasMaxLength(200);
        builder.Property(p => p.Version).IsRowVersion();
    }
}
