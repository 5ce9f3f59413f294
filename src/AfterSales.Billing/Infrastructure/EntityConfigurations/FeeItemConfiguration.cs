using AfterSales.Billing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Billing.Infrastructure.EntityConfigurations;

internal sealed class FeeItemConfiguration : IEntityTypeConfiguration<FeeItem>
{
    public void Configure(EntityTypeBuilder<FeeItem> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Code).HasMaxLength(32);
        builder.HasIndex(f => f.Code).IsUnique();
        builder.Property(f => f.Name).HasMaxLength(200);
        builder.Property(f => f.Unit).HasMaxLength(16);
        builder.Property(f => f.Price).HasPrecision(18, 2);
    }
}
