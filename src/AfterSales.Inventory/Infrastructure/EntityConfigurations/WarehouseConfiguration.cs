using AfterSales.Inventory.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Inventory.Infrastructure.EntityConfigurations;

internal sealed class WarehouseConfiguration : IEntityTypeConfiguration<Warehouse>
{
    public void Configure(EntityTypeBuilder<Warehouse> builder)
    {
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Code).HasMaxLength(32);
        builder.HasIndex(w => w.Code).IsUnique();
        builder.Property(w => w.Name).HasMaxLength(200);
        // One ledger per station, and with NULLS NOT DISTINCT only one central warehouse (null station).
        builder.HasIndex(w => w.StationId).IsUnique().AreNullsDistinct(false);
    }
}
