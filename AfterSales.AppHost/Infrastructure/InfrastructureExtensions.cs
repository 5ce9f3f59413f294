using System.Diagnostics;
using AfterSales.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AfterSales.AppHost;

internal static class InfrastructureExtensions
{
    public static Infrastructure AddInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetValue("Infrastructure:Mode", InfrastructureMode.Auto);
        if (mode == InfrastructureMode.Auto)
        {
            mode = ContainerRuntimeAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Local;
        }

        return mode switch
        {
            InfrastructureMode.Containers => builder.AddContainerInfrastructure(),
            InfrastructureMode.Local => builder.AddLocalInfrastructure(),
            InfrastructureMode.External => new ExternalInfrastructure(builder),
            _ => throw new InvalidOperationException($"Unknown Infrastructure:Mode '{mode}'."),
        };
    }

    private static Infrastructure AddContainerInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var postgresPassword = builder.AddParameter("postgres-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
        var redisPassword = builder.AddParameter("redis-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
        var postgres = builder.AddPostgres(ResourceNames.Postgres, password: postgresPassword).WithDataVolume();
        var redis = builder.AddRedis(ResourceNames.Redis, password: redisPassword).WithDataVolume().WithDurableRedisServer();
        var infrastructure = new ProvisionedInfrastructure(builder,
            builder.CreateResourceBuilder<IResourceWithConnectionString>(postgres.Resource), postgres.Resource.PrimaryEndpoint,
            builder.CreateResourceBuilder<IResourceWithConnectionString>(redis.Resource), redis.Resource.PrimaryEndpoint);
        // The container's command line carries no users, so the services' users are set on the running
        // server; whatever waits for Redis waits for this too.
        builder.Eventing.Subscribe<ResourceReadyEvent>(redis.Resource, infrastructure.ProvisionRedisUsersAsync);
        return infrastructure;
    }

    private static Infrastructure AddLocalInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var dataDirectory = DataDirectory(builder.Configuration);
        // Applied at every start, so a fresh value each run is fine: nothing depends on the old one.
        var postgresPassword = builder.AddParameter("postgres-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true);
        var redisPassword = builder.AddParameter("redis-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true);

        var postgres = builder.AddResource(new LocalPostgresResource(ResourceNames.Postgres, builder.AppHostDirectory, postgresPassword.Resource))
            .WithArgs(Path.Combine(builder.AppHostDirectory, "Infrastructure", "local-postgres.sh"))
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", port: LoopbackPort.Free(), env: "PORT", isProxied: false)
            .WithEnvironment("DATA_DIR", Path.Combine(dataDirectory, "postgres"))
            .WithEnvironment("POSTGRES_PASSWORD", postgresPassword)
            .WithProbe(builder, resource => new PostgresProbe(resource));

        var redis = builder.AddResource(new LocalRedisResource(ResourceNames.Redis, builder.AppHostDirectory, redisPassword.Resource))
            .WithArgs(Path.Combine(builder.AppHostDirectory, "Infrastructure", "local-redis.sh"))
            .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp", port: LoopbackPort.Free(), env: "PORT", isProxied: false)
            .WithEnvironment("DATA_DIR", Path.Combine(dataDirectory, "redis"))
            .WithEnvironment("REDIS_PASSWORD", redisPassword)
            .WithProbe(builder, resource => new RedisProbe(resource));

        var infrastructure = new ProvisionedInfrastructure(builder,
            builder.CreateResourceBuilder<IResourceWithConnectionString>(postgres.Resource), postgres.Resource.Endpoint,
            builder.CreateResourceBuilder<IResourceWithConnectionString>(redis.Resource), redis.Resource.Endpoint);
        // The services' users are part of the server's configuration, so they survive its restarts.
        redis.WithEnvironment(async context =>
            context.EnvironmentVariables["REDIS_USERS"] = await infrastructure.RedisUserDirectivesAsync(context.CancellationToken));
        return infrastructure;
    }

    /// <summary>
    /// The Redis container's whole command line, with the same durability as local mode: an append-only
    /// file fsynced on every write (a published event must survive a crash of Redis) and snapshots.
    /// Aspire's Redis hands redis-server's arguments to /bin/sh: joined behind <c>-c</c> by the orchestrator
    /// when run, but as <c>-c</c> and a finished string when published, so arguments added with WithArgs
    /// never reach a published server. This replaces Aspire's arguments with one complete command line,
    /// the same however the AppHost runs.
    /// </summary>
    private static IResourceBuilder<RedisResource> WithDurableRedisServer(this IResourceBuilder<RedisResource> redis)
    {
        // Experimental in Aspire 13.6: off, the orchestrator passes the arguments as they are. The
        // containers-mode test fails if this ever stops holding.
#pragma warning disable ASPIRECONTAINERSHELLEXECUTION001
        redis.Resource.ShellExecution = false;
#pragma warning restore ASPIRECONTAINERSHELLEXECUTION001
        return redis.WithAnnotation(new CommandLineArgsCallbackAnnotation(args =>
        {
            // The password comes from the environment variable Aspire sets, so it never shows in the manifest.
            args.Add("-c");
            args.Add("redis-server --requirepass $REDIS_PASSWORD --appendonly yes --appendfsync always --save 300 1");
        }), ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>
    /// Where local servers keep their data between runs: <c>Infrastructure:DataDirectory</c>, or
    /// /var/lib/aftersales as root (the postgres user must be able to reach it, and /root is closed to
    /// it), or ~/.local/share/aftersales otherwise. Delete the folder, with the suite stopped, to reset.
    /// </summary>
    private static string DataDirectory(IConfiguration configuration) =>
        configuration["Infrastructure:DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Environment.IsPrivilegedProcess
                ? "/var/lib/aftersales"
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "aftersales");

    private static IResourceBuilder<T> WithProbe<T>(this IResourceBuilder<T> resource, IDistributedApplicationBuilder builder, Func<T, IHealthCheck> probe)
        where T : IResource
    {
        var key = $"{resource.Resource.Name}-probe";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => probe(resource.Resource), failureStatus: null, tags: null));
        return resource.WithHealthCheck(key);
    }

    /// <summary>Does a Docker engine answer? About 70 ms when none runs.</summary>
    private static bool ContainerRuntimeAnswers()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null)
            {
                return false;
            }
            if (!docker.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                docker.Kill();
                return false;
            }
            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker command at all
        }
    }
}
