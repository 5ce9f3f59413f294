using System.Diagnostics;
using System.Runtime.Versioning;
using AfterSales.ServiceDefaults;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AfterSales.EndToEndTests;

/// <summary>
/// Containers mode cannot run here (no container runtime), so its app model is built, not started, and
/// what the Redis container would run is worked out from it: the container's entrypoint and resolved
/// arguments (wrapped behind <c>-c</c> where the orchestrator would wrap them), run through this
/// machine's /bin/sh with a stand-in redis-server that reports the command line it was given. The same
/// shell, the same expansion as in the container, whether the AppHost runs the suite or publishes it.
/// </summary>
public class ContainersModeTests
{
    [Theory]
    [InlineData(DistributedApplicationOperation.Run)]
    [InlineData(DistributedApplicationOperation.Publish)]
    [SupportedOSPlatform("linux")]
    public async Task The_redis_container_runs_redis_server_with_an_append_only_file_fsynced_on_every_write(DistributedApplicationOperation operation)
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AfterSales_AppHost>(
            ["--Infrastructure:Mode=containers", "--Parameters:redis-password=secret", "--Parameters:postgres-password=secret"]);
        var redis = builder.Resources.OfType<ContainerResource>().Single(r => r.Name == ResourceNames.Redis);

        var options = RedisServerOptions(await CommandLineOfRedisServerAsync(redis, operation, password: "secret"));

        Assert.Equal("yes", options.GetValueOrDefault("appendonly"));
        Assert.Equal("always", options.GetValueOrDefault("appendfsync"));
        Assert.Equal("secret", options.GetValueOrDefault("requirepass"));
    }

    /// <summary>The arguments redis-server receives when the container starts.</summary>
    [SupportedOSPlatform("linux")]
    private static async Task<IReadOnlyList<string>> CommandLineOfRedisServerAsync(ContainerResource redis, DistributedApplicationOperation operation, string password)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(redis).WithArgumentsConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(operation), NullLogger.Instance, CancellationToken.None);
        Assert.Null(configuration.Exception);
        var args = configuration.Arguments.Select(argument => argument.Value).ToList();
#pragma warning disable ASPIRECONTAINERSHELLEXECUTION001 // experimental, and exactly what the orchestrator does with the arguments
        if (operation == DistributedApplicationOperation.Run && redis.ShellExecution == true)
        {
            args = ["-c", string.Join(' ', args)];
        }
#pragma warning restore ASPIRECONTAINERSHELLEXECUTION001
        Assert.True(redis.Entrypoint == "/bin/sh",
            $"The Redis container starts with '{redis.Entrypoint}', not a shell: teach this test how it reaches redis-server.");

        var bin = Directory.CreateTempSubdirectory("redis-stand-in-");
        try
        {
            var standIn = Path.Combine(bin.FullName, "redis-server");
            await File.WriteAllTextAsync(standIn, "#!/bin/sh\nprintf '%s\\0' \"$@\"\n");
            File.SetUnixFileMode(standIn, UnixFileMode.UserRead | UnixFileMode.UserExecute);

            var shell = new ProcessStartInfo(redis.Entrypoint) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                shell.ArgumentList.Add(arg);
            }
            shell.Environment["PATH"] = $"{bin.FullName}:/usr/bin:/bin";
            shell.Environment["REDIS_PASSWORD"] = password; // as Aspire sets it in the container
            using var process = Process.Start(shell)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(output.Length > 0, $"The container's command line never ran redis-server: {redis.Entrypoint} {string.Join(' ', args)}");
            return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    /// <summary>redis-server's own reading of its arguments: <c>--name value...</c>, a later one overriding an earlier one.</summary>
    private static Dictionary<string, string> RedisServerOptions(IReadOnlyList<string> arguments)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? name = null;
        var values = new List<string>();
        foreach (var argument in arguments.Append("--"))
        {
            if (!argument.StartsWith("--", StringComparison.Ordinal))
            {
                values.Add(argument);
                continue;
            }
            if (name is not null)
            {
                options[name] = string.Join(' ', values);
            }
            name = argument[2..];
            values.Clear();
        }
        return options;
    }
}
