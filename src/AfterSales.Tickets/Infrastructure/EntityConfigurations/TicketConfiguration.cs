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
        builder.Property(t => t.FaultType).HasMaxLength(32);
        builder.Property(t => t.SiteCondition).HasMaxLength(1000);
        builder.Property(t => t.SiteAddress).HasMaxLength(300);
        builder.Property(t => t.Region).HasMaxLength(Station.MaxRegionLength);
        builder.Property(t => t.RemoteConsentBy).HasMaxLength(100);
        builder.Property(t => t.HoldNote).HasMaxLength(Ticket.MaxNoteLength);
        builder.Property(t => t.ReceiptNumber).HasMaxLength(32);
        builder.Property(t => t.SignedBy).HasMaxLength(100);
        builder.Property(t => t.CancelReason).HasMaxLength(Ticket.MaxNoteLength);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasMany(t => t.StatusChanges).WithOne().HasForeignKey(c => c.TicketId);
        builder.HasMany(t => t.Assignments).WithOne().HasForeignKey(a => a.TicketId);
        builder.HasMany(t => t.WorkRecords).WithOne().HasForeignKey(r => r.TicketId);
        // Each ticket list in its own order (newest received first), so a page reads only its own rows however
        // many tickets the table holds (the benchmark reads every list's plan over a million): everyone's, a
        // station's, a customer's, a technician's.
        builder.HasIndex(t => new { t.ReceivedAt, t.Number });
        builder.HasIndex(t => new { t.StationId, t.ReceivedAt, t.Number });
        builder.HasIndex(t => new { t.CustomerId, t.ReceivedAt, t.Number }).HasFilter("\"CustomerId\" IS NOT NULL");
        builder.HasIndex(t => new { t.TechnicianId, t.ReceivedAt, t.Number }).HasFilter("\"TechnicianId\" IS NOT NULL");
        builder.HasIndex(t => new { t.ReceivedAt, t.Number }, "IX_Tickets_Breached_ReceivedAt_Number").HasFilter("\"BreachedAt\" IS NOT NULL");
        // A station's tickets by registration: the service report's period.
        builder.HasIndex(t => new { t.StationId, t.CreatedAt });
        // The dispatch queue: a station's registered tickets, most urgent then oldest; a technician's open load.
        builder.HasIndex(t => new { t.StationId, t.Status, t.Priority, t.CreatedAt, t.Id }).IsDescending(false, false, true, false, false);
        builder.HasIndex(t => new { t.TechnicianId, t.Status }).HasFilter("\"TechnicianId\" IS NOT NULL");
        // The most urgent first: the open tickets (a closed one has no due time), everyone's and a station's.
        builder.HasIndex(t => new { t.NextDueAt, t.Number });
        builder.HasIndex(t => new { t.StationId, t.NextDueAt, t.Number }).HasFilter("\"NextDueAt\" IS NOT NULL");
        // A project's jobs waiting for a batch visit.
        builder.HasIndex(t => new { t.ProjectId, t.BatchVisitOn }).HasFilter("\"BatchVisitOn\" IS NOT NULL");
    }
}

internal sealed class TicketStatusChangeConfiguration : IEntityTypeConfiguration<TicketStatusChange>
{
    public void Configure(EntityTypeBuilder<TicketStatusChange> builder)
    {
        builder.HasKey(c => c.Id);
        // Made with its id and added through the ticket: an id that is set must not read as an existing row.
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Actor).HasMaxLength(200);
        builder.Property(c => c.Note).HasMaxLength(2 * Ticket.MaxNoteLength);
        builder.HasIndex(c => new { c.TicketId, c.At });
        // The service report's period.
        builder.HasIndex(c => c.At);
    }
}

internal sealed class TicketAssignmentConfiguration : IEntityTypeConfiguration<TicketAssignment>
{
    public void Configure(EntityTypeBuilder<TicketAssignment> builder)
    {
        builder.HasKey(a => a.Id);
        // Made with its id and added through the ticket: an id that is set must not read as an existing row.
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.AssignedBy).HasMaxLength(200);
        builder.Property(a => a.EndReason).HasMaxLength(2 * Ticket.MaxNoteLength);
        builder.HasOne<Technician>().WithMany().HasForeignKey(a => a.TechnicianId);
        // At most one open assignment per ticket, whatever two dispatchers do at once.
        builder.HasIndex(a => a.TicketId).IsUnique().HasFilter("\"EndedAt\" IS NULL");
        // A ticket's assignments past and present, in order: its history.
        builder.HasIndex(a => new { a.TicketId, a.AssignedAt });
    }
}

