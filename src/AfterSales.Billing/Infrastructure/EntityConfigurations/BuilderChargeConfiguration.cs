using AfterSales.Billing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Billing.Infrastructure.EntityConfigurations;

internal sealed class BuilderChargeConfiguration : IEntityTypeConfiguration<BuilderCharge>
{
    public void Configure(EntityTypeBuilder<BuilderCharge> builder)
    {
        // One per ticket: a repair is accepted once.
        builder.HasKey(c => c.TicketId);
        builder.Property(c => c.TicketNumber).HasMaxLength(32);
        builder.Property(c => c.Builder).HasMaxLength(BuilderCharge.MaxNameLength);
        builder.Property(c => c.ContractReference).HasMaxLength(BuilderCharge.MaxNameLength);
        builder.Property(c => c.Allocation).HasMaxLength(32);
        builder.Property(c => c.TotalCost).HasPrecision(14, 2);
        builder.Property(c => c.BuilderAmount).HasPrecision(14, 2);
        builder.Ignore(c => c.OwnerAmount);
        builder.HasIndex(c => new { c.AcceptedAt, c.TicketId });
        builder.HasIndex(c => c.ContractReference);
    }
}
