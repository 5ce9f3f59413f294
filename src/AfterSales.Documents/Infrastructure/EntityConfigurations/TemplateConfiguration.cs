using AfterSales.Documents.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Documents.Infrastructure.EntityConfigurations;

internal sealed class TemplateConfiguration : IEntityTypeConfiguration<Template>
{
    public void Configure(EntityTypeBuilder<Template> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Code).HasMaxLength(32);
        builder.HasAlternateKey(t => t.Code);
        builder.Property(t => t.Title).HasMaxLength(100);
    }
}
