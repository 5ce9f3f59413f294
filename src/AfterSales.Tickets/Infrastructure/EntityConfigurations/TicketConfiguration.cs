using AfterSales.Tickets.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Tickets.Infrastructure.EntityConfigurations;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Number).HasMaxLength(Ticket.MaxNumberLength);
        builder.HasIndex(t => t.Number).IsUnique();
        builder.Property(t => t.SerialNumber).HasMaxLength(64);
        builder.Property(t => t.ComponentCode).HasMaxLength(32);
        builder.Property(t => t.ContactName).HasMaxLength(100);
        builder.Property(t => t.ContactPhone).HasMaxLength(32);
        builder.Property(t => t.FaultDescription).HasMaxLength(2000);
        builder.Property(t => t.CategoryReason).HasMaxLength(500);
        builder.Property(t => t.LateRegistrationReason).HasMaxLength(IntakeClock.MaxReasonLength);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasIndex(t => new { t.StationId, t.ReceivedAt });
        builder.HasIndex(t => new { t.ReceivedAt, t.Number });
    }
}

internal sealed class StationConfiguration : IEntityTypeConfiguration<Station>
{
    public void Configure(EntityTypeBuilder<Station> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Code).HasMaxLength(Station.MaxCodeLength);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Region).HasMaxLength(32);
    }
}

internal sealed class TechnicianConfiguration : IEntityTypeConfiguration<Technician>
{
    public void Configure(EntityTypeBuilder<Technician> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.HasOne<Station>().WithMany().HasForeignKey(t => t.StationId);
    }
}
