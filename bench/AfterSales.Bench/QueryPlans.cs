using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AfterSales.ServiceDefaults;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

/// <summary>
/// The plans PostgreSQL chose for the suite's own statements, as the services sent them (their SQL, their
/// parameters, their prepared statements): auto_explain, loaded silent by local-postgres.sh, is switched on for
/// the whole server while some calls are made, with the rows each step of a plan really read (log_analyze, without
/// timing), and the plans it logs are read back from the server's log.
/// </summary>
internal sealed partial class QueryPlans
{
    /// <summary>
    /// A step reading more rows than this, or a table holding more read from end to end, is the scan the issue forbids:
    /// a list or a lookup reads what it returns, not the table.
    /// </summary>
    public const long ScanRows = 10_000;

    /// <summary>How a step of a plan reached a table, and how many rows it read (returned and filtered out, every loop).</summary>
    public sealed record Read(string Step, string Table, bool WholeTable, long Rows)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Step}: {Rows:N0} rows");
    }

    /// <summary>One statement's plan: which database ran it, its text, and how it reached each table.</summary>
    public sealed record Plan(string Database, string Statement, IReadOnlyList<Read> Reads);

    /// <summary>What was planned, and the scans among it: a step reading more than <see cref="ScanRows"/> rows, or a table of more read whole.</summary>
    public sealed record Report(IReadOnlyList<Plan> Plans, IReadOnlyList<(Plan Plan, Read Read, long TableRows)> Scans, int Unreadable);

    /// <summary>Every plan logged while <paramref name="calls"/> ran, each distinct statement once (the plan that read the most rows).</summary>
    public static async Task<Report> WhileCallingAsync(DistributedApplication app, string superuser, Func<Task> calls)
    {
        var lines = new List<string>();
        using var stop = new CancellationTokenSource();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        // By the resource, not its name: the server's log is kept under its running instance's id.
        var server = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == ResourceNames.Postgres);
        var watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in logs.WatchAsync(server).WithCancellation(stop.Token))
                {
                    lock (lines)
                    {
                        lines.AddRange(batch.Select(l => CaptureTime().Replace(l.Content, "", 1)));
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The calls are over.
            }
        });
        int seenBefore;
        // The watch replays the log so far: only what follows the switch is read.
        await Task.Delay(TimeSpan.FromSeconds(1));
        lock (lines)
        {
            seenBefore = lines.Count;
        }
        string[] settings = ["log_format = 'json'", "log_analyze = on", "log_timing = off", "log_min_duration = 0"];
        await SetAsync(superuser, [.. settings.Select(s => $"ALTER SYSTEM SET auto_explain.{s}")]);
        try
        {
            await calls();
        }
        finally
        {
            await SetAsync(superuser, [.. settings.Reverse().Select(s => $"ALTER SYSTEM RESET auto_explain.{s.Split(' ')[0]}")]);
        }
        // The last lines reach the watch a moment after they are written.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await watching;
        List<string> logged;
        lock (lines)
        {
            logged = lines.Skip(seenBefore).ToList();
        }
        var (plans, unreadable) = Parse(logged);
        var rows = await TableRowsAsync(superuser, plans.Select(p => p.Database).Distinct());
        var scans = plans
            .SelectMany(p => p.Reads.Select(r => (Plan: p, Read: r, TableRows: rows.GetValueOrDefault((p.Database, r.Table)))))
            .Where(s => s.Read.Rows > ScanRows || (s.Read.WholeTable && s.TableRows > ScanRows))
            .ToList();
        return new Report(plans, scans, unreadable);
    }

    /// <summary>Changes server settings (ALTER SYSTEM runs outside a transaction, one per command) and has every backend reload them.</summary>
    private static async Task SetAsync(string superuser, string[] statements)
    {
        await using var connection = new NpgsqlConnection(superuser);
        await connection.OpenAsync();
        foreach (var statement in statements.Append("SELECT pg_reload_conf()"))
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
        // Each backend reloads at its next command; the signal reaches idle ones within moments.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
    }

    /// <summary>
    /// The plans in the server's log lines: "... [pid] database LOG:  duration: 0.123 ms  plan:" and then the plan
    /// as JSON over the lines that follow. A plan another backend's lines cut through is counted as unreadable.
    /// </summary>
    private static (List<Plan> Plans, int Unreadable) Parse(List<string> lines)
    {
        var plans = new Dictionary<(string, string), Plan>();
        var unreadable = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var header = PlanHeader().Match(lines[i]);
            if (!header.Success)
            {
                continue;
            }
            var body = new List<string>();
            JsonDocument? plan = null;
            for (i++; i < lines.Count && !PlanHeader().IsMatch(lines[i]); i++)
            {
                body.Add(lines[i]);
                if (lines[i].Trim() == "}" && TryParse(string.Join('\n', body), out plan))
                {
                    break;
                }
            }
            if (plan is null)
            {
                unreadable++;
                i--;
                continue;
            }
            using (plan)
            {
                var statement = Shorten(plan.RootElement.GetProperty("Query Text").GetString() ?? "");
                var reads = new List<Read>();
                Walk(plan.RootElement.GetProperty("Plan"), reads);
                // A statement run more than once (a report for a day and for a month) keeps its costliest plan.
                var key = (header.Groups["db"].Value, statement);
                if (!plans.TryGetValue(key, out var seen) || seen.Reads.Sum(r => r.Rows) < reads.Sum(r => r.Rows))
                {
                    plans[key] = new Plan(key.Item1, statement, reads);
                }
            }
        }
        return (plans.Values.OrderBy(p => p.Database, StringComparer.Ordinal).ThenBy(p => p.Statement, StringComparer.Ordinal).ToList(), unreadable);
    }

    private static bool TryParse(string json, out JsonDocument? document)
    {
        try
        {
            document = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            document = null;
            return false;
        }
    }

    /// <summary>How each node of a plan reaches a table ("Index Scan using IX on T", "Seq Scan on T", ...) and the rows it read.</summary>
    private static void Walk(JsonElement node, List<Read> reads)
    {
        var type = node.GetProperty("Node Type").GetString();
        // A write's own node names the table it writes, not how it reads it.
        if (type != "ModifyTable" && node.TryGetProperty("Relation Name", out var relation))
        {
            var table = relation.GetString() ?? "";
            var step = node.TryGetProperty("Index Name", out var index) ? $"{type} using {index.GetString()} on {table}" : $"{type} on {table}";
            reads.Add(new Read(step, table, type == "Seq Scan", RowsRead(node)));
        }
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, reads);
            }
        }
    }

    /// <summary>The rows a step looked at: those it passed on and those its filters dropped, over all its loops.</summary>
    private static long RowsRead(JsonElement node)
    {
        double Number(string name) => node.TryGetProperty(name, out var value) ? value.GetDouble() : 0;
        return (long)Math.Round((Number("Actual Rows") + Number("Rows Removed by Filter") + Number("Rows Removed by Index Recheck"))
            * Math.Max(1, Number("Actual Loops")));
    }

    /// <summary>Rows per table (the planner's estimate, which ANALYZE keeps) in each database named.</summary>
    private static async Task<Dictionary<(string, string), long>> TableRowsAsync(string superuser, IEnumerable<string> databases)
    {
        var rows = new Dictionary<(string, string), long>();
        foreach (var database in databases)
        {
            var builder = new NpgsqlConnectionStringBuilder(superuser) { Database = database };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT relname, reltuples::bigint FROM pg_class WHERE relkind IN ('r', 'p')", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows[(database, reader.GetString(0))] = reader.GetInt64(1);
            }
        }
        return rows;
    }

    /// <summary>A statement on one line, its column list left out: what it reads and how it filters and orders.</summary>
    private static string Shorten(string sql)
    {
        var line = Whitespace().Replace(sql, " ").Trim();
        line = SelectList().Replace(line, "SELECT … FROM ", 1);
        return line.Length > 220 ? line[..220] + " …" : line;
    }

    public static void Print(Report report, int tickets)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Query plans with {tickets:N0} tickets (auto_explain while the reads, an intake and a dispatch ran once each): {report.Plans.Count} statements in {report.Plans.Select(p => p.Database).Distinct().Count()} databases; scans (a step reading more than {ScanRows:N0} rows, or a larger table whole): {report.Scans.Count}{(report.Unreadable > 0 ? $" ({report.Unreadable} plans cut by other log lines, unread)" : "")}."));
        foreach (var (plan, read, tableRows) in report.Scans)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  SCAN in {plan.Database}, {read} of {tableRows:N0}: {plan.Statement}"));
        }
        Console.WriteLine();
        Console.WriteLine("| database | statement | reads |");
        Console.WriteLine("|---|---|---|");
        foreach (var plan in report.Plans.Where(p => p.Reads.Count > 0))
        {
            Console.WriteLine($"| {plan.Database} | `{plan.Statement.Replace("|", "\\|", StringComparison.Ordinal)}` | {string.Join("; ", plan.Reads)} |");
        }
    }

    [GeneratedRegex(@"\s(?<db>[A-Za-z0-9_-]+) LOG:  duration: [0-9.]+ ms  plan:\s*$")]
    private static partial Regex PlanHeader();

    /// <summary>The time the line was captured, which the resource log puts before the server's own.</summary>
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT[0-9:.]+Z ")]
    private static partial Regex CaptureTime();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^SELECT .*? FROM ")]
    private static partial Regex SelectList();
}
