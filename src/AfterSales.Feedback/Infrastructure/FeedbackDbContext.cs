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

    public Task<long> NextComplaintSequenceAsync(CancellationToken cancellationToken) => this.NextValueAsync(ComplaintNumberSequence, cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ResourceNames.Feedback);
        modelBuilder.HasSequence<long>(ComplaintNumberSequence);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FeedbackDbContext).Assembly);
        modelBuilder.AddPlatformTables();
    }
}
