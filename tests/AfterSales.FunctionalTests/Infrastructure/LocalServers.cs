using System.Collections.Concurrent;
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
    private readonly int _postgresPort;
    private readonly string _password;
    private Process _postgres;
    private readonly Process _redis;
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
        _password = password;
        _redisPort = redisPort;
        PostgresServer = $"Host=127.0.0.1;Port={postgresPort};Username=postgres;Password={password}";
        Redis = $"127.0.0.1:{redisPort},password={password}";
    }

    /// <summary>The superuser's connection string, without a database: for the tests' own checks, never for a service.</summary>
    public string PostgresServer { get; }

    /// <summary>The default Redis user's connection string, which may do anything: for the tests' own checks, never for a service.</summary>
    public string Redis { get; }

    /// <summary>A database of the tests' own (e.g. a throw-away copy to upgrade), as the superuser: never a service's.</summary>
    public string Database(string name) => $"{PostgresServer};Database={name}";

    /// <summary>The service's own database, as the service's own role: what the service is given.</summary>
    public string ServiceDatabase(string service) =>
        $"Host=127.0.0.1;Port={_postgresPort};Username={service};Password={_servicePasswords[service]};Database={service}";

    /// <summary>Redis as the domain service's own user: what the service is given.</summary>
    public string ServiceRedis(string service) =>
        ResourceNames.Services.Contains(service)
            ? $"127.0.0.1:{_redisPort},user={service},password={_servicePasswords[service]}"
            : throw new ArgumentException($"{service} has no Redis user.", nameof(service));

    /// <summary>The running redis-server: the process the script supervises, not the script.</summary>
    public int RedisServerPid => ServerPid(_redis, "redis-server");

    /// <summary>The running PostgreSQL server (postmaster): the process the script supervises, not the script.</summary>
    public int PostgresServerPid => ServerPid(_postgres, "postgres");

    /// <summary>Freezes redis-server (SIGSTOP): connections stay open and commands are taken, but nothing is answered.</summary>
    public void PauseRedis() => Processes.Signal(RedisServerPid, "STOP");

    /// <summary>Lets a paused redis-server go on (SIGCONT).</summary>
    public void ResumeRedis() => Processes.Signal(RedisServerPid, "CONT");

    /// <summary>Kills redis-server with SIGKILL, as a crash would; its script starts it again. Returns the killed pid.</summary>
    public int KillRedis() => Kill(RedisServerPid);

    /// <summary>Kills the PostgreSQL server with SIGKILL, as a crash would; its script starts it again. Returns the killed pid.</summary>
    public int KillPostgres() => Kill(PostgresServerPid);

    /// <summary>Waits until a redis-server other than <paramref name="killed"/> runs and answers; returns how long that took.</summary>
    public Task<TimeSpan> WaitForRedisRestartAsync(int killed) => WaitForRestartAsync(() => RedisServerPid, killed, RedisAnswersAsync);

    /// <summary>Waits until a PostgreSQL server other than <paramref name="killed"/> runs and answers; returns how long that took.</summary>
    public Task<TimeSpan> WaitForPostgresRestartAsync(int killed) => WaitForRestartAsync(() => PostgresServerPid, killed, PostgresAnswersAsync);

    /// <summary>Stops PostgreSQL cleanly (SIGTERM to its script, as the AppHost stops it), for an outage of the test's choosing.</summary>
    public Task StopPostgresAsync() => StopAsync(_postgres);

    /// <summary>Starts PostgreSQL again after <see cref="StopPostgresAsync"/>, on the same port and data.</summary>
    public async Task StartPostgresAsync()
    {
        _postgres.Dispose();
        _postgres = StartScript("local-postgres.sh", _postgresPort, Path.Combine(_dataDirectory, "postgres"), ("POSTGRES_PASSWORD", _password));
        await WaitForRestartAsync(() => PostgresServerPid, killed: 0, PostgresAnswersAsync);
    }

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
        // Drain the output so a chatty server never blocks on a full pipe; keep its tail for failure messages.
        process.OutputDataReceived += (_, line) => Remember(script, line.Data);
        process.ErrorDataReceived += (_, line) => Remember(script, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Output = new();

    private static void Remember(string script, string? line)
    {
        if (line is null)
        {
            return;
        }
        var lines = Output.GetOrAdd(script, _ => new ConcurrentQueue<string>());
        lines.Enqueue(line);
        while (lines.Count > 80 && lines.TryDequeue(out _))
        {
        }
    }

    /// <summary>The last lines the servers' scripts wrote, to explain a failure.</summary>
    public static string RecentOutput() =>
        string.Join(Environment.NewLine, Output.SelectMany(script => script.Value.Select(line => $"{script.Key}: {line}")));

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await PostgresAnswersAsync();
                await RedisAnswersAsync();
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

    private async Task PostgresAnswersAsync()
    {
        // Not pooled: a pooled connection would be the services' business, and may predate a restart.
        await using var connection = new NpgsqlConnection($"{PostgresServer};Database=postgres;Pooling=false");
        await connection.OpenAsync();
    }

    private async Task RedisAnswersAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{Redis},abortConnect=true,connectTimeout=2000");
        await redis.GetDatabase().PingAsync();
    }

    private static async Task<TimeSpan> WaitForRestartAsync(Func<int> server, int killed, Func<Task> answers)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var pid = server();
                if (pid != 0 && pid != killed)
                {
                    await answers();
                    return started.Elapsed;
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or RedisException or SocketException)
            {
                // Still starting or recovering.
            }
            // Generous: after a crash PostgreSQL syncs its data directory before it answers, which takes
            // long on a machine whose disk is busy.
            if (started.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"The server was not started again within three minutes.{Environment.NewLine}{RecentOutput()}");
            }
            await Task.Delay(100);
        }
    }

    private static int ServerPid(Process script, string command) => Processes.ChildNamed(script.Id, command);

    private static int Kill(int pid)
    {
        Processes.Signal(pid, "KILL");
        return pid;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (RedisServerPid is var redis and not 0)
        {
            Processes.Signal(redis, "CONT"); // a paused server would not take its stop
        }
        foreach (var process in new[] { _postgres, _redis })
        {
            await StopAsync(process);
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

    private static async Task StopAsync(Process script)
    {
        if (script.HasExited)
        {
            return;
        }
        // SIGTERM, not Kill(): the scripts shut their servers down cleanly on it.
        using (var kill = Process.Start("kill", ["-TERM", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await script.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            script.Kill(entireProcessTree: true);
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
