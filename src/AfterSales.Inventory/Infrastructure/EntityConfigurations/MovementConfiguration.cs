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
        // A warehouse's ledger, newest first, of all parts or one; the issues of an ABC run's window.
        builder.HasIndex(m => new { m.WarehouseId, m.BookedAt, m.Id });
        builder.HasIndex(m => new { m.WarehouseId, m.PartId, m.BookedAt, m.Id });
        builder.HasIndex(m => new { m.Kind, m.BookedAt });
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
        builder.Property(o => o.UnitPrice).HasPrecision(18, 2);
        builder.HasIndex(o => o.ClaimId);
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

internal sealed class PurchaseRequestConfiguration : IEntityTypeConfiguration<PurchaseRequest>
{
    public void Configure(EntityTypeBuilder<PurchaseRequest> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Code).HasMaxLength(32);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Reason).HasMaxLength(PurchaseRequest.MaxReasonLength);
        builder.Property(p => p.RequestedBy).HasMaxLength(200);
        builder.Property(p => p.RejectedBy).HasMaxLength(200);
        builder.Property(p => p.RejectionReason).HasMaxLength(PurchaseRequest.MaxReasonLength);
        builder.Property(p => p.ReceivedSlip).HasMaxLength(ReceivingSlip.MaxNumberLength);
        builder.OwnsMany(p => p.Lines, lines => lines.ToJson());
        builder.OwnsMany(p => p.Approvals, approvals => approvals.ToJson());
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasIndex(p => p.Status);
    }
}

internal sealed class RmaCaseConfiguration : IEntityTypeConfiguration<RmaCase>
{
    public void Configure(EntityTypeBuilder<RmaCase> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Code).HasMaxLength(32);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.Property(r => r.PartNumber).HasMaxLength(32);
        builder.Property(r => r.SerialNumber).HasMaxLength(64);
        builder.Property(r => r.Supplier).HasMaxLength(200);
        builder.Property(r => r.Fault).HasMaxLength(RmaCase.MaxTextLength);
        builder.Property(r => r.ReturnNote).HasMaxLength(RmaCase.MaxTextLength);
        builder.Property(r => r.OpenedBy).HasMaxLength(200);
        builder.Property(r => r.ConfirmedBy).HasMaxLength(200);
        builder.Property(r => r.ApprovedBy).HasMaxLength(200);
        builder.Property(r => r.Carrier).HasMaxLength(100);
        builder.Property(r => r.TrackingNumber).HasMaxLength(100);
        builder.Property(r => r.SupplierConfirmation).HasMaxLength(100);
        builder.Property(r => r.Fee).HasPrecision(18, 2);
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasIndex(r => r.Status);
        builder.HasOne<Part>().WithMany().HasForeignKey(r => r.PartId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StockCountConfiguration : IEntityTypeConfiguration<StockCount>
{
    public void Configure(EntityTypeBuilder<StockCount> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.OpenedBy).HasMaxLength(200);
        builder.Property(c => c.SubmittedBy).HasMaxLength(200);
        builder.Property(c => c.DecidedBy).HasMaxLength(200);
        builder.Property(c => c.Reason).HasMaxLength(StockCount.MaxReasonLength);
        builder.OwnsMany(c => c.Lines, lines => lines.ToJson());
        builder.Property(c => c.Version).IsRowVersion();
        // One unfinished count per warehouse, however many open one at once: two sheets would book one difference twice.
        builder.HasIndex(c => c.WarehouseId).IsUnique()
            .HasFilter($"\"Status\" IN ({(int)StockCountStatus.Open}, {(int)StockCountStatus.Submitted})")
            .HasDatabaseName("IX_StockCounts_Unfinished");
        builder.HasIndex(c => new { c.StationId, c.Id });
        builder.HasOne<Warehouse>().WithMany().HasForeignKey(c => c.WarehouseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LoanerConfiguration : IEntityTypeConfiguration<Loaner>
{
    public void Configure(EntityTypeBuilder<Loaner> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Code).HasMaxLength(32);
        builder.HasIndex(l => l.Code).IsUnique();
        builder.Property(l => l.Model).HasMaxLength(200);
        builder.Property(l => l.SerialNumber).HasMaxLength(64);
        builder.HasIndex(l => l.SerialNumber).IsUnique();
        builder.Property(l => l.Note).HasMaxLength(Loaner.MaxTextLength);
        builder.Property(l => l.TicketNumber).HasMaxLength(32);
        builder.Property(l => l.LentBy).HasMaxLength(200);
        builder.Property(l => l.LastCondition).HasMaxLength(Loaner.MaxTextLength);
        builder.Property(l => l.RetiredReason).HasMaxLength(Loaner.MaxTextLength);
        builder.Property(l => l.Version).IsRowVersion();
        builder.HasIndex(l => l.TicketId);
        builder.HasIndex(l => new { l.Status, l.DueBackOn });
    }
}

internal sealed class ToolConfiguration : IEntityTypeConfiguration<Tool>
{
    public void Configure(EntityTypeBuilder<Tool> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Code).HasMaxLength(32);
        builder.HasIndex(t => t.Code).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Specification).HasMaxLength(Tool.MaxTextLength);
        builder.Property(t => t.SerialNumber).HasMaxLength(64);
        builder.Property(t => t.Value).HasPrecision(18, 2);
        builder.Property(t => t.TechnicianName).HasMaxLength(200);
        builder.Property(t => t.LossCause).HasMaxLength(Tool.MaxTextLength);
        builder.Property(t => t.Compensation).HasPrecision(18, 2);
        builder.Property(t => t.ReportedBy).HasMaxLength(200);
        builder.OwnsMany(t => t.HandOvers, handOvers => handOvers.ToJson());
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasIndex(t => new { t.StationId, t.Code });
        builder.HasIndex(t => t.TechnicianId);
    }
}

internal sealed class SupplierClaimConfiguration : IEntityTypeConfiguration<SupplierClaim>
{
    public void Configure(EntityTypeBuilder<SupplierClaim> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.Supplier).HasMaxLength(200);
        builder.Property(c => c.Claimed).HasPrecision(18, 2);
        builder.Property(c => c.Recovered).HasPrecision(18, 2);
        builder.Property(c => c.SupplierReference).HasMaxLength(100);
        builder.Property(c => c.RefusalReason).HasMaxLength(500);
        builder.Property(c => c.OpenedBy).HasMaxLength(200);
        builder.Property(c => c.ClosedBy).HasMaxLength(200);
        builder.OwnsMany(c => c.Parts, parts => parts.ToJson());
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasIndex(c => new { c.Status, c.Id });
    }
}
