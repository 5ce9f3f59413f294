using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AfterSales.AppHost;
using AfterSales.ServiceDefaults;
using Npgsql;
using StackExchange.Redis;

namespace AfterSales.FunctionalTests.Infrastructure;

/// <summary>
/// A real PostgreSQL and a real Redis for the functional tests, started from this machine's packages by
/// the AppHost's own local-mode scripts, on free loopback ports, with throw-away data. As under the
/// AppHost, each service gets its own PostgreSQL role and database and its own Redis user
/// (<see cref="ServiceAccounts"/>); the superuser and the default Redis user are the tests' own.
/// </summary>
public sealed class LocalServers : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly Process _postgres;
    private readonly Process _redis;
    private readonly int _postgresPort;
    private readonly int _redisPort;

    /// <summary>Each service's own password, for its PostgreSQL role and (domain services) its Redis user.</summary>
    private readonly IReadOnlyDictionary<string, string> _servicePasswords;

    private LocalServers(string dataDirectory, Process postgres, Process redis, int postgresPort, int redisPort, string password,
        IReadOnlyDictionary<string, string> servicePasswords)
    {
        _servicePasswords = servicePasswords;
        _dataDirectory = dataDirectory;
        _postgres = postgres;
        _redis = redis;
        _postgresPort = postgresPort;
        _redisPort = redisPort;
        PostgresServer = $"Host=127.0.0.1;Port={postgresPort};Username=postgres;Password={password}";
        Redis = $"127.0.0.1:{redisPort},password={password}";
    }

    /// <summary>The superuser's connection string, without a database: for the tests' own checks, never for a service.</summary>
    public string PostgresServer { get; }

    /// <summary>The default Redis user's connection string, which may do anything: for the tests' own checks, never for a service.</summary>
    public string Redis { get; }

    /// <summary>The service's own database, as the service's own role: what the service is given.</summary>
    public string ServiceDatabase(string service) =>
        $"Host=127.0.0.1;Port={_postgresPort};Username={service};Password={_servicePasswords[service]};Database={service}";

    /// <summary>Redis as the domain service's own user: what the service is given.</summary>
    public string ServiceRedis(string service) =>
        ResourceNames.Services.Contains(service)
            ? $"127.0.0.1:{_redisPort},user={service},password={_servicePasswords[service]}"
            : throw new ArgumentException($"{service} has no Redis user.", nameof(service));

    public static async Task<LocalServers> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"aftersales-tests-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The local servers run from this machine's Linux packages.");
        }
        // Reachable by the postgres user that the script drops to when the tests run as root.
        Directory.CreateDirectory(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var password = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var postgresPort = FreePort();
        var redisPort = FreePort();
        var servicePasswords = new[] { ResourceNames.Identity }.Concat(ResourceNames.Services)
            .ToDictionary(service => service, _ => Convert.ToHexString(Guid.NewGuid().ToByteArray()));

        var postgres = StartScript("local-postgres.sh", postgresPort, Path.Combine(dataDirectory, "postgres"), ("POSTGRES_PASSWORD", password));
        var redis = StartScript("local-redis.sh", redisPort, Path.Combine(dataDirectory, "redis"), ("REDIS_PASSWORD", password),
            ("REDIS_USERS", string.Join('\n', ResourceNames.Services.Select(service => ServiceAccounts.RedisUserDirective(service, servicePasswords[service])))));
        var servers = new LocalServers(dataDirectory, postgres, redis, postgresPort, redisPort, password, servicePasswords);
        await servers.WaitUntilReadyAsync();
        foreach (var (service, servicePassword) in servicePasswords)
        {
            await ServiceAccounts.ProvisionDatabaseAsync(servers.PostgresServer, service, servicePassword, CancellationToken.None);
        }
        return servers;
    }

    private static Process StartScript(string script, int port, string dataDirectory, params (string Name, string Value)[] secrets)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(AppContext.BaseDirectory, "Servers", script)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["DATA_DIR"] = dataDirectory;
        foreach (var (name, value) in secrets)
        {
            info.Environment[name] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {script}.");
        // Drain the output so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using (var connection = new NpgsqlConnection($"{PostgresServer};Database=postgres"))
                {
                    await connection.OpenAsync();
                }
                await using (var redis = await ConnectionMultiplexer.ConnectAsync($"{Redis},abortConnect=true"))
                {
                    await redis.GetDatabase().PingAsync();
                }
                return;
            }
            catch (Exception ex) when ((ex is NpgsqlException or RedisException or SocketException) && DateTime.UtcNow < deadline)
            {
                if (_postgres.HasExited || _redis.HasExited)
                {
                    throw new InvalidOperationException("A local server exited at start; are postgresql and redis-server installed?", ex);
                }
                await Task.Delay(250);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var process in new[] { _postgres, _redis })
        {
            // SIGTERM, not Kill(): the scripts shut their servers down cleanly on it.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
            process.Dispose();
        }
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A free loopback port for a service under test.</summary>
    internal static int NextFreePort() => FreePort();
}