internal sealed class WorkRecordConfiguration : IEntityTypeConfiguration<WorkRecord>
{
    public void Configure(EntityTypeBuilder<WorkRecord> builder)
    {
        builder.HasKey(r => r.Id);
        // Made with its id and added through the ticket: an id that is set must not read as an existing row.
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RecordedBy).HasMaxLength(200);
        builder.Property(r => r.RunningHours).HasPrecision(12, 2);
        builder.Property(r => r.MileageKm).HasPrecision(12, 2);
        builder.Property(r => r.FindingsListen).HasMaxLength(1000);
        builder.Property(r => r.FindingsLook).HasMaxLength(1000);
        builder.Property(r => r.FindingsCheck).HasMaxLength(1000);
        builder.Property(r => r.WorkDone).HasMaxLength(2000);
        builder.OwnsMany(r => r.Parts, parts => parts.ToJson());
        builder.OwnsMany(r => r.Labour, labour => labour.ToJson());
        builder.HasIndex(r => r.TicketId);
        // The service report's period.
        builder.HasIndex(r => r.RecordedAt);
    }
}

internal sealed class FaultTypeConfiguration : IEntityTypeConfiguration<FaultType>
{
    public void Configure(EntityTypeBuilder<FaultType> builder)
    {
        builder.HasKey(f => f.Code);
        builder.Property(f => f.Code).HasMaxLength(32);
        builder.Property(f => f.Name).HasMaxLength(100);
        builder.Property(f => f.Skill).HasMaxLength(50);
        builder.Property(f => f.Certification).HasMaxLength(50);
        builder.HasData(FaultType.Defaults);
    }
}

internal sealed class StationConfiguration : IEntityTypeConfiguration<Station>
{
    public void Configure(EntityTypeBuilder<Station> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Code).HasMaxLength(Station.MaxCodeLength);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(Station.MaxNameLength);
        builder.Property(s => s.Region).HasMaxLength(Station.MaxRegionLength);
    }
}

internal sealed class TechnicianConfiguration : IEntityTypeConfiguration<Technician>
{
    public void Configure(EntityTypeBuilder<Technician> builder)
    {
        // One technician per account.
        builder.HasIndex(t => t.UserId).IsUnique();
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(Technician.MaxNameLength);
        builder.Property(t => t.Region).HasMaxLength(Station.MaxRegionLength);
        builder.HasOne<Station>().WithMany().HasForeignKey(t => t.StationId);
    }
}

internal sealed class EscalationConfiguration : IEntityTypeConfiguration<Escalation>
{
    public void Configure(EntityTypeBuilder<Escalation> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Sequence).UseIdentityAlwaysColumn();
        builder.Property(e => e.TicketNumber).HasMaxLength(Ticket.MaxNumberLength);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(e => e.TicketId);
        // A threshold escalates once, whatever evaluates it: the clock's row version makes sure, this too.
        builder.HasIndex(e => new { e.TicketId, e.Round, e.Clock, e.Cause }).IsUnique();
        builder.HasIndex(e => new { e.Level, e.Sequence });
    }
}

internal sealed class TicketLoanConfiguration : IEntityTypeConfiguration<TicketLoan>
{
    public void Configure(EntityTypeBuilder<TicketLoan> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Code).HasMaxLength(32);
        builder.Property(l => l.Model).HasMaxLength(200);
        builder.Property(l => l.SerialNumber).HasMaxLength(64);
        // One row per loan, however often its event is replayed.
        builder.HasIndex(l => new { l.LoanerId, l.LentAt }).IsUnique();
        builder.HasIndex(l => l.TicketId);
        builder.HasOne<Ticket>().WithMany().HasForeignKey(l => l.TicketId);
    }
}

internal sealed class VisitScheduleConfiguration : IEntityTypeConfiguration<VisitSchedule>
{
    public void Configure(EntityTypeBuilder<VisitSchedule> builder)
    {
        builder.HasKey(v => v.ProjectId);
        builder.Property(v => v.ProjectId).ValueGeneratedNever();
        builder.Property(v => v.ProjectCode).HasMaxLength(32);
        builder.Property(v => v.SetBy).HasMaxLength(200);
        builder.Property(v => v.Version).IsRowVersion();
        builder.HasIndex(v => v.StationId);
    }
}
