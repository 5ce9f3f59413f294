using AfterSales.Tickets.Model;
using AfterSales.Tickets.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Tickets.Infrastructure.EntityConfigurations;

// Tables are named here, not by DbSet properties, so the names do not depend on whether or how the
// context exposes these types.

internal sealed class ServiceCalendarConfiguration : IEntityTypeConfiguration<ServiceCalendar>
{
    public void Configure(EntityTypeBuilder<ServiceCalendar> builder)
    {
        builder.ToTable("ServiceCalendars");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(ServiceCalendar.MaxCodeLength);
        builder.Property(c => c.Name).HasMaxLength(ServiceCalendar.MaxNameLength);
        builder.Property(c => c.TimeZoneId).HasMaxLength(ServiceCalendar.MaxTimeZoneIdLength);
        builder.PrimitiveCollection(c => c.WorkingDays).HasField("_workingDays");
        builder.OwnsMany(c => c.SpecialDays, days => days.ToJson());
        builder.Navigation(c => c.SpecialDays).HasField("_specialDays");
    }
}

internal sealed class SlaRuleConfiguration : IEntityTypeConfiguration<SlaRule>
{
    public void Configure(EntityTypeBuilder<SlaRule> builder)
    {
        builder.ToTable("SlaRules");
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(SlaRule.MaxCodeLength);
        builder.Property(r => r.Description).HasMaxLength(SlaRule.MaxDescriptionLength);
        builder.ComplexProperty(r => r.Criteria, criteria =>
        {
            criteria.Property(c => c.FaultType).HasMaxLength(SlaCriteria.MaxCodeLength);
            criteria.Property(c => c.Region).HasMaxLength(SlaCriteria.MaxCodeLength);
        });
        Target(builder.ComplexProperty(r => r.FirstResponse));
        Target(builder.ComplexProperty(r => r.Arrival));
        Target(builder.ComplexProperty(r => r.Resolution));
    }

    private static void Target(ComplexPropertyBuilder<SlaTarget> target) =>
        target.Property(t => t.CalendarCode).HasMaxLength(ServiceCalendar.MaxCodeLength);
}

internal sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> builder)
    {
        builder.ToTable("SlaClocks");
        builder.HasKey(c => new { c.TicketId, c.Round, c.Kind });
        builder.Property(c => c.RuleCode).HasMaxLength(SlaRule.MaxCodeLength);
        builder.Property(c => c.CalendarCode).HasMaxLength(ServiceCalendar.MaxCodeLength);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasOne<Ticket>().WithMany().HasForeignKey(c => c.TicketId);
        // Open clocks by due time: what the "due before" queues read.
        builder.HasIndex(c => c.DueAt).HasFilter("\"StoppedAt\" IS NULL");
        // What the escalation job reads each round: clocks not found breached yet that still may be (running, or
        // stopped after their due time), by due time. Without it the round read every clock ever stopped.
        builder.HasIndex(c => c.DueAt, "IX_SlaClocks_Unsignalled_DueAt")
            .HasFilter("\"BreachSignalledAt\" IS NULL AND (\"StoppedAt\" IS NULL OR \"StoppedAt\" > \"DueAt\")");
        // The service report's period: clocks stopped or breached in it.
        builder.HasIndex(c => c.StoppedAt).HasFilter("\"StoppedAt\" IS NOT NULL");
        builder.HasIndex(c => c.BreachSignalledAt).HasFilter("\"BreachSignalledAt\" IS NOT NULL");
    }
}
