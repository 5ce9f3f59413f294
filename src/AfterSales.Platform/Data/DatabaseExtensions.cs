using AfterSales.Platform.Audit;
using AfterSales.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AfterSales.Platform.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own database (connection <c>&lt;service&gt;-db</c>), its tables in a schema named for
    /// the service, with Aspire's health check, retries and tracing, and an audit entry for every change;
    /// migrations are applied and, in Development, demo data seeded before the service starts taking calls.
    /// The DbContext must call <see cref="PlatformModelExtensions.AddPlatformTables"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSeeder>(this IHostApplicationBuilder builder, string service)
        where TContext : DbContext
        where TSeeder : class, IDbSeeder<TContext>
    {
        builder.AddServiceDatabase<TContext>(service);
        builder.Services.AddScoped<IDbSeeder<TContext>, TSeeder>();
        return builder;
    }

    /// <summary>The service's database without demo data of its own (reference data is registered apart).</summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string service)
        where TContext : DbContext
    {
        var connectionName = ResourceNames.Database(service);
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseNpgsql(
                builder.Configuration.GetConnectionString(connectionName)
                    ?? throw new InvalidOperationException($"Connection string '{connectionName}' is not configured."),
                npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", service))
            // Platform interceptors (e.g. the outbox signal) registered by the platform's extensions.
            .AddInterceptors(services.GetServices<IInterceptor>()));
        builder.EnrichNpgsqlDbContext<TContext>();
        builder.Services.AddScoped<DbContext>(services => services.GetRequiredService<TContext>());
        builder.Services.AddSingleton(new OwnService(service));
        builder.Services.AddSingleton<IInterceptor, AuditInterceptor>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddBusinessCalendar();

        builder.Services.AddHostedService<MigrationHostedService<TContext>>();
        builder.Services.AddHostedService<PlatformTablesJanitor<TContext>>();
        return builder;
    }

    /// <summary>
    /// The next value of a sequence in the context's schema: never repeated, gaps allowed, safe however many
    /// callers draw at once (the numbers of customers, projects, requisitions...).
    /// </summary>
    public static async Task<long> NextValueAsync(this DbContext db, string sequence, CancellationToken cancellationToken)
    {
        var qualified = $"\"{db.Model.GetDefaultSchema()}\".\"{sequence}\"";
        return await db.Database.SqlQuery<long>($"SELECT nextval({qualified}::regclass) AS \"Value\"").SingleAsync(cancellationToken);
    }
}
