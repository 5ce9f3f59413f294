using AfterSales.Inventory.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Inventory.Infrastructure.EntityConfigurations;

internal sealed class MovementConfiguration : IEntityTypeConfiguration<Movement>
{
    public void Configure(EntityTypeBuilder<Movement> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Reference).HasMaxLength(Movement.MaxReferenceLength);
        builder.Property(m => m.BookedBy).HasMaxLength(200);
        // A warehouse's ledger, newest first, of all parts or one.
        builder.HasIndex(m => new { m.WarehouseId, m.Id });
        builder.HasIndex(m => new { m.WarehouseId, m.PartId, m.Id });
        builder.HasOne<Warehouse>().WithMany().HasForeignKey(m => m.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Part>().WithMany().HasForeignKey(m => m.PartId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReceivingSlipConfiguration : IEntityTypeConfiguration<ReceivingSlip>
{
    public void Configure(EntityTypeBuilder<ReceivingSlip> builder)
    {
        // One booking per slip number, however many callers book it at once.
        builder.HasKey(s => s.Number);
        builder.Property(s => s.Number).HasMaxLength(ReceivingSlip.MaxNumberLength);
        builder.Property(s => s.Supplier).HasMaxLength(ReceivingSlip.MaxSupplierLength);
        builder.Property(s => s.BookedBy).HasMaxLength(200);
    }
}

internal sealed class RequisitionConfiguration : IEntityTypeConfiguration<Requisition>
{
    public void Configure(EntityTypeBuilder<Requisition> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Code).HasMaxLength(32);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.Property(r => r.TicketNumber).HasMaxLength(32);
        builder.Property(r => r.ProposedBy).HasMaxLength(200);
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
        builder.Property(r => r.IssuedBy).HasMaxLength(200);
        builder.Property(r => r.Reason).HasMaxLength(Requisition.MaxReasonLength);
        builder.OwnsMany(r => r.Lines, lines => lines.ToJson());
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasIndex(r => new { r.StationId, r.Id });
        builder.HasIndex(r => r.TicketId);
        builder.HasOne<Warehouse>().WithMany().HasForeignKey(r => r.WarehouseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AbcRunConfiguration : IEntityTypeConfiguration<AbcRun>
{
    public void Configure(EntityTypeBuilder<AbcRun> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        // One scheduled run per month, whatever the replicas; runs on demand have none.
        builder.Property(r => r.Period).HasMaxLength(7);
        builder.HasIndex(r => r.Period).IsUnique();
        builder.Property(r => r.AShare).HasPrecision(5, 4);
        builder.Property(r => r.BShare).HasPrecision(5, 4);
        builder.Property(r => r.RanBy).HasMaxLength(200);
        builder.OwnsMany(r => r.Results, results => results.ToJson());
    }
}
