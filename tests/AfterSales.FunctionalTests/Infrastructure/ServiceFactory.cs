using System.Globalization;
using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;
using AfterSales.TestKit;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;
using Respawn.Graph;

namespace AfterSales.FunctionalTests.Infrastructure;

/// <summary>
/// One domain service running for real: Kestrel on two loopback ports (gRPC over h2c and HTTP/1.1, as
/// under the AppHost), its own database on the test PostgreSQL and the test Redis, each as its own account.
/// In Development it applies
/// its migrations and seeds its demo data once, at start, as under the AppHost.
/// </summary>
public sealed class ServiceFactory<TEntryPoint, TContext> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
    where TContext : DbContext
{
    private readonly Dictionary<string, string?> _settings;

    /// <param name="caller">The token calls carry by default; null for the token server itself.</param>
    /// <param name="grpcPort">The gRPC port, when services started before this one must know it (they call each other).</param>
    public ServiceFactory(LocalServers servers, string service, Func<Task<string>>? caller, IReadOnlyDictionary<string, string?>? settings = null,
        int? grpcPort = null)
    {
        Service = service;
        DatabaseConnectionString = servers.ServiceDatabase(service);
        GrpcPort = grpcPort ?? LocalServers.NextFreePort();
        HttpPort = LocalServers.NextFreePort();
        _settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Database(service)}"] = DatabaseConnectionString,
            ["Kestrel:Endpoints:grpc:Url"] = $"http://127.0.0.1:{GrpcPort.ToString(CultureInfo.InvariantCulture)}",
            ["Kestrel:Endpoints:http:Url"] = $"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}",
        };
        if (ResourceNames.Services.Contains(service))
        {
            _settings[$"ConnectionStrings:{ResourceNames.Redis}"] = servers.ServiceRedis(service);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        UseKestrel();
        StartServer();
        HttpAddress = new Uri($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}");
        Channel = caller is null ? GrpcChannel.ForAddress(GrpcAddress) : Bearer.Channel(GrpcAddress, caller);
        Http = caller is null ? new HttpClient { BaseAddress = HttpAddress } : Bearer.Http(HttpAddress, caller);
    }

    public string Service { get; }
    public string DatabaseConnectionString { get; }
    public int GrpcPort { get; }
    public int HttpPort { get; }
    public string GrpcAddress => $"http://127.0.0.1:{GrpcPort.ToString(CultureInfo.InvariantCulture)}";
    public Uri HttpAddress { get; }

    /// <summary>A gRPC channel to the service whose calls carry another caller's token.</summary>
    public GrpcChannel ChannelAs(Func<Task<string>> caller) => Bearer.Channel(GrpcAddress, caller);

    /// <summary>An HTTP client for the JSON surface, as another caller.</summary>
    public HttpClient HttpAs(Func<Task<string>> caller) => Bearer.Http(HttpAddress, caller);

    /// <summary>A gRPC channel to the service over real HTTP/2.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>An HTTP/1.1 client for the JSON (transcoded) surface.</summary>
    public HttpClient Http { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.AddProvider(LogWatch.Instance));
        // Host settings reach Program.cs before it reads them, unlike ConfigureAppConfiguration's.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// Empties the tables of <paramref name="entities"/> (every table of the service's schema but the migrations
    /// history when none is named; as the service's role, which owns them) and seeds the demo data again. Only for a class in
    /// <see cref="ExclusiveCollection"/> that counts rows of a table others write to: a test running
    /// alongside would lose its rows.
    /// </summary>
    public async Task ResetAsync(params Type[] entities)
    {
        await using var scope = Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var tables = entities.Select(e => context.Model.FindEntityType(e)?.GetTableName()
            ?? throw new ArgumentException($"{e.Name} is not stored by the {Service} service.", nameof(entities)));

        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        var respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = [Service],
            TablesToInclude = [.. tables.Select(t => new Table(Service, t))],
            TablesToIgnore = [new Table(Service, "__EFMigrationsHistory")],
        });
        await respawner.ResetAsync(connection);

        await scope.ServiceProvider.GetRequiredService<IDbSeeder<TContext>>().SeedAsync(context, CancellationToken.None);
    }

    /// <summary>Runs <paramref name="work"/> against a fresh DbContext of the service.</summary>
    public async Task<T> WithDbAsync<T>(Func<TContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    /// <inheritdoc cref="WithDbAsync{T}(Func{TContext, Task{T}})"/>
    public async Task WithDbAsync(Func<TContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Channel.Dispose();
            Http.Dispose();
        }
        base.Dispose(disposing);
    }
}
