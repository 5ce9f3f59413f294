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

    /// <summary>The CPU seconds each group of processes has used so far, for <see cref="CpuShares"/>.</summary>
    public Dictionary<string, double> CpuSeconds()
    {
        var seconds = new Dictionary<string, double>();
        foreach (var (group, _, process) in Tree())
        {
            seconds[group] = seconds.GetValueOrDefault(group) + (process.UserTicks + process.SystemTicks) / TicksPerSecond;
        }
        return seconds;
    }

    /// <summary>Each group's share of the machine's CPU between two readings <paramref name="wallSeconds"/> apart (1 = one core's whole time × cores).</summary>
    public static IReadOnlyList<(string Group, double CpuSeconds, double ShareOfMachine)> CpuShares(
        Dictionary<string, double> before, Dictionary<string, double> after, double wallSeconds) =>
        after.Select(a => (Group: a.Key, CpuSeconds: a.Value - before.GetValueOrDefault(a.Key)))
            .Where(g => g.CpuSeconds > 0.005)
            .Select(g => (g.Group, g.CpuSeconds, g.CpuSeconds / (wallSeconds * Environment.ProcessorCount)))
            .OrderByDescending(g => g.CpuSeconds)
            .ToList();

    /// <summary>Resident memory of each service now, in MB: its largest .NET process (PostgreSQL and Redis left out).</summary>
    public Dictionary<string, double> ServiceMemory() =>
        Tree()
            .Where(p => p.Resource && p.Group is not (ResourceNames.Postgres or ResourceNames.Redis)
                && (p.Process.Name.StartsWith("AfterSales", StringComparison.Ordinal) || p.Process.Name == "dotnet"))
            .GroupBy(p => p.Group)
            .ToDictionary(g => g.Key, g => g.Max(p => p.Process.ResidentPages) * PageSize / 1024.0 / 1024.0);

    /// <summary>Samples <see cref="ServiceMemory"/> every half second while <paramref name="load"/> runs, keeping each service's peak.</summary>
    public async Task<(T Result, Dictionary<string, double> PeakMemory)> WhileWatchingMemoryAsync<T>(Func<Task<T>> load)
    {
        var peaks = new Dictionary<string, double>();
        using var done = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                foreach (var (service, mb) in ServiceMemory())
                {
                    peaks[service] = Math.Max(mb, peaks.GetValueOrDefault(service));
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

    private sealed record ProcessStat(string Name, int ParentId, long UserTicks, long SystemTicks, long ResidentPages);

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
        return new ProcessStat(stat[(open + 1)..close], (int)Field(1), Field(11), Field(12), Field(21));
    }
}
