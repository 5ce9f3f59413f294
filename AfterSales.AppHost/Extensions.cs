using System.Security.Cryptography;
using AfterSales.ServiceDefaults;
using Microsoft.Extensions.Configuration;

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
    /// The token server, with its own database. In local and container mode, unless <c>Demo:Enabled</c> is
    /// false, it seeds the demo station clients and staff users, each with its own secret derived from the
    /// <c>demo-password</c> parameter (generated once and kept in the AppHost's user secrets:
    /// <c>dotnet user-secrets list --project AfterSales.AppHost</c>; see the README's Credentials). In
    /// external mode there are no demo identities, and the AppHost refuses to start without the
    /// <c>identity-signing-key</c> parameter, an RSA private key in PEM, so that tokens survive restarts
    /// and every replica signs alike. Returns the token server, and the demo password when demo identities are seeded.
    /// </summary>
    public static (IResourceBuilder<ProjectResource> Identity, IResourceBuilder<ParameterResource>? DemoPassword) AddIdentity(
        this IDistributedApplicationBuilder builder, Infrastructure infrastructure)
    {
        var database = infrastructure.Database(ResourceNames.Identity);
        var identity = builder.AddProject<Projects.AfterSales_Identity>(ResourceNames.Identity)
            .RunBuiltAssembly<Projects.AfterSales_Identity>()
            .WithoutProxyWhenSingle(replicas: 1)
            .WithHttpHealthCheck(HealthPath)
            .WithReference(database)
            .WaitFor(database);

        // Auto mode resolves to containers or local, never to external.
        var external = builder.Configuration.GetValue("Infrastructure:Mode", InfrastructureMode.Auto) == InfrastructureMode.External;
        var demo = builder.Configuration.GetValue("Demo:Enabled", defaultValue: !external);
        if (external)
        {
            if (demo)
            {
                throw new DistributedApplicationException(
                    "Demo:Enabled is true in external mode. Demo identities are for local and container mode only; remove the setting.");
            }
            var signingKey = builder.AddParameter(SigningKeyParameter, secret: true);
            if (builder.ExecutionContext.IsRunMode)
            {
                RequireSigningKey(builder.Configuration[$"Parameters:{SigningKeyParameter}"]);
            }
            return (identity.WithEnvironment("Identity__SigningKey", signingKey), null);
        }
        if (demo)
        {
            var demoPassword = builder.AddParameter("demo-password", new GenerateParameterDefault { MinLength = 16, Special = false }, secret: true, persist: true);
            identity.WithEnvironment("Identity__SeedDemoIdentities", "true")
                .WithEnvironment("Identity__DemoPassword", demoPassword);
            return (identity, demoPassword);
        }
        return (identity, null);
    }

    public const string SigningKeyParameter = "identity-signing-key";

    /// <summary>
    /// Fails the start unless <paramref name="pem"/> is an RSA private key of 2048 bits or more: without
    /// one the token server would sign with a key made at start-up, and every token would die with it.
    /// </summary>
    private static void RequireSigningKey(string? pem)
    {
        const string howTo = $"In external mode give the token server's signing key as the parameter '{SigningKeyParameter}' "
            + $"(e.g. in the environment as Parameters__{SigningKeyParameter}): "
            + "an RSA private key in PEM, e.g. from 'openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072'.";
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new DistributedApplicationException($"No signing key. {howTo}");
        }
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            rsa.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new DistributedApplicationException($"The signing key is not an RSA private key in PEM. {howTo}", ex);
        }
        if (rsa.KeySize < 2048)
        {
            throw new DistributedApplicationException($"The signing key has {rsa.KeySize} bits; 2048 is the least. {howTo}");
        }
    }

    /// <summary>
    /// A domain service: its own database on the shared server, Redis (each as the service's own account),
    /// the token server it validates callers against, and its two endpoints (gRPC over h2c and HTTP/1.1)
    /// taken from its Kestrel configuration. It starts once its database and Redis account are ready.
    /// <c>AppHost:Replicas:&lt;service&gt;</c> runs that many instances of it behind one address (1 unless set): every
    /// service is built to run so, its schedulers firing once, its outbox and event consumers sharing the work.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(
        this IDistributedApplicationBuilder builder, string name, Infrastructure infrastructure, IResourceBuilder<ProjectResource> identity)
        where TProject : IProjectMetadata, new()
    {
        var database = infrastructure.Database(name);
        var redis = infrastructure.Redis(name);
        var replicas = Math.Max(1, builder.Configuration.GetValue($"AppHost:Replicas:{name}", 1));
        return builder.AddProject<TProject>(name)
            .RunBuiltAssembly<TProject>()
            .WithoutProxyWhenSingle(replicas)
            .WithReplicas(replicas)
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
