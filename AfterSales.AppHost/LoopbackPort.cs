using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AfterSales.AppHost;

/// <summary>
/// Ports for servers the suite reaches without DCP's proxy. Through the proxy every PostgreSQL query, Redis command
/// and call between services crosses one more process: here about 0.25 ms a round trip against 0.05 ms straight
/// to PostgreSQL, and the proxy's CPU on top.
/// </summary>
internal static class LoopbackPort
{
    /// <summary>How many ports below the kernel's range for outgoing connections the suite's servers are given.</summary>
    private const int Span = 8_000;

    private static readonly HashSet<int> Given = [];

    /// <summary>
    /// A port free on the loopback address now, never given before in this process; the server given it binds it a
    /// moment later. It lies just below the range the kernel takes outgoing connections' ports from: a port the
    /// kernel calls free (port 0) is in that range, and could be handed out twice (a bench run had Redis and a
    /// service given the same one) or taken by a connection the suite opens before the server binds it.
    /// </summary>
    public static int Free()
    {
        var below = OutgoingRangeStart();
        lock (Given)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(Math.Max(1024, below - Span), below);
                if (!Given.Contains(port) && IsFree(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }
        throw new InvalidOperationException($"No free loopback port between {below - Span} and {below}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of the kernel's range for outgoing connections (Linux; 32768 where it cannot be read).</summary>
    private static int OutgoingRangeStart()
    {
        const int Default = 32_768;
        try
        {
            var first = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0];
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start > 1024 + 1000 ? start : Default;
        }
        catch (IOException)
        {
            return Default;
        }
        catch (UnauthorizedAccessException)
        {
            return Default;
        }
    }
}
