using AfterSales.Platform.Audit;
using AfterSales.Platform.Events;
using AfterSales.Platform.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Platform.Data;

public static class PlatformModelExtensions
{
    /// <summary>
    /// The tables every service keeps beside its own, in its own schema: the audit trail, the event
    /// outbox and inbox, parked events, and the answers to requests with a request id.
    /// </summary>
    public static ModelBuilder AddPlatformTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.HasKey(e => e.Id);
            audit.Property(e => e.Actor).HasMaxLength(200);
            audit.Property(e => e.Operation).HasMaxLength(200);
            audit.Property(e => e.EntityType).HasMaxLength(100);
            audit.Property(e => e.EntityId).HasMaxLength(200);
            audit.Property(e => e.Change).HasMaxLength(16);
            audit.Property(e => e.ValuesJson).HasColumnType("jsonb");
            audit.HasIndex(e => e.EntityId);
        });
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Type).HasMaxLength(200);
            outbox.Property(m => m.TraceParent).HasMaxLength(64);
            // The relay looks only at what is still unpublished.
            outbox.HasIndex(m => m.CreatedAt).HasFilter("\"PublishedAt\" IS NULL");
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.HasKey(m => m.EventId);
            inbox.HasIndex(m => m.ProcessedAt);
            inbox.Property(m => m.Type).HasMaxLength(200);
        });
        modelBuilder.Entity<ParkedEvent>(parked =>
        {
            parked.HasKey(m => m.EventId);
            parked.Property(m => m.Type).HasMaxLength(200);
            parked.Property(m => m.TraceParent).HasMaxLength(64);
        });
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.HasKey(r => new { r.Caller, r.Method, r.RequestId });
            record.Property(r => r.Caller).HasMaxLength(200);
            record.Property(r => r.Method).HasMaxLength(200);
            record.Property(r => r.RequestId).HasMaxLength(100);
            record.HasIndex(r => r.CreatedAt);
        });
        return modelBuilder;
    }
}
