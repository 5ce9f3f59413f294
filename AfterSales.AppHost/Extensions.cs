using AfterSales.ServiceDefaults;

namespace AfterSales.AppHost;

internal static class Extensions
{
    /// <summary>
    /// A domain service: its own database on the shared server, Redis, and its two endpoints (gRPC over
    /// h2c and HTTP/1.1) taken from its Kestrel configuration. It starts once its infrastructure is healthy.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(
        this IDistributedApplicationBuilder builder, string name, Infrastructure infrastructure)
        where TProject : IProjectMetadata, new()
    {
        var database = infrastructure.Database(name);
        return builder.AddProject<TProject>(name)
            .WithReference(database, ResourceNames.Database(name))
            .WithReference(infrastructure.Redis)
            .WaitFor(infrastructure.Postgres)
            .WaitFor(infrastructure.Redis);
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
