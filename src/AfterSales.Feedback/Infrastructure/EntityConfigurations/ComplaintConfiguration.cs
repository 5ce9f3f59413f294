using AfterSales.Feedback.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Feedback.Infrastructure.EntityConfigurations;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Number).HasMaxLength(32);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.Description).HasMaxLength(2000);
        builder.Property(c => c.Version).IsRowVersion();
        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => new { c.RecordedAt, c.Number });
        // Steps are only ever read with their complaint, in order: one JSON column keeps them together.
        builder.OwnsMany(c => c.Progress, progress => progress.ToJson());
    }
}
