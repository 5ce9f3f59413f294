using AfterSales.Documents.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Documents.Infrastructure.EntityConfigurations;

internal sealed class ArchivedDocumentConfiguration : IEntityTypeConfiguration<ArchivedDocument>
{
    public void Configure(EntityTypeBuilder<ArchivedDocument> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.TemplateCode).HasMaxLength(32);
        builder.HasOne<Template>().WithMany().HasForeignKey(d => d.TemplateCode).HasPrincipalKey(t => t.Code)
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.MediaType).HasMaxLength(100);
        builder.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
        // The content is read only through the document, which never hands out its array.
        builder.Property<byte[]>("_content").HasColumnName("Content");
        // One archived copy per content, template and subject: archiving it again finds the first copy.
        // One per subject station too: the copy found is always one the archiving caller may read.
        builder.HasIndex(d => new { d.TemplateCode, d.SubjectId, d.Sha256, d.SubjectStationId }).IsUnique().AreNullsDistinct(false);
        // A subject's copies, listed in the order they were archived.
        builder.HasIndex(d => new { d.SubjectId, d.Id });
    }
}
