using System.Diagnostics;

namespace AfterSales.TestKit;

/// <summary>Programs and scripts of the repository, run as an operator runs them from a shell.</summary>
public static class Commands
{
    /// <summary>What a program wrote and how it ended.</summary>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>The repository's root: the folder of AfterSales.sln above the test's own.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Runs <paramref name="program"/> to its end, with <paramref name="environment"/> added to this process's.</summary>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await output, await error);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AfterSales.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No AfterSales.sln above {AppContext.BaseDirectory}.");
    }
}
