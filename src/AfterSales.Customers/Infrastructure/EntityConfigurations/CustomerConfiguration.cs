using AfterSales.Customers.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Customers.Infrastructure.EntityConfigurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.HasIndex(c => c.ServingStationId);
        builder.OwnsMany(c => c.Contacts, contacts => contacts.ToJson());
        builder.Property(c => c.PhoneDigits).HasMaxLength(400);
        builder.HasMany(c => c.Sites).WithOne().HasForeignKey(s => s.CustomerId);
        builder.Property(c => c.Version).IsRowVersion();
    }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.HasKey(s => s.Id);
        // Made with its id and added through the customer: an id that is set must not read as an existing row.
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Address).HasMaxLength(500);
        builder.Property(s => s.Region).HasMaxLength(32);
    }
}
