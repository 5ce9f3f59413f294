using System.Diagnostics;
using System.Globalization;

namespace AfterSales.FunctionalTests.Infrastructure;

/// <summary>
/// Processes as Linux shows them in /proc, for tests that pause, kill or stop the suite's servers and
/// services the way an operator (or a crash) would. Shared with the end-to-end tests.
/// </summary>
public static class Processes
{
    /// <summary>The live child of <paramref name="parent"/> whose command name is <paramref name="command"/>, or 0 while there is none.</summary>
    public static int ChildNamed(int parent, string command) =>
        All().FirstOrDefault(p => p.ParentPid == parent && p.Command == command && p.State != 'Z').Pid;

    /// <summary>Every live process below <paramref name="root"/>, children before grandchildren.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var all = All().Where(p => p.State != 'Z').ToList();
        var found = new List<int>();
        var parents = new Queue<int>([root]);
        while (parents.TryDequeue(out var parent))
        {
            foreach (var child in all.Where(p => p.ParentPid == parent))
            {
                found.Add(child.Pid);
                parents.Enqueue(child.Pid);
            }
        }
        return found;
    }

    /// <summary>The process's command line, its arguments separated by spaces; empty once it is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Sends <paramref name="signal"/> (STOP, CONT, KILL, TERM...) to one process.</summary>
    public static void Signal(int pid, string signal)
    {
        if (pid <= 0)
        {
            throw new InvalidOperationException($"No process to send SIG{signal} to.");
        }
        using var kill = Process.Start("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {pid} failed.");
        }
    }

    private static IEnumerable<(int Pid, int ParentPid, string Command, char State)> All()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // exited meanwhile
            }
            // "pid (comm) state ppid ...": the command name may hold spaces and parentheses, so split at the last ')'.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            yield return (pid, int.Parse(fields[1], CultureInfo.InvariantCulture), stat[(open + 1)..close], fields[0][0]);
        }
    }
}
