using System.Diagnostics;
using System.Globalization;
using AfterSales.ServiceDefaults;
using AfterSales.TestKit;
using AfterSales.Tickets.V1;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// The suite's benchmark (bench/README.md). Every figure is measured in this one run, on this machine, so
// read the ratios: the gateway's ticket intake beside a plain PostgreSQL insert-and-select (pgbench) on the
// suite's own server, the dispatcher's queue over a table of a million tickets, and parts issued for tickets
// (with the ledger checked after each run) beside a plain conditional UPDATE of a stock figure.
var options = BenchOptions.Parse(args);
var dataDirectory = Path.Combine(Path.GetTempPath(), $"aftersales-bench-{Guid.NewGuid():N}");
var (demoPassword, postgresPassword) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));

Console.WriteLine($"Starting the suite (local mode, data in {dataDirectory}, traces sampled at {options.TraceSampleRatio.ToString(CultureInfo.InvariantCulture)}) ...");
var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AfterSales_AppHost>(
[
    "--Infrastructure:Mode=local",
    $"--Infrastructure:DataDirectory={dataDirectory}",
    $"--Parameters:demo-password={demoPassword}",
    $"--Parameters:postgres-password={postgresPassword}",
    // The resources' log lines stay with them; this console shows the figures.
    "--Logging:LogLevel:Default=Warning",
// The dashboard runs, as it does for `dotnet run`: the services export their telemetry to it, and its share of
// the machine is one of the figures.
], (settings, _) => settings.DisableDashboard = false);
builder.Services.AddLogging(logging => logging
    .AddFilter("AfterSales.AppHost.Resources", LogLevel.Warning)
    // Services slow to answer their health probes while a busy machine starts them are the dashboard's concern, not the figures'.
    .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical));
// Every request traced (1, as in development) unless --trace-sample-ratio says otherwise (README: production 0.05 to 0.1).
foreach (var service in ResourceNames.Services.Append(ResourceNames.Gateway))
{
    builder.CreateResourceBuilder<ProjectResource>(service)
        .WithEnvironment("Telemetry__TraceSampleRatio", options.TraceSampleRatio.ToString(CultureInfo.InvariantCulture));
}
// The gateway's per-caller limit (200 calls a second) would measure itself: the bench's callers are few and fast.
builder.CreateResourceBuilder<ProjectResource>(ResourceNames.Gateway).WithEnvironment("Gateway__RateLimits__Default__PermitsPerSecond", "1000000");
await using var app = await builder.BuildAsync();
using (var starting = new CancellationTokenSource(TimeSpan.FromMinutes(6)))
{
    await app.StartAsync(starting.Token);
    await app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Gateway, starting.Token);
}

