using AfterSales.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AfterSales.AppHost;

/// <summary>Where PostgreSQL and Redis come from; chosen by <c>Infrastructure:Mode</c>.</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, local processes otherwise.</summary>
    Auto,

    /// <summary>PostgreSQL and Redis containers with data volumes.</summary>
    Containers,

    /// <summary>The machine's own postgres and redis-server, started by the AppHost.</summary>
    Local,

    /// <summary>
    /// Servers run by someone else; each service's own connection strings <c>&lt;service&gt;-db</c> and
    /// <c>&lt;service&gt;-redis</c> from configuration.
    /// </summary>
    External,
}

/// <summary>
/// The shared servers every service stands on. A service never gets the servers' own credentials, only
/// its own account: a PostgreSQL role that owns the service's database and reaches no other, and a Redis
/// user limited to the service's keys and the event streams.
/// </summary>
internal abstract class Infrastructure
{
    /// <summary>The service's own database, reached as the service's own role; its migrations run as that role.</summary>
    public abstract IResourceBuilder<IResourceWithConnectionString> Database(string service);

    /// <summary>Redis, reached as the service's own user.</summary>
    public abstract IResourceBuilder<IResourceWithConnectionString> Redis(string service);

    /// <summary>
    /// Adds "Reset demo data" to the dashboard where the AppHost runs the servers (never in external mode, whose
    /// data is real): see <see cref="ProvisionedInfrastructure"/>.
    /// </summary>
    public virtual void AddDemoDataReset(IReadOnlyList<IResourceBuilder<ProjectResource>> services)
    {
    }
}

/// <summary>Servers run elsewhere: the operator gives each service's connection strings, made for its own account.</summary>
internal sealed class ExternalInfrastructure(IDistributedApplicationBuilder builder) : Infrastructure
{
    public override IResourceBuilder<IResourceWithConnectionString> Database(string service) =>
        builder.AddConnectionString(ResourceNames.Database(service));

    public override IResourceBuilder<IResourceWithConnectionString> Redis(string service) =>
        builder.AddConnectionString(ResourceNames.RedisUser(service));
}

/// <summary>
/// Servers the AppHost runs (local processes or containers), so it holds their superuser passwords. It
/// gives each service a password of its own (new each run, applied at every start), creates or updates the
/// service's role and database once PostgreSQL answers and before any service starts
/// (<see cref="ServiceAccounts"/>), and hands the service connection strings made of that account only.
/// </summary>
internal sealed partial class ProvisionedInfrastructure : Infrastructure
{
    private readonly IDistributedApplicationBuilder _builder;
    private readonly IResourceBuilder<IResourceWithConnectionString> _postgres;
    private readonly EndpointReference _postgresEndpoint;
    private readonly IResourceBuilder<IResourceWithConnectionString> _redis;
    private readonly EndpointReference _redisEndpoint;
    private readonly List<(string Service, ParameterResource Password)> _databases = [];
    private readonly List<(string Service, ParameterResource Password)> _redisUsers = [];

    public ProvisionedInfrastructure(IDistributedApplicationBuilder builder,
        IResourceBuilder<IResourceWithConnectionString> postgres, EndpointReference postgresEndpoint,
        IResourceBuilder<IResourceWithConnectionString> redis, EndpointReference redisEndpoint)
    {
        _builder = builder;
        _postgres = postgres;
        _postgresEndpoint = postgresEndpoint;
        _redis = redis;
        _redisEndpoint = redisEndpoint;
        // Whatever waits for PostgreSQL (each service's database, so each service) waits for this too.
        builder.Eventing.Subscribe<ResourceReadyEvent>(postgres.Resource, ProvisionDatabasesAsync);
    }

    public override IResourceBuilder<IResourceWithConnectionString> Database(string service)
    {
        var password = Password(ResourceNames.Database(service));
        _databases.Add((service, password.Resource));
        return _builder.AddConnectionString(ResourceNames.Database(service), ReferenceExpression.Create(
                $"Host={_postgresEndpoint.Property(EndpointProperty.Host)};Port={_postgresEndpoint.Property(EndpointProperty.Port)};Username={service};Password={password};Database={service}"))
            .WaitFor(_postgres);
    }

    public override IResourceBuilder<IResourceWithConnectionString> Redis(string service)
    {
        var password = Password(ResourceNames.RedisUser(service));
        _redisUsers.Add((service, password.Resource));
        return _builder.AddConnectionString(ResourceNames.RedisUser(service), ReferenceExpression.Create(
                $"{_redisEndpoint.Property(EndpointProperty.Host)}:{_redisEndpoint.Property(EndpointProperty.Port)},user={service},password={password}"))
            .WaitFor(_redis);
    }

