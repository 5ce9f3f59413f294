using AfterSales.Tickets.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Tickets.Infrastructure.EntityConfigurations;

internal sealed class BuilderRepairConfiguration : IEntityTypeConfiguration<BuilderRepair>
{
    public void Configure(EntityTypeBuilder<BuilderRepair> builder)
    {
        // One per ticket: the ticket's id is its key, so a second notice for one ticket cannot be saved.
        builder.HasKey(r => r.TicketId);
        builder.HasOne<Ticket>().WithOne().HasForeignKey<BuilderRepair>(r => r.TicketId);
        builder.Property(r => r.Builder).HasMaxLength(BuilderRepair.MaxNameLength);
        builder.Property(r => r.BuilderContact).HasMaxLength(BuilderRepair.MaxNameLength);
        builder.Property(r => r.ContractReference).HasMaxLength(BuilderRepair.MaxNameLength);
        builder.Property(r => r.NotifiedBy).HasMaxLength(200);
        builder.Property(r => r.BuilderAnswer).HasMaxLength(BuilderRepair.MaxTextLength);
        builder.Property(r => r.HiredTeamName).HasMaxLength(BuilderRepair.MaxNameLength);
        builder.Property(r => r.TakenOverBy).HasMaxLength(200);
        builder.Property(r => r.PhoneApprovalBy).HasMaxLength(BuilderRepair.MaxNameLength);
        builder.Property(r => r.PhoneApprovalSignedBy).HasMaxLength(200);
        builder.Property(r => r.EstimateAmount).HasPrecision(14, 2);
        builder.Property(r => r.EstimatePlan).HasMaxLength(BuilderRepair.MaxTextLength);
        builder.Property(r => r.EstimatePreparedBy).HasMaxLength(200);
        builder.Property(r => r.EstimateConfirmedBy).HasMaxLength(200);
        builder.Property(r => r.EstimateApprovedBy).HasMaxLength(200);
        builder.Property(r => r.AcceptedByManager).HasMaxLength(BuilderRepair.MaxNameLength);
        builder.Property(r => r.AcceptedByOwner).HasMaxLength(BuilderRepair.MaxNameLength);
        builder.Property(r => r.Version).IsRowVersion();
        builder.OwnsMany(r => r.Surveys, surveys => surveys.ToJson());
        builder.OwnsMany(r => r.Costs, costs => costs.ToJson());
        // The builders' repairs a station follows: those still owed, by deadline.
        builder.HasIndex(r => new { r.StationId, r.Stage, r.RepairBy });
        builder.Ignore(r => r.TotalCost);
        builder.Ignore(r => r.BuilderCharge);
    }
}
