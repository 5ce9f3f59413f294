using AfterSales.ServiceDefaults;

namespace AfterSales.AppHost;

internal static class Extensions
{
    /// <summary>
    /// Every project's readiness endpoint (ServiceDefaults). Without a health check a project counts as
    /// healthy as soon as its process starts, and WaitFor would let the gateway in before the services
    /// have migrated their databases.
    /// </summary>
    public const string HealthPath = "/health";

    /// <summary>
    /// The token server, with its own database. In Development it seeds demo station clients and staff
    /// users whose secret is the <c>demo-password</c> parameter: generated once and kept in the AppHost's
    /// user secrets (<c>dotnet user-secrets list --project AfterSales.AppHost</c>), never in the repository.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddIdentity(this IDistributedApplicationBuilder builder, Infrastructure infrastructure)
    {
        var demoPassword = builder.AddParameter("demo-password", new GenerateParameterDefault { MinLength = 16, Special = false }, secret: true, persist: true);
        var database = infrastructure.Database(ResourceNames.Identity);
        return builder.AddProject<Projects.AfterSales_Identity>(ResourceNames.Identity)
            .WithHttpHealthCheck(HealthPath)
            .WithReference(database)
            .WithEnvironment("Identity__DemoPassword", demoPassword)
            .WaitFor(database);
    }

    /// <summary>
    /// A domain service: its own database on the shared server, Redis (each as the service's own account),
    /// the token server it validates callers against, and its two endpoints (gRPC over h2c and HTTP/1.1)
    /// taken from its Kestrel configuration. It starts once its database and Redis account are ready.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(
        this IDistributedApplicationBuilder builder, string name, Infrastructure infrastructure, IResourceBuilder<ProjectResource> identity)
        where TProject : IProjectMetadata, new()
    {
        var database = infrastructure.Database(name);
        var redis = infrastructure.Redis(name);
        return builder.AddProject<TProject>(name)
            .WithHttpHealthCheck(HealthPath)
            .WithReference(database)
            .WithReference(redis, connectionName: ResourceNames.Redis)
            .WithReference(identity)
            .WaitFor(database)
            .WaitFor(redis);
    }

    /// <summary>Lets the gateway find each service, and starts it only when all of them are healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithServiceReferences(
        this IResourceBuilder<ProjectResource> gateway, IEnumerable<IResourceBuilder<ProjectResource>> services)
    {
        foreach (var service in services)
        {
            gateway.WithReference(service).WaitFor(service);
        }
        return gateway;
    }
}