try
{
    var gatewayGrpc = app.GetEndpoint(ResourceNames.Gateway, ResourceNames.GrpcEndpoint);
    using var gatewayJson = new HttpClient { BaseAddress = app.GetEndpoint(ResourceNames.Gateway, ResourceNames.HttpEndpoint) };
    var callers = new Callers(() => gatewayJson, name => DemoCredentials.SecretFor(demoPassword, name));
    var station = new TicketService.TicketServiceClient(Bearer.Channel(gatewayGrpc.ToString(), callers.Station("station-hangzhou")));
    var dispatcher = new TicketService.TicketServiceClient(Bearer.Channel(gatewayGrpc.ToString(), callers.Staff("dispatcher")));
    var postgres = await app.GetConnectionStringAsync(ResourceNames.Postgres)
        ?? throw new InvalidOperationException("No PostgreSQL connection string.");
    var ticketsGrpc = app.GetEndpoint(ResourceNames.Tickets, ResourceNames.GrpcEndpoint);
    var stationDirect = new TicketService.TicketServiceClient(Bearer.Channel(ticketsGrpc.ToString(), callers.Station("station-hangzhou")));
    await using var processes = new SuiteProcesses(app);
    var ticketsDb = await app.GetConnectionStringAsync(ResourceNames.Database(ResourceNames.Tickets))
        ?? throw new InvalidOperationException("No tickets database connection string.");
    var inventoryDb = await app.GetConnectionStringAsync(ResourceNames.Database(ResourceNames.Inventory))
        ?? throw new InvalidOperationException("No inventory database connection string.");

    // Warm: the first calls between services pay for JIT and the first connections. The tickets stay open, for parts.
    var openTickets = new List<string>();
    for (var i = 0; i < 20; i++)
    {
        openTickets.Add((await station.CreateTicketAsync(Intake())).TicketId);
    }

    Console.WriteLine($"Seeding {options.Tickets:N0} tickets ...");
    var seeding = Stopwatch.StartNew();
    await Seed.TicketsAsync(ticketsDb, options.Tickets);
    Console.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:F0} s");

    var queue = await Measure.LatencyAsync(options.QueueCalls, () =>
        dispatcher.GetDispatchQueueAsync(new GetDispatchQueueRequest { StationId = Seed.Hangzhou.ToString(), PageSize = 20 }).ResponseAsync);
    var urgent = await Measure.LatencyAsync(options.QueueCalls, () =>
        dispatcher.ListTicketsAsync(new ListTicketsRequest { StationId = Seed.Hangzhou.ToString(), Order = TicketOrder.MostUrgent, PageSize = 20 }).ResponseAsync);
    // The CPU is read over the measured part only: the warm-up runs first, at the same load.
    await Measure.ThroughputAsync(options.Callers, options.WarmUp, () => station.CreateTicketAsync(Intake()).ResponseAsync, TimeSpan.Zero);
    var cpuBefore = processes.CpuSeconds();
    var intakeClock = Stopwatch.StartNew();
    var (intake, intakeMemory) = await processes.WhileWatchingMemoryAsync(() =>
        Measure.ThroughputAsync(options.Callers, options.Duration, () => station.CreateTicketAsync(Intake()).ResponseAsync, TimeSpan.Zero));
    var intakeSeconds = intakeClock.Elapsed.TotalSeconds;
    var intakeCpu = SuiteProcesses.CpuShares(cpuBefore, processes.CpuSeconds(), intakeSeconds);

    // One ticket read again and again: the gateway's own cost is the difference between the two paths.
    var read = new GetTicketRequest { TicketId = openTickets[0] };
    var readIdleGateway = await Measure.LatencyAsync(options.QueueCalls, () => station.GetTicketAsync(read).ResponseAsync);
    var readIdleDirect = await Measure.LatencyAsync(options.QueueCalls, () => stationDirect.GetTicketAsync(read).ResponseAsync);
    var readGateway = await Measure.ThroughputAsync(16, options.Duration, () => station.GetTicketAsync(read).ResponseAsync, options.WarmUp);
    var readDirect = await Measure.ThroughputAsync(16, options.Duration, () => stationDirect.GetTicketAsync(read).ResponseAsync, options.WarmUp);
    var (readCrowd, readMemory) = await processes.WhileWatchingMemoryAsync(() =>
        Measure.ThroughputAsync(256, options.Duration, () => station.GetTicketAsync(read).ResponseAsync, options.WarmUp));
    var pgbench = await PgBench.InsertAndSelectAsync(postgres, postgresPassword, options.Callers, options.Duration);

    Console.WriteLine("Issuing parts ...");
    var issuing = new IssueBench(gatewayGrpc, callers.Station("station-hangzhou"), callers.Staff("manager"), Seed.Hangzhou, openTickets, inventoryDb);
    var (issues, issuesLedger) = await issuing.PlentyAsync(options.StockCallers, options.Duration);
    var (scarce, scarceLedger) = await issuing.ScarceAsync(options.StockCallers);
    var decrement = await PgBench.ConditionalDecrementAsync(postgres, postgresPassword, options.StockCallers, options.Duration, IssueBench.Parts);

    Console.WriteLine();
    Console.WriteLine($"| figure ({options.Tickets:N0} tickets in the table) | value |");
    Console.WriteLine("|---|---|");
    Console.WriteLine($"| dispatch queue (GetDispatchQueue, 20 of a station's ~{options.Tickets / 20 / 2:N0} waiting), 1 caller | p50 {queue.P50:F1} ms, p99 {queue.P99:F1} ms |");
    Console.WriteLine($"| most urgent list (ListTickets MOST_URGENT, 20), 1 caller | p50 {urgent.P50:F1} ms, p99 {urgent.P99:F1} ms |");
    Console.WriteLine($"| CreateTicket through the gateway, {options.Callers} callers, {options.Duration.TotalSeconds:F0} s | {intake.PerSecond:F0} tickets/s, p50 {intake.P50:F1} ms, p99 {intake.P99:F1} ms, {intake.Errors} errors |");
    Console.WriteLine($"| pgbench 1-row insert + select by id, {options.Callers} clients, same PostgreSQL | {pgbench:F0} TPS |");
    Console.WriteLine($"| ratio CreateTicket / pgbench | {intake.PerSecond / pgbench:F2} |");
    Console.WriteLine($"| GetTicket, 1 caller, through the gateway | p50 {readIdleGateway.P50:F1} ms, p99 {readIdleGateway.P99:F1} ms |");
    Console.WriteLine($"| GetTicket, 1 caller, straight to the tickets service | p50 {readIdleDirect.P50:F1} ms, p99 {readIdleDirect.P99:F1} ms |");
    Console.WriteLine($"| the gateway's cost on an idle call (p50) | {readIdleGateway.P50 - readIdleDirect.P50:F1} ms |");
    Console.WriteLine($"| GetTicket, 16 callers, through the gateway | {readGateway.PerSecond:F0} calls/s, p50 {readGateway.P50:F1} ms, p99 {readGateway.P99:F1} ms, {readGateway.Errors} errors |");
    Console.WriteLine($"| GetTicket, 16 callers, straight to the tickets service | {readDirect.PerSecond:F0} calls/s, p50 {readDirect.P50:F1} ms, p99 {readDirect.P99:F1} ms, {readDirect.Errors} errors |");
    Console.WriteLine($"| ratio gateway / direct at 16 callers | {readGateway.PerSecond / readDirect.PerSecond:F2} |");
    Console.WriteLine($"| GetTicket, 256 callers, through the gateway | {readCrowd.PerSecond:F0} calls/s, p50 {readCrowd.P50:F1} ms, p99 {readCrowd.P99:F1} ms, {readCrowd.Errors} errors |");
    Console.WriteLine($"| ratio 256 callers / 16 callers, through the gateway | {readCrowd.PerSecond / readGateway.PerSecond:F2} |");
    Console.WriteLine($"| issue operations (propose → approve → issue, 1 unit) through the gateway, {options.StockCallers} callers, {IssueBench.Parts} parts, {issues.Seconds:F0} s | {issues.PerSecond:F0} issues/s ({issues.CallsPerSecond:F0} RPCs/s), p50 {issues.P50:F1} ms, p99 {issues.P99:F1} ms, {issues.Errors} errors, {issues.Refused} refused for want of stock, {issues.Retries} calls retried after ABORTED |");
    Console.WriteLine($"| ledger after the issue operations | invariant violations: {issuesLedger.Violations} |");
    Console.WriteLine($"| {options.StockCallers} callers for one scarce part ({IssueBench.ScarceUnits} units, {IssueBench.ScarceRequisitions} requisitions) | {scarce.Issued} issued, {scarce.Refused} refused for want of stock, {scarce.Errors} errors, {scarce.Retries} calls retried after ABORTED, {scarce.Seconds:F1} s |");
    Console.WriteLine($"| ledger after the scarce part | invariant violations: {scarceLedger.Violations} |");
    Console.WriteLine($"| pgbench UPDATE … SET on_hand = on_hand - 1 WHERE id = :id AND on_hand >= 1, {options.StockCallers} clients, {IssueBench.Parts} rows, same PostgreSQL | {decrement:F0} TPS |");
    Console.WriteLine($"| ratio issue operations / pgbench | {issues.PerSecond / decrement:F3} |");

    Console.WriteLine();
    Console.WriteLine($"CPU during CreateTicket ({options.Callers} callers, {intakeSeconds:F0} s, {Environment.ProcessorCount} cores), by process:");
    Console.WriteLine();
    Console.WriteLine("| process | CPU s | share of the machine | CPU ms per ticket |");
    Console.WriteLine("|---|---|---|---|");
    var created = intake.PerSecond * intakeSeconds;
    foreach (var (group, seconds, share) in intakeCpu)
    {
        Console.WriteLine($"| {group} | {seconds:F1} | {share:P0} | {seconds * 1000 / created:F2} |");
    }
    var (allSeconds, allShare) = (intakeCpu.Sum(g => g.CpuSeconds), intakeCpu.Sum(g => g.ShareOfMachine));
    Console.WriteLine($"| all of them | {allSeconds:F1} | {allShare:P0} | {allSeconds * 1000 / created:F2} |");
    Console.WriteLine();
    Console.WriteLine("Resident memory per service, peak (MB):");
    Console.WriteLine();
    Console.WriteLine("| service | during CreateTicket | during GetTicket at 256 callers |");
    Console.WriteLine("|---|---|---|");
    foreach (var service in intakeMemory.Keys.Union(readMemory.Keys).Order())
    {
        Console.WriteLine($"| {service} | {intakeMemory.GetValueOrDefault(service):F0} | {readMemory.GetValueOrDefault(service):F0} |");
    }
}
finally
{
    await app.StopAsync();
    try
    {
        Directory.Delete(dataDirectory, recursive: true);
    }
    catch (IOException)
    {
        // A server still closing its files: the temp folder is left for the system to clean.
    }
}

