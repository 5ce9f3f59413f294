using AfterSales.Platform.Audit;
using AfterSales.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

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

    /// <summary>
    /// Npgsql's defaults reset a pooled connection (DISCARD ALL) before its next use and prepare no statement, so
    /// each query was parsed and planned again: a read by primary key took 1.2 to 2.4 ms in the service against
    /// 0.4 ms in psql. The services keep no session state on a pooled connection (no SET; the outbox relay's
    /// advisory lock is transaction-scoped and the migration lock's connection unpooled), so the reset is skipped
    /// and the statements used most are prepared once per connection. A setting in the connection string wins.
    /// </summary>
    internal static string Tuned(string connectionString)
    {
        // Npgsql's builder knows every keyword, so what the string itself names is read with the plain one.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains(nameof(settings.NoResetOnClose)))
        {
            settings.NoResetOnClose = true;
        }
        if (!given.Contains(nameof(settings.MaxAutoPrepare)))
        {
            settings.MaxAutoPrepare = 100;
        }
        return settings.ConnectionString;
    }

    /// <summary>The service's database without demo data of its own (reference data is registered apart).</summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string service)
        where TContext : DbContext
    {
        var connectionName = ResourceNames.Database(service);
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseNpgsql(
                Tuned(builder.Configuration.GetConnectionString(connectionName)
                    ?? throw new InvalidOperationException($"Connection string '{connectionName}' is not configured.")),
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
