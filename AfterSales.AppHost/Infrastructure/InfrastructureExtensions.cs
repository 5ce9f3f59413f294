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
        // Same durability as local mode: an append-only file fsynced on every write (published events
        // must survive a crash), on top of the snapshots WithPersistence configures.
        var redis = builder.AddRedis(ResourceNames.Redis, password: redisPassword).WithDataVolume().WithPersistence()
            .WithArgs("--appendonly", "yes", "--appendfsync", "always");
        var infrastructure = new ProvisionedInfrastructure(builder,
            builder.CreateResourceBuilder<IResourceWithConnectionString>(postgres.Resource), postgres.Resource.PrimaryEndpoint,
            builder.CreateResourceBuilder<IResourceWithConnectionString>(redis.Resource), redis.Resource.PrimaryEndpoint);
        // The container's command line is Aspire's to build, so the services' users are set on the running
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
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", env: "PORT")
            .WithEnvironment("DATA_DIR", Path.Combine(dataDirectory, "postgres"))
            .WithEnvironment("POSTGRES_PASSWORD", postgresPassword)
            .WithProbe(builder, resource => new PostgresProbe(resource));

        var redis = builder.AddResource(new LocalRedisResource(ResourceNames.Redis, builder.AppHostDirectory, redisPassword.Resource))
            .WithArgs(Path.Combine(builder.AppHostDirectory, "Infrastructure", "local-redis.sh"))
            .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp", env: "PORT")
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
