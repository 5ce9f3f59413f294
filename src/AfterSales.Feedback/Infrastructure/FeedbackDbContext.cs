using AfterSales.Feedback.Model;
using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Feedback.Infrastructure;

public sealed class FeedbackDbContext(DbContextOptions<FeedbackDbContext> options) : DbContext(options)
{
    /// <summary>The sequence behind complaint numbers: gap-tolerant, never repeated, safe under concurrency.</summary>
    public const string ComplaintNumberSequence = "complaint_numbers";

    public DbSet<Complaint> Complaints => Set<Complaint>();

    public async Task<long> NextComplaintSequenceAsync(CancellationToken cancellationToken) =>
        await Database.SqlQueryRaw<long>($"SELECT nextval('{ResourceNames.Feedback}.{ComplaintNumberSequence}') AS \"Value\"")
            .SingleAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ResourceNames.Feedback);
        modelBuilder.HasSequence<long>(ComplaintNumberSequence);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FeedbackDbContext).Assembly);
        modelBuilder.AddPlatformTables();
    }
}
