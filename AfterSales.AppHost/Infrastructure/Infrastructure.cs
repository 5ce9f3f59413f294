using AfterSales.ServiceDefaults;

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

    /// <summary>Servers run by someone else; connection strings <c>postgres</c> and <c>redis</c> from configuration.</summary>
    External,
}

/// <summary>The shared servers every service stands on.</summary>
internal sealed class Infrastructure(
    IDistributedApplicationBuilder builder,
    IResourceBuilder<IResourceWithConnectionString> postgres,
    IResourceBuilder<IResourceWithConnectionString> redis)
{
    public IResourceBuilder<IResourceWithConnectionString> Postgres { get; } = postgres;
    public IResourceBuilder<IResourceWithConnectionString> Redis { get; } = redis;

    /// <summary>A service's own database on the shared server; the service's migrations create it.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Database(string service) =>
        builder.AddConnectionString(ResourceNames.Database(service),
            ReferenceExpression.Create($"{Postgres.Resource.ConnectionStringExpression};Database={service}"));
}
