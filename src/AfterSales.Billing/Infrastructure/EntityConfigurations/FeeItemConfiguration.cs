using AfterSales.Billing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Billing.Infrastructure.EntityConfigurations;

internal sealed class FeeItemConfiguration : IEntityTypeConfiguration<FeeItem>
{
    public void Configure(EntityTypeBuilder<FeeItem> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Code).HasMaxLength(FeeItem.MaxCodeLength);
        builder.HasIndex(f => f.Code).IsUnique();
        builder.Property(f => f.Name).HasMaxLength(FeeItem.MaxNameLength);
        builder.Property(f => f.Unit).HasMaxLength(FeeItem.MaxUnitLength);
        builder.Property(f => f.Price).HasPrecision(18, 2);
        builder.Property(f => f.PartNumber).HasMaxLength(FeeItem.MaxPartNumberLength);
        // One item per catalogue part; items the catalogue does not price (null) are not counted.
        builder.HasIndex(f => f.PartNumber).IsUnique();
        builder.Property(f => f.Version).IsRowVersion();
    }
}