static CreateTicketRequest Intake()
{
    var request = Requests.Intake("EL-2019-0001");
    request.FaultType = "LIFT";
    return request;
}

/// <summary>What to measure: <c>--tickets 1000000 --callers 8 --seconds 15 --warm-up 20 --queue-calls 300 --stock-callers 16 --trace-sample-ratio 1</c>.</summary>
internal sealed record BenchOptions(int Tickets, int Callers, TimeSpan Duration, TimeSpan WarmUp, int QueueCalls, int StockCallers, double TraceSampleRatio)
{
    public static BenchOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var i = Array.IndexOf(args, $"--{name}");
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        return new BenchOptions(Value("tickets", 1_000_000), Value("callers", 8), TimeSpan.FromSeconds(Value("seconds", 15)),
            TimeSpan.FromSeconds(Value("warm-up", 20)), Value("queue-calls", 300), Value("stock-callers", 16), Ratio("trace-sample-ratio", 1));
        double Ratio(string name, double fallback)
        {
            var i = Array.IndexOf(args, $"--{name}");
            return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }
}

/// <summary>A million tickets written straight into the tickets database, as years of two stations' work would leave them.</summary>
internal static class Seed
{
    public static readonly Guid Hangzhou = Guid.Parse("0a000000-0000-4000-8000-000000000001");
    public static readonly Guid Ningbo = Guid.Parse("0a000000-0000-4000-8000-000000000002");

