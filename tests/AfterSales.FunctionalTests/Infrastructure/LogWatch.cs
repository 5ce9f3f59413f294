using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AfterSales.FunctionalTests.Infrastructure;

/// <summary>
/// Sees every record every service of the suite logs, after the services' own level filters, as a log sink
/// would. A test names the strings that must never be logged (a phone number, a password, a token) and gets
/// the records that carried one, in their message, their structured values or their exception.
/// </summary>
public sealed class LogWatch : ILoggerProvider
{
    public static LogWatch Instance { get; } = new();

    private readonly ConcurrentDictionary<Watch, byte> _watches = new();

    private LogWatch()
    {
    }

    /// <summary>Starts watching for <paramref name="secrets"/>; more can be added as the test learns them (a token issued).</summary>
    public Watch Start(params string[] secrets)
    {
        var watch = new Watch(this);
        watch.Add(secrets);
        _watches[watch] = 0;
        return watch;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // Shared by every host of the suite; each host's logging lets go of it, and it lives on.
    }

    private void Inspect(string category, string text)
    {
        foreach (var watch in _watches.Keys)
        {
            watch.Inspect(category, text);
        }
    }

    public sealed class Watch(LogWatch owner) : IDisposable
    {
        private readonly ConcurrentDictionary<string, byte> _secrets = new();
        private readonly ConcurrentQueue<string> _leaks = new();

        public IReadOnlyCollection<string> Leaks => _leaks;

        public void Add(params string[] secrets)
        {
            foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
            {
                _secrets[secret] = 0;
            }
        }

        internal void Inspect(string category, string text)
        {
            foreach (var secret in _secrets.Keys.Where(s => text.Contains(s, StringComparison.Ordinal)))
            {
                _leaks.Enqueue($"{category} logged a watched value ({secret[..Math.Min(4, secret.Length)]}…): {text}");
            }
        }

        public void Dispose() => owner._watches.TryRemove(this, out _);
    }

    private sealed class Logger(LogWatch owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (owner._watches.IsEmpty)
            {
                return;
            }
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner.Inspect(category, $"{formatter(state, exception)} {values} {exception}");
        }
    }
}
