using AfterSales.Billing.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Billing.Infrastructure.EntityConfigurations;

internal sealed class TicketAccountConfiguration : IEntityTypeConfiguration<TicketAccount>
{
    public void Configure(EntityTypeBuilder<TicketAccount> builder)
    {
        builder.HasKey(a => a.TicketId);
        builder.Property(a => a.TicketNumber).HasMaxLength(32);
        builder.HasIndex(a => a.StationId);
    }
}
