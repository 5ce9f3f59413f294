using System.Collections.Concurrent;
using System.Globalization;
using AfterSales.ServiceDefaults;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

/// <summary>
/// Where the machine's CPU and memory go while the suite is loaded: every process this bench started (the
/// suite's services, PostgreSQL and its backends, Redis, DCP, the bench itself), read from <c>/proc</c> and
/// named after the suite's resource it belongs to, else after its own command name.
/// </summary>
internal sealed class SuiteProcesses : IAsyncDisposable
{
    private static readonly double TicksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on
    private static readonly long PageSize = Environment.SystemPageSize;

    /// <summary>Every resource instance's latest state (a replicated service's instances have ids of their own).</summary>
    private readonly ConcurrentDictionary<string, ResourceEvent> _instances = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    public SuiteProcesses(DistributedApplication app)
    {
        _watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var resourceEvent in app.ResourceNotifications.WatchAsync(_stop.Token))
                {
                    _instances[resourceEvent.ResourceId] = resourceEvent;
                }
            }
            catch (OperationCanceledException)
            {
                // The bench is over.
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }

    /// <summary>The CPU seconds each process (with its group) has used so far, for <see cref="CpuShares"/>.</summary>
    public Dictionary<int, (string Group, double Seconds)> CpuSeconds() =>
        Tree().ToDictionary(p => p.Process.Id, p => (p.Group, (p.Process.UserTicks + p.Process.SystemTicks) / TicksPerSecond));

    /// <summary>
    /// Each group's CPU between two readings <paramref name="wallSeconds"/> apart and its share of the machine (1 = every
    /// core's whole time), counted per process: one started meanwhile counts whole, one ended meanwhile (a PostgreSQL
    /// backend closed) is missing from the second reading and counts nothing, where a sum per group would have gone down.
    /// </summary>
    public static IReadOnlyList<(string Group, double CpuSeconds, double ShareOfMachine)> CpuShares(
        Dictionary<int, (string Group, double Seconds)> before, Dictionary<int, (string Group, double Seconds)> after, double wallSeconds) =>
        after.GroupBy(a => a.Value.Group, a => a.Value.Seconds - (before.TryGetValue(a.Key, out var b) && b.Seconds <= a.Value.Seconds ? b.Seconds : 0))
            .Select(g => (Group: g.Key, CpuSeconds: g.Sum()))
            .Where(g => g.CpuSeconds > 0.005)
            .Select(g => (g.Group, g.CpuSeconds, g.CpuSeconds / (wallSeconds * Environment.ProcessorCount)))
            .OrderByDescending(g => g.CpuSeconds)
            .ToList();

    /// <summary>
    /// A process's memory in MB: resident (RSS, every page mapped counted whole), and its proportional share (PSS: a
    /// page shared with other processes, such as a framework assembly's, counted as its share, and a page mapped twice
    /// in the process, as .NET's write-xor-execute maps JIT-compiled code, counted once).
    /// </summary>
    public sealed record Memory(double Resident, double Proportional)
    {
        public static Memory Max(Memory a, Memory b) => new(Math.Max(a.Resident, b.Resident), Math.Max(a.Proportional, b.Proportional));

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Resident:F0} / {Proportional:F0}");
    }

    /// <summary>The memory of each service now: its largest .NET process (PostgreSQL and Redis left out).</summary>
    public Dictionary<string, Memory> ServiceMemory() =>
        Tree()
            .Where(p => p.Resource && p.Group is not (ResourceNames.Postgres or ResourceNames.Redis)
                && (p.Process.Name.StartsWith("AfterSales", StringComparison.Ordinal) || p.Process.Name == "dotnet"))
            .GroupBy(p => p.Group)
            .ToDictionary(g => g.Key, g =>
            {
                var largest = g.MaxBy(p => p.Process.ResidentPages).Process;
                return new Memory(largest.ResidentPages * PageSize / 1024.0 / 1024.0, ProportionalKb(largest.Id) / 1024.0);
            });

    /// <summary>Samples <see cref="ServiceMemory"/> every half second while <paramref name="load"/> runs, keeping each service's peaks.</summary>
    public async Task<(T Result, Dictionary<string, Memory> PeakMemory)> WhileWatchingMemoryAsync<T>(Func<Task<T>> load)
    {
        var peaks = new Dictionary<string, Memory>();
        using var done = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                foreach (var (service, memory) in ServiceMemory())
                {
                    peaks[service] = peaks.TryGetValue(service, out var peak) ? Memory.Max(peak, memory) : memory;
                }
                try
                {
                    await Task.Delay(500, done.Token);
                }
                catch (OperationCanceledException)
                {
                    // The load is over.
                }
            }
        });
        var result = await load();
        await done.CancelAsync();
        await sampling;
        return (result, peaks);
    }

    /// <summary>The process DCP started for each resource instance (for a project, the service itself or a launcher above it).</summary>
    private Dictionary<int, string> ResourceProcesses()
    {
        var pids = new Dictionary<int, string>();
        foreach (var instance in _instances.Values)
        {
            if (instance.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid)
            {
                pids[Convert.ToInt32(pid, CultureInfo.InvariantCulture)] = instance.Resource.Name;
            }
        }
        return pids;
    }

    /// <summary>
    /// Every process of the run, each with its group: the nearest resource above it, else its command name. They
    /// descend from this process (the AppHost runs in it) or from DCP, which detaches itself and watches this process
    /// (<c>dcp start-apiserver --monitor &lt;pid&gt;</c>).
    /// </summary>
    private IEnumerable<(string Group, bool Resource, ProcessStat Process)> Tree()
    {
        var all = AllProcesses();
        var resources = ResourceProcesses();
        var self = Environment.ProcessId;
        var roots = all.Keys.Where(pid => pid == self || IsDcpOf(pid, self)).ToHashSet();
        foreach (var (pid, process) in all)
        {
            string? group = null;
            var inRun = false;
            for (var current = pid; current > 1 && all.TryGetValue(current, out var p); current = p.ParentId)
            {
                group ??= resources.GetValueOrDefault(current);
                if (roots.Contains(current))
                {
                    inRun = true;
                    break;
                }
            }
            if (inRun)
            {
                yield return (group ?? (pid == self ? "bench (the callers)" : process.Name), group is not null, process);
            }
        }
    }

    private static bool IsDcpOf(int pid, int appHost)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            var monitor = Array.IndexOf(arguments, "--monitor");
            return monitor >= 0 && monitor + 1 < arguments.Length && arguments[monitor + 1] == appHost.ToString(CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static Dictionary<int, ProcessStat> AllProcesses()
    {
        var processes = new Dictionary<int, ProcessStat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ReadProcess(pid) is { } process)
            {
                processes[pid] = process;
            }
        }
        return processes;
    }

    private sealed record ProcessStat(int Id, string Name, int ParentId, long UserTicks, long SystemTicks, long ResidentPages);

    /// <summary>The "Pss:" line of /proc/&lt;pid&gt;/smaps_rollup, in kB (0 if the process has ended).</summary>
    private static long ProportionalKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["Pss:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>/proc/&lt;pid&gt;/stat: the command name is in parentheses and may hold spaces, so fields are counted after its closing one.</summary>
    private static ProcessStat? ReadProcess(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // it ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        // After the name: state(0) ppid(1) ... utime(11) stime(12) ... rss(21)
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return new ProcessStat(pid, stat[(open + 1)..close], (int)Field(1), Field(11), Field(12), Field(21));
    }
}
