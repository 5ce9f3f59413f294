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

internal sealed class OldPartConfiguration : IEntityTypeConfiguration<OldPart>
{
    public void Configure(EntityTypeBuilder<OldPart> builder)
    {
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.TicketNumber).HasMaxLength(32);
        builder.Property(o => o.PartNumber).HasMaxLength(32);
        builder.Property(o => o.ReturnedTo).HasMaxLength(200);
        builder.Property(o => o.WrittenOffBy).HasMaxLength(200);
        builder.Property(o => o.Version).IsRowVersion();
        // The lists a station and a technician work from.
        builder.HasIndex(o => new { o.StationId, o.Status, o.Id });
        builder.HasIndex(o => new { o.TechnicianId, o.Status });
        builder.HasIndex(o => o.TicketId);
        builder.HasOne<Part>().WithMany().HasForeignKey(o => o.PartId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SignedTicketConfiguration : IEntityTypeConfiguration<SignedTicket>
{
    public void Configure(EntityTypeBuilder<SignedTicket> builder)
    {
        builder.HasKey(s => s.TicketId);
        builder.Property(s => s.TicketNumber).HasMaxLength(32);
        builder.Property(s => s.SignedBy).HasMaxLength(200);
    }
}

internal sealed class OldPartShipmentConfiguration : IEntityTypeConfiguration<OldPartShipment>
{
    public void Configure(EntityTypeBuilder<OldPartShipment> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        // One run per station and month.
        builder.HasIndex(s => new { s.StationId, s.Month }).IsUnique();
        builder.Property(s => s.Month).HasMaxLength(7);
        builder.Property(s => s.Carrier).HasMaxLength(OldPartShipment.MaxTextLength);
        builder.Property(s => s.TrackingNumber).HasMaxLength(OldPartShipment.MaxTextLength);
        builder.Property(s => s.Postage).HasPrecision(18, 2);
        builder.Property(s => s.ShippedBy).HasMaxLength(200);
    }
}
