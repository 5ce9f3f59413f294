using System.Diagnostics;
using System.Globalization;
using AfterSales.ServiceDefaults;
using AfterSales.TestKit;
using AfterSales.Tickets.V1;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Google.Protobuf.WellKnownTypes;
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

    // Growth: the lists and intake measured over a small table first, then again once it holds them all.
    var first = Math.Min(options.GrowthFrom, options.Tickets);
    Console.WriteLine($"Seeding {first:N0} tickets ...");
    await Seed.TicketsAsync(ticketsDb, 1, first);
    var (newestFirst, urgentFirst, queueFirst) = await ListsAsync(station, dispatcher, options.QueueCalls);
    var intakeFirst = await Measure.ThroughputAsync(options.Callers, options.Duration, () => station.CreateTicketAsync(Intake()).ResponseAsync, options.WarmUp);

    Console.WriteLine($"Seeding {options.Tickets - first:N0} more tickets ...");
    var seeding = Stopwatch.StartNew();
    await Seed.TicketsAsync(ticketsDb, first + 1, options.Tickets);
    Console.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:F0} s");
    var (newest, urgent, queue) = await ListsAsync(station, dispatcher, options.QueueCalls);
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

    Console.WriteLine("Reading the query plans ...");
    var plans = await QueryPlans.WhileCallingAsync(app, postgres, () => EveryReadOnceAsync(station, dispatcher, openTickets[1]));

    Console.WriteLine("Issuing parts ...");
    var issuing = new IssueBench(gatewayGrpc, callers.Station("station-hangzhou"), callers.Staff("manager"), Seed.Hangzhou, openTickets, inventoryDb);
    var (issues, issuesLedger) = await issuing.PlentyAsync(options.StockCallers, options.Duration);
    var (scarce, scarceLedger) = await issuing.ScarceAsync(options.StockCallers);
    var decrement = await PgBench.ConditionalDecrementAsync(postgres, postgresPassword, options.StockCallers, options.Duration, IssueBench.Parts);

    Console.WriteLine();
    Console.WriteLine($"| figure ({options.Tickets:N0} tickets in the table) | value |");
    Console.WriteLine("|---|---|");
    Console.WriteLine($"| dispatch queue (GetDispatchQueue, 20 of a station's ~{options.Tickets / 20 / 2:N0} waiting), 1 caller | p50 {queue.P50:F1} ms, p99 {queue.P99:F1} ms |");
    Console.WriteLine($"| a station's ticket list (ListTickets, newest first, 20), 1 caller | p50 {newest.P50:F1} ms, p99 {newest.P99:F1} ms |");
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
    Console.WriteLine($"Growth: {first:N0} tickets in the table, then {options.Tickets:N0}:");
    Console.WriteLine();
    Console.WriteLine($"| figure | {first:N0} tickets | {options.Tickets:N0} tickets | ratio |");
    Console.WriteLine("|---|---|---|---|");
    Console.WriteLine($"| CreateTicket through the gateway, {options.Callers} callers | {intakeFirst.PerSecond:F0} tickets/s, p99 {intakeFirst.P99:F1} ms | {intake.PerSecond:F0} tickets/s, p99 {intake.P99:F1} ms | {intake.PerSecond / intakeFirst.PerSecond:F2} |");
    Console.WriteLine($"| a station's ticket list (newest first, 20), p99 | {newestFirst.P99:F1} ms | {newest.P99:F1} ms | {newest.P99 / newestFirst.P99:F2} |");
    Console.WriteLine($"| most urgent list (20), p99 | {urgentFirst.P99:F1} ms | {urgent.P99:F1} ms | {urgent.P99 / urgentFirst.P99:F2} |");
    Console.WriteLine($"| dispatch queue (20), p99 | {queueFirst.P99:F1} ms | {queue.P99:F1} ms | {queue.P99 / queueFirst.P99:F2} |");

    QueryPlans.Print(plans, options.Tickets);

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
    Console.WriteLine("Memory per service, peak, resident (RSS) / proportional (PSS), MB:");
    Console.WriteLine();
    Console.WriteLine("| service | during CreateTicket | during GetTicket at 256 callers |");
    Console.WriteLine("|---|---|---|");
    foreach (var service in intakeMemory.Keys.Union(readMemory.Keys).Order())
    {
        Console.WriteLine($"| {service} | {intakeMemory.GetValueOrDefault(service)} | {readMemory.GetValueOrDefault(service)} |");
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

// The dispatcher's and a station's lists, one caller each, over the tickets the table holds now.
static async Task<(Measure.Latency Newest, Measure.Latency Urgent, Measure.Latency Queue)> ListsAsync(
    TicketService.TicketServiceClient station, TicketService.TicketServiceClient dispatcher, int calls) =>
(
    await Measure.LatencyAsync(calls, () =>
        station.ListTicketsAsync(new ListTicketsRequest { PageSize = 20 }).ResponseAsync),
    await Measure.LatencyAsync(calls, () =>
        dispatcher.ListTicketsAsync(new ListTicketsRequest { StationId = Seed.Hangzhou.ToString(), Order = TicketOrder.MostUrgent, PageSize = 20 }).ResponseAsync),
    await Measure.LatencyAsync(calls, () =>
        dispatcher.GetDispatchQueueAsync(new GetDispatchQueueRequest { StationId = Seed.Hangzhou.ToString(), PageSize = 20 }).ResponseAsync)
);

// Every kind of read the tickets service answers over the whole table, each once, a ticket taken in and
// dispatched, and the background jobs' rounds: what the query plans are read from.
static async Task EveryReadOnceAsync(TicketService.TicketServiceClient station, TicketService.TicketServiceClient dispatcher, string openTicket)
{
    var hangzhou = Seed.Hangzhou.ToString();
    var now = DateTimeOffset.UtcNow;
    var lists = new ListTicketsRequest[]
    {
        new() { PageSize = 20 },
        new() { PageSize = 20, Order = TicketOrder.MostUrgent },
        new() { PageSize = 20, StationId = hangzhou },
        new() { PageSize = 20, StationId = hangzhou, Order = TicketOrder.MostUrgent },
        new() { PageSize = 20, Statuses = { TicketStatus.Registered } },
        new() { PageSize = 20, Priority = Priority.Emergency },
        new() { PageSize = 20, Category = AfterSales.Common.V1.ServiceCategory.Contract },
        new() { PageSize = 20, TechnicianId = Seed.Technician.ToString() },
        new() { PageSize = 20, CustomerId = Seed.Customer.ToString() },
        new() { PageSize = 20, ReceivedFrom = Timestamp.FromDateTimeOffset(now.AddDays(-1)), ReceivedBefore = Timestamp.FromDateTimeOffset(now) },
        new() { PageSize = 20, DueBefore = Timestamp.FromDateTimeOffset(now.AddHours(1)) },
        new() { PageSize = 20, DueBefore = Timestamp.FromDateTimeOffset(now.AddHours(1)), Order = TicketOrder.MostUrgent },
        new() { PageSize = 20, Breached = true },
    };
    foreach (var list in lists)
    {
        var page = await dispatcher.ListTicketsAsync(list);
        if (page.NextPageToken.Length > 0)
        {
            await dispatcher.ListTicketsAsync(new ListTicketsRequest(list) { PageToken = page.NextPageToken });
        }
    }
    await station.ListTicketsAsync(new ListTicketsRequest { PageSize = 20 });
    await dispatcher.GetDispatchQueueAsync(new GetDispatchQueueRequest { StationId = hangzhou, PageSize = 20 });
    await dispatcher.ListEscalationsAsync(new ListEscalationsRequest { Level = EscalationLevel.StationDispatcher, StationId = hangzhou, PageSize = 20 });
    var today = now.ToOffset(TimeSpan.FromHours(8)); // the company's day (Business:TimeZone, Asia/Shanghai by default)
    foreach (var period in new[] { ReportPeriod.Day, ReportPeriod.Month })
    {
        await dispatcher.GetServiceReportAsync(new GetServiceReportRequest
        {
            StationId = hangzhou,
            Period = period,
            Date = new Google.Type.Date { Year = today.Year, Month = today.Month, Day = today.Day },
        });
    }
    await station.GetTicketAsync(new GetTicketRequest { TicketId = openTicket });
    await station.GetTicketHistoryAsync(new GetTicketHistoryRequest { TicketId = openTicket });
    var ticket = await station.CreateTicketAsync(Intake());
    await dispatcher.SuggestTechniciansAsync(new SuggestTechniciansRequest { TicketId = ticket.TicketId });
    await dispatcher.DispatchTicketAsync(new DispatchTicketRequest
    {
        TicketId = ticket.TicketId,
        TechnicianId = Seed.Technician.ToString(),
        RequestId = Guid.NewGuid().ToString(),
    });
    // A round of the SLA escalation job (every 30 s) and of the other background work falls in the window too.
    await Task.Delay(TimeSpan.FromSeconds(31));
}

static CreateTicketRequest Intake()
{
    var request = Requests.Intake("EL-2019-0001");
    request.FaultType = "LIFT";
    return request;
}

/// <summary>What to measure: <c>--tickets 1000000 --growth-from 10000 --callers 8 --seconds 15 --warm-up 20 --queue-calls 300 --stock-callers 16 --trace-sample-ratio 1</c>.</summary>
internal sealed record BenchOptions(int Tickets, int GrowthFrom, int Callers, TimeSpan Duration, TimeSpan WarmUp, int QueueCalls, int StockCallers, double TraceSampleRatio)
{
    public static BenchOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var i = Array.IndexOf(args, $"--{name}");
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        return new BenchOptions(Value("tickets", 1_000_000), Value("growth-from", 10_000), Value("callers", 8), TimeSpan.FromSeconds(Value("seconds", 15)),
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
    /// <summary>张伟, one of Hangzhou's technicians in the demo data.</summary>
    public static readonly Guid Technician = Guid.Parse("0f000000-0000-4000-8000-000000000001");

    /// <summary>One of the 50,000 customers the seeded tickets belong to (20 tickets each in a million).</summary>
    public static readonly Guid Customer = CustomerId(7);

    private static Guid CustomerId(int n) => Guid.Parse($"c0000000-0000-4000-8000-{n:D12}");

    /// <summary>
    /// Tickets <paramref name="from"/> to <paramref name="to"/> of the seed, ticket i received i minutes ago, with the
    /// rows their history leaves. Two stations, 50,000 customers; nine in ten tickets closed (by one technician, with
    /// their registration and closing in the status history, a finished assignment and a resolution clock met in 4
    /// hours of its 8, or, one in fifty, stopped after a day with its breach signalled), one in twenty still waiting
    /// for dispatch (carried over from earlier days, of every priority), the rest in between; each open one with a
    /// due time. No clock is one the SLA job has still to act on: its rounds only look.
    /// </summary>
    public static async Task TicketsAsync(string connectionString, int from, int to)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var seeded = $"""t."Number" BETWEEN 'B' || lpad('{from}', 10, '0') AND 'B' || lpad('{to}', 10, '0')""";
        var closedAt = """LEAST(t."CreatedAt" + interval '1 day', now())""";
        string[] statements =
        [
            $"""
            INSERT INTO tickets."Tickets" ("Id", "Number", "StationId", "CustomerId", "TechnicianId", "Channel", "ContactName", "ContactPhone", "FaultDescription",
                "FaultType", "Priority", "ReceivedAt", "Category", "CategoryReason", "Status", "CreatedAt", "ReopenCount", "WorkRecordCount",
                "WorkshopRecordCount", "NextDueAt", "BreachedAt", "JobKind", "NeedsSupplier")
            SELECT gen_random_uuid(), 'B' || lpad(i::text, 10, '0'),
                CASE WHEN i % 2 = 0 THEN '{Hangzhou}'::uuid ELSE '{Ningbo}'::uuid END,
                ('c0000000-0000-4000-8000-' || lpad((i % 50000)::text, 12, '0'))::uuid,
                CASE WHEN i % 20 <> 0 AND i % 10 <> 1 THEN '{Technician}'::uuid END,
                1 + i % 5, '王建国', '0571-8888-1001', '电梯运行时有异响', 'LIFT', 1 + i % 3,
                now() - (i || ' minutes')::interval, 1 + i % 3, 'bench',
                CASE WHEN i % 20 = 0 THEN 1 WHEN i % 10 = 1 THEN 2 + i % 4 ELSE 14 END,
                now() - (i || ' minutes')::interval, 0, 0, 0,
                CASE WHEN i % 20 = 0 OR i % 10 = 1 THEN now() + ((i % 1440) || ' minutes')::interval END,
                CASE WHEN i % 50 = 3 THEN now() - (i || ' minutes')::interval + interval '8 hours' END,
                1, false
            FROM generate_series({from}, {to}) AS i
            """,
            $"""
            INSERT INTO tickets."TicketStatusChanges" ("Id", "TicketId", "From", "To", "At", "Actor")
            SELECT gen_random_uuid(), t."Id", NULL, 1, t."CreatedAt", 'bench' FROM tickets."Tickets" t WHERE {seeded}
            UNION ALL
            SELECT gen_random_uuid(), t."Id", 1, 14, {closedAt}, 'bench' FROM tickets."Tickets" t WHERE {seeded} AND t."Status" = 14
            """,
            $"""
            INSERT INTO tickets."TicketAssignments" ("Id", "TicketId", "TechnicianId", "AssignedAt", "AssignedBy", "EndedAt", "EndReason")
            SELECT gen_random_uuid(), t."Id", '{Technician}'::uuid, t."CreatedAt" + interval '10 minutes', 'bench', {closedAt}, 'closed'
            FROM tickets."Tickets" t WHERE {seeded} AND t."Status" = 14
            """,
            $"""
            INSERT INTO tickets."SlaClocks" ("TicketId", "Round", "Kind", "RuleCode", "CalendarCode", "Target", "StartedAt", "DueAt", "PausedTime",
                "StoppedAt", "BreachSignalledAt")
            SELECT t."Id", 0, 3, 'bench', 'bench', interval '8 hours', t."CreatedAt", t."CreatedAt" + interval '8 hours', interval '0',
                CASE WHEN substr(t."Number", 2)::int % 50 = 3 THEN {closedAt} ELSE t."CreatedAt" + interval '4 hours' END,
                CASE WHEN substr(t."Number", 2)::int % 50 = 3 THEN t."CreatedAt" + interval '8 hours' END
            FROM tickets."Tickets" t WHERE {seeded} AND t."Status" = 14
            """,
            // Vacuumed as well as analysed, as a table years old would be: autovacuum would otherwise spend the
            // measured minutes on the new rows (and its workers' CPU, ending mid-run, would be lost to the figures).
            """VACUUM (ANALYZE) tickets."Tickets", tickets."TicketStatusChanges", tickets."TicketAssignments", tickets."SlaClocks" """,
        ];
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
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