    /// <summary>
    /// Two stations; nine in ten tickets closed, one in twenty still waiting for dispatch (carried over from
    /// earlier days, of every priority), the rest in between, each with an open due time.
    /// </summary>
    public static async Task TicketsAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO tickets."Tickets" ("Id", "Number", "StationId", "Channel", "ContactName", "ContactPhone", "FaultDescription",
                "FaultType", "Priority", "ReceivedAt", "Category", "CategoryReason", "Status", "CreatedAt", "ReopenCount", "WorkRecordCount",
                "WorkshopRecordCount", "NextDueAt", "JobKind", "NeedsSupplier")
            SELECT gen_random_uuid(), 'B' || lpad(i::text, 10, '0'),
                CASE WHEN i % 2 = 0 THEN '{Hangzhou}'::uuid ELSE '{Ningbo}'::uuid END,
                1 + i % 5, '王建国', '0571-8888-1001', '电梯运行时有异响', 'LIFT', 1 + i % 3,
                now() - (i || ' minutes')::interval, 1 + i % 3, 'bench',
                CASE WHEN i % 20 = 0 THEN 1 WHEN i % 10 = 1 THEN 2 + i % 4 ELSE 14 END,
                now() - (i || ' minutes')::interval, 0, 0, 0,
                CASE WHEN i % 10 IN (0, 1) THEN now() + ((i % 1440) || ' minutes')::interval END,
                1, false
            FROM generate_series(1, {count}) AS i
            """, connection) { CommandTimeout = 0 };
        await insert.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("""ANALYZE tickets."Tickets" """, connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
    }
}

/// <summary>Latency and throughput of calls, in milliseconds.</summary>
internal static class Measure
{
    public sealed record Latency(double P50, double P99);

    public sealed record Throughput(double PerSecond, double P50, double P99, int Errors);

    /// <summary>One caller, <paramref name="calls"/> calls one after the other, after as many unmeasured.</summary>
    public static async Task<Latency> LatencyAsync<T>(int calls, Func<Task<T>> call)
    {
        for (var i = 0; i < calls; i++)
        {
            await call();
        }
        var times = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return new Latency(Percentile(times, 0.50), Percentile(times, 0.99));
    }

    /// <summary>
    /// A closed loop: <paramref name="callers"/> callers, each calling again as soon as it is answered, for
    /// <paramref name="warmUp"/> unmeasured and then <paramref name="duration"/> measured. Without the warm-up the
    /// figures would measure the JIT: a freshly started service spends its first minute of load compiling its hot
    /// paths again, optimised (a CPU profile of the first 15 s of load had the tickets service's JIT thread
    /// busier than its request threads).
    /// </summary>
    public static async Task<Throughput> ThroughputAsync<T>(int callers, TimeSpan duration, Func<Task<T>> call, TimeSpan warmUp)
    {
        if (warmUp > TimeSpan.Zero)
        {
            await ThroughputAsync(callers, warmUp, call, TimeSpan.Zero);
        }
        var times = new List<double>();
        var errors = 0;
        var gate = new Lock();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var callStarted = Stopwatch.GetTimestamp();
                try
                {
                    await call();
                    var elapsed = Stopwatch.GetElapsedTime(callStarted).TotalMilliseconds;
                    lock (gate)
                    {
                        times.Add(elapsed);
                    }
                }
                catch (RpcException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new Throughput(times.Count / seconds, Percentile(times, 0.50), Percentile(times, 0.99), errors);
    }

    public static double Percentile(List<double> values, double share)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
    }
}

/// <summary>
/// The references: pgbench on the suite's own PostgreSQL, in a scratch database made afresh for each, running a
/// custom script with the same number of clients as the calls it stands beside.
/// </summary>
internal static class PgBench
{
    /// <summary>A 1-row insert and a select by id per transaction.</summary>
    public static Task<double> InsertAndSelectAsync(string connectionString, string password, int clients, TimeSpan duration) =>
        RunAsync(connectionString, password, clients, duration,
            "CREATE TABLE items (id bigserial PRIMARY KEY, payload text NOT NULL);",
            """
            INSERT INTO items (payload) VALUES ('电梯运行时有异响') RETURNING id \gset
            SELECT payload FROM items WHERE id = :id;

