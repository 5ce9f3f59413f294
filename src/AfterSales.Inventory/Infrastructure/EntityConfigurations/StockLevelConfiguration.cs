using AfterSales.Inventory.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Inventory.Infrastructure.EntityConfigurations;

internal sealed class StockLevelConfiguration : IEntityTypeConfiguration<StockLevel>
{
    public void Configure(EntityTypeBuilder<StockLevel> builder)
    {
        // The model keeps quantities in range; the database refuses anything that slips past it (raw SQL, a bug).
        builder.ToTable(table => table.HasCheckConstraint("CK_StockLevels_Quantities",
            "\"OnHand\" >= 0 AND \"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\""));
        builder.HasKey(l => new { l.WarehouseId, l.PartId });
        builder.Property(l => l.Version).IsRowVersion();
        builder.HasIndex(l => l.PartId);
        // Stock is accounted for: a part or warehouse still holding ledger lines cannot be deleted.
        builder.HasOne<Warehouse>().WithMany().HasForeignKey(l => l.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Part>().WithMany().HasForeignKey(l => l.PartId).OnDelete(DeleteBehavior.Restrict);
    }
}