    /// <summary>
    /// "Reset demo data" on PostgreSQL's menu: the domain services stop, their schemas and Redis are emptied, and they
    /// start again, migrating and seeding their demo data as on a first run. The token server is left alone, so
    /// demo identities and the tokens they hold stay good.
    /// </summary>
    public override void AddDemoDataReset(IReadOnlyList<IResourceBuilder<ProjectResource>> services) =>
        _postgres.WithCommand(ResetDemoDataCommand, "Reset demo data", async context =>
        {
            var commands = context.Services.GetRequiredService<ResourceCommandService>();
            var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var service in services)
            {
                var stopped = await commands.ExecuteCommandAsync(service.Resource, KnownResourceCommands.StopCommand, context.CancellationToken);
                if (!stopped.Success)
                {
                    return CommandResults.Failure($"Stopping {service.Resource.Name}: {stopped.Message}");
                }
                await notifications.WaitForResourceAsync(service.Resource.Name,
                    e => e.Snapshot.State?.Text is "Exited" or "Finished" or "Stopped" or "FailedToStart", context.CancellationToken);
            }
            var server = await _postgres.Resource.ConnectionStringExpression.GetValueAsync(context.CancellationToken)
                ?? throw new InvalidOperationException($"{_postgres.Resource.Name} has no connection string.");
            foreach (var service in services)
            {
                await ServiceAccounts.EmptyDatabaseAsync(server, service.Resource.Name, context.CancellationToken);
            }
            var admin = await _redis.Resource.ConnectionStringExpression.GetValueAsync(context.CancellationToken);
            await using (var redis = await ConnectionMultiplexer.ConnectAsync($"{admin},abortConnect=true,allowAdmin=true"))
            {
                await redis.GetServers()[0].FlushAllDatabasesAsync();
            }
            foreach (var service in services)
            {
                var started = await commands.ExecuteCommandAsync(service.Resource, KnownResourceCommands.StartCommand, context.CancellationToken);
                if (!started.Success)
                {
                    return CommandResults.Failure($"Starting {service.Resource.Name}: {started.Message}");
                }
            }
            return CommandResults.Success($"Emptied {string.Join(", ", services.Select(s => s.Resource.Name))}; they are starting again with their demo data.");
        }, new CommandOptions
        {
            Description = "Stops the domain services, empties their databases and Redis, and starts them again with their demo data.",
            ConfirmationMessage = "Every ticket, customer, stock movement, bill, complaint and document made since the first run is deleted. Reset?",
            IconName = "ArrowReset",
        });

    public const string ResetDemoDataCommand = "reset-demo-data";

    /// <summary>Each service's Redis user as lines of redis.conf, for a server started with them.</summary>
    public async Task<string> RedisUserDirectivesAsync(CancellationToken cancellationToken)
    {
        var directives = new List<string>();
        foreach (var (service, password) in _redisUsers)
        {
            directives.Add(ServiceAccounts.RedisUserDirective(service, await ValueOfAsync(password, cancellationToken)));
        }
        return string.Join('\n', directives);
    }

    /// <summary>
    /// Creates or updates each service's Redis user on a running server, for a server that cannot be
    /// started with them. They live until the server restarts, and are applied again whenever it is ready.
    /// </summary>
    public async Task ProvisionRedisUsersAsync(ResourceReadyEvent ready, CancellationToken cancellationToken)
    {
        var admin = await _redis.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{admin},abortConnect=true,allowAdmin=true");
        foreach (var (service, password) in _redisUsers)
        {
            await ServiceAccounts.ProvisionRedisUserAsync(connection, service, await ValueOfAsync(password, cancellationToken));
        }
    }

    private async Task ProvisionDatabasesAsync(ResourceReadyEvent ready, CancellationToken cancellationToken)
    {
        var logger = ready.Services.GetRequiredService<ResourceLoggerService>().GetLogger(_postgres.Resource);
        var server = await _postgres.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException($"{_postgres.Resource.Name} has no connection string.");
        foreach (var (service, password) in _databases)
        {
            await ServiceAccounts.ProvisionDatabaseAsync(server, service, await ValueOfAsync(password, cancellationToken), cancellationToken);
            LogProvisioned(logger, service);
        }
    }

    /// <summary>A generated secret; applied at every start, so a fresh value each run is fine.</summary>
    private IResourceBuilder<ParameterResource> Password(string connectionName) =>
        _builder.AddParameter($"{connectionName}-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true);

    private static async Task<string> ValueOfAsync(ParameterResource password, CancellationToken cancellationToken) =>
        await password.GetValueAsync(cancellationToken) ?? throw new InvalidOperationException($"Parameter {password.Name} has no value.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Role and database of {Service} are provisioned")]
    private static partial void LogProvisioned(ILogger logger, string service);
}
