using AfterSales.Customers.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Customers.Infrastructure.EntityConfigurations;

internal sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Model).HasMaxLength(100);
        builder.Property(a => a.SerialNumber).HasMaxLength(64);
        builder.HasIndex(a => a.SerialNumber).IsUnique();
        builder.Property(a => a.SoftwareVersion).HasMaxLength(32);
        builder.HasIndex(a => a.CustomerId);
        // Software releases are per model.
        builder.HasIndex(a => a.Model);
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId);
        builder.HasIndex(a => a.ProjectId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId);
        builder.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId);
        builder.OwnsMany(a => a.Components, components => components.ToJson());
        builder.Property(a => a.Version).IsRowVersion();
    }
}

internal sealed class WarrantyChangeConfiguration : IEntityTypeConfiguration<WarrantyChange>
{
    public void Configure(EntityTypeBuilder<WarrantyChange> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ComponentCode).HasMaxLength(32);
        builder.Property(c => c.Reason).HasMaxLength(WarrantyChange.MaxReasonLength);
        builder.Property(c => c.ChangedBy).HasMaxLength(200);
        builder.HasOne<Asset>().WithMany().HasForeignKey(c => c.AssetId);
        builder.HasIndex(c => new { c.AssetId, c.ChangedAt });
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Number).HasMaxLength(Contract.MaxNumberLength);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.Price).HasPrecision(18, 2);
        builder.OwnsOne(c => c.Services);
        builder.Property(c => c.TerminationReason).HasMaxLength(WarrantyChange.MaxReasonLength);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasOne<Contract>().WithMany().HasForeignKey(c => c.RenewsContractId);
        builder.HasIndex(c => c.CustomerId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId);
    }
}
