using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AfterSales.Platform.Data;

/// <summary>
/// Reference data every installation starts with (e.g. SLA rules and calendars), written in every
/// environment after the migrations when it is missing, and from then on maintained as data. Must be safe to
/// run on every start, and leave alone what an installation changed.
/// </summary>
public interface IReferenceDataSeeder<in TContext> where TContext : DbContext
{
    Task SeedAsync(TContext context, CancellationToken cancellationToken);
}

/// <summary>Demo data a newcomer meets in Development; must be safe to run on every start.</summary>
public interface IDbSeeder<in TContext> where TContext : DbContext
{
    Task SeedAsync(TContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Applies the checked-in migrations, the reference data (and the Development seed) while the host starts, before Kestrel
/// listens, so a service is never reachable with an old schema. Replicas starting together take turns, under a
/// PostgreSQL advisory lock: two migrating at once both create the same tables (one dies on "relation already
/// exists"), and the seeders add what they find missing, so two at once would both find it missing and add it.
/// </summary>
internal sealed partial class MigrationHostedService<TContext>(
    IServiceProvider services, IHostEnvironment environment, ILogger<MigrationHostedService<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    private static readonly ActivitySource Source = new("AfterSales.Migrations");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity($"Migrate {typeof(TContext).Name}");
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var turn = await TakeTurnAsync(context, cancellationToken);
        var strategy = context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await context.Database.MigrateAsync(cancellationToken);
            foreach (var seeder in scope.ServiceProvider.GetServices<IReferenceDataSeeder<TContext>>())
            {
                await seeder.SeedAsync(context, cancellationToken);
            }
            if (environment.IsDevelopment() && scope.ServiceProvider.GetService<IDbSeeder<TContext>>() is { } demoData)
            {
                await demoData.SeedAsync(context, cancellationToken);
            }
        });
        LogMigrated(logger, typeof(TContext).Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Waits for this service's other replicas to finish migrating and seeding, however long the one ahead takes
    /// (on a loaded machine, minutes; the host's start is what gives up), and holds the turn until the connection
    /// returned is closed (or this replica dies). Null when the database does not exist yet: migrating creates it,
    /// and an installation's database is made before its replicas start.
    /// </summary>
    private static async Task<NpgsqlConnection?> TakeTurnAsync(TContext context, CancellationToken cancellationToken)
    {
        // Unpooled: a pooled connection given back would keep holding the lock, and the next replica wait on it for minutes.
        var turn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(context.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            await turn.OpenAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await turn.DisposeAsync();
            return null;
        }
        await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext($1))", turn) { CommandTimeout = 0, Parameters = { new() { Value = LockName } } };
        await take.ExecuteNonQueryAsync(cancellationToken);
        return turn;
    }

    private static readonly string LockName = $"aftersales:migrate:{typeof(TContext).FullName}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Database of {Context} is migrated")]
    private static partial void LogMigrated(ILogger logger, string context);
}
