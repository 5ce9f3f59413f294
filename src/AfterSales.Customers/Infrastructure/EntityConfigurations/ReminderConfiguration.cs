using AfterSales.Customers.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Customers.Infrastructure.EntityConfigurations;

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        // Raised once, whatever the replicas or restarts: the scheduler's insert of a second copy is refused here.
        builder.HasIndex(r => new { r.Kind, r.SubjectId, r.Occasion }).IsUnique();
        builder.Property(r => r.Occasion).HasMaxLength(32);
        builder.Property(r => r.SubjectLabel).HasMaxLength(64);
        builder.Property(r => r.Summary).HasMaxLength(500);
        builder.Property(r => r.HandledBy).HasMaxLength(200);
        builder.Property(r => r.Outcome).HasMaxLength(Reminder.MaxOutcomeLength);
        builder.Property(r => r.Version).IsRowVersion();
        // The open list, last day to act first, and one station's.
        builder.HasIndex(r => new { r.ActBy, r.Id }).HasFilter("\"HandledAt\" IS NULL");
        builder.HasIndex(r => new { r.ServingStationId, r.ActBy });
        builder.HasIndex(r => r.CustomerId);
    }
}

internal sealed class SoftwareReleaseConfiguration : IEntityTypeConfiguration<SoftwareRelease>
{
    public void Configure(EntityTypeBuilder<SoftwareRelease> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Model).HasMaxLength(100);
        builder.Property(r => r.Version).HasMaxLength(32);
        builder.Property(r => r.Notes).HasMaxLength(SoftwareRelease.MaxNotesLength);
        builder.Property(r => r.AnnouncedBy).HasMaxLength(200);
        builder.HasIndex(r => new { r.Model, r.Version }).IsUnique();
    }
}
