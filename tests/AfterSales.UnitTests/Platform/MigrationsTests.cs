using AfterSales.Billing.Infrastructure;
using AfterSales.Customers.Infrastructure;
using AfterSales.Documents.Infrastructure;
using AfterSales.Feedback.Infrastructure;
using AfterSales.Identity.Infrastructure;
using AfterSales.Inventory.Infrastructure;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.UnitTests.Platform;

/// <summary>
/// Each service's model against its checked-in migrations, without a database: the model built with the
/// PostgreSQL provider, as the service builds it, compared with the migrations' model snapshot.
/// </summary>
public class MigrationsTests
{
    private static readonly string[] ServicesWithADatabase = [.. ResourceNames.Services, ResourceNames.Identity];

    public static TheoryData<string> Services() => [.. ServicesWithADatabase];

    [Theory]
    [MemberData(nameof(Services))]
    public void The_checked_in_migrations_match_the_model(string service)
    {
        using var db = ContextOf(service);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {service} model has changes no migration captures: add a migration (README, \"Working on it\").");
    }

    [Fact]
    public void Every_service_database_of_the_suite_is_checked()
    {
        var assemblies = new[]
        {
            typeof(CustomersDbContext), typeof(TicketsDbContext), typeof(InventoryDbContext), typeof(BillingDbContext),
            typeof(FeedbackDbContext), typeof(DocumentsDbContext), typeof(IdentityDbContext),
        }.Select(t => t.Assembly);
        var contexts = assemblies.SelectMany(a => a.GetTypes()).Where(t => t.IsSubclassOf(typeof(DbContext)) && !t.IsAbstract).ToHashSet();

        var checkedContexts = ServicesWithADatabase.Select(service =>
        {
            using var db = ContextOf(service);
            return db.GetType();
        }).ToHashSet();

        Assert.Equal(contexts, checkedContexts);
    }

    /// <summary>The service's DbContext on the PostgreSQL provider with no connection: enough to build its model.</summary>
    private static DbContext ContextOf(string service) => service switch
    {
        ResourceNames.Customers => new CustomersDbContext(Options<CustomersDbContext>(service)),
        ResourceNames.Tickets => new TicketsDbContext(Options<TicketsDbContext>(service)),
        ResourceNames.Inventory => new InventoryDbContext(Options<InventoryDbContext>(service)),
        ResourceNames.Billing => new BillingDbContext(Options<BillingDbContext>(service)),
        ResourceNames.Feedback => new FeedbackDbContext(Options<FeedbackDbContext>(service)),
        ResourceNames.Documents => new DocumentsDbContext(Options<DocumentsDbContext>(service)),
        ResourceNames.Identity => new IdentityDbContext(Options<IdentityDbContext>(service)),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "No database known for this service."),
    };

    private static DbContextOptions<TContext> Options<TContext>(string service) where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>()
            .UseNpgsql(npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", service))
            .Options;
}