            """);

    /// <summary>One unit taken off one of <paramref name="rows"/> stock figures, drawn at random, only while there is one left.</summary>
    public static Task<double> ConditionalDecrementAsync(string connectionString, string password, int clients, TimeSpan duration, int rows) =>
        RunAsync(connectionString, password, clients, duration,
            $"CREATE TABLE stock (id int PRIMARY KEY, on_hand int NOT NULL); INSERT INTO stock SELECT i, 1000000000 FROM generate_series(1, {rows}) AS i;",
            $"""
            \set id random(1, {rows})
            UPDATE stock SET on_hand = on_hand - 1 WHERE id = :id AND on_hand >= 1;

            """);

    /// <summary>pgbench's transactions per second running <paramref name="script"/> on a scratch database made by <paramref name="setup"/>.</summary>
    private static async Task<double> RunAsync(string connectionString, string password, int clients, TimeSpan duration, string setup, string script)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("DROP DATABASE IF EXISTS bench; CREATE DATABASE bench;", connection);
            await create.ExecuteNonQueryAsync();
        }
        // Unpooled: an idle pooled connection to the scratch database would keep the next run from dropping it.
        var bench = new NpgsqlConnectionStringBuilder(connectionString) { Database = "bench", Pooling = false };
        await using (var connection = new NpgsqlConnection(bench.ConnectionString))
        {
            await connection.OpenAsync();
            await using var table = new NpgsqlCommand(setup, connection);
            await table.ExecuteNonQueryAsync();
        }
        var scriptFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(scriptFile, script);
        var start = new ProcessStartInfo("pgbench",
        [
            "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "-f", scriptFile, "-h", server.Host!, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", server.Username!, "bench",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = password },
        };
        using var pgbench = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start.");
        var output = await pgbench.StandardOutput.ReadToEndAsync();
        var errors = await pgbench.StandardError.ReadToEndAsync();
        await pgbench.WaitForExitAsync();
        File.Delete(scriptFile);
        var tps = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"pgbench answered no TPS: {output} {errors}");
        return double.Parse(tps["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
