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

internal sealed class ReturnVisitPlanConfiguration : IEntityTypeConfiguration<ReturnVisitPlan>
{
    public void Configure(EntityTypeBuilder<ReturnVisitPlan> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.PlannedBy).HasMaxLength(200);
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId);
    }
}

internal sealed class ReturnVisitConfiguration : IEntityTypeConfiguration<ReturnVisit>
{
    public void Configure(EntityTypeBuilder<ReturnVisit> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.DoneBy).HasMaxLength(200);
        builder.Property(v => v.Outcome).HasMaxLength(ReturnVisit.MaxOutcomeLength);
        builder.Property(v => v.Version).IsRowVersion();
        builder.HasOne<ReturnVisitPlan>().WithMany().HasForeignKey(v => v.PlanId);
        // The due list, earliest first, and one station's.
        builder.HasIndex(v => new { v.DueOn, v.Id }).HasFilter("\"DoneAt\" IS NULL");
        builder.HasIndex(v => new { v.ServingStationId, v.DueOn });
        builder.HasIndex(v => v.CustomerId);
    }
}

internal sealed class TrainingConfiguration : IEntityTypeConfiguration<Training>
{
    public void Configure(EntityTypeBuilder<Training> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Topic).HasMaxLength(Training.MaxTopicLength);
        builder.Property(t => t.Trainer).HasMaxLength(Training.MaxNameLength);
        builder.Property(t => t.PlannedBy).HasMaxLength(200);
        builder.OwnsMany(t => t.Attendees, attendees => attendees.ToJson());
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId);
        builder.HasIndex(t => t.CustomerId);
    }
}
