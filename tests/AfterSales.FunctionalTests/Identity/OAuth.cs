using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using AfterSales.Identity.Infrastructure;

namespace AfterSales.FunctionalTests.Identity;

/// <summary>Token requests and their answers, as an OAuth client sees them.</summary>
internal static partial class OAuth
{
    public static Dictionary<string, string> ClientCredentials(string clientId, string secret) => TokenRequests.ClientCredentials(clientId, secret);

    public static Dictionary<string, string> Password(string userName, string password) =>
        TokenRequests.Password(userName, password, StaffFrontEndRegistration.ClientId);

    public static Task<HttpResponseMessage> RequestTokenAsync(this HttpClient http, Dictionary<string, string> form) =>
        http.PostAsync(TokenRequests.Path, new FormUrlEncodedContent(form));

    /// <summary>A successful bearer-token answer; returns the access token.</summary>
    public static async Task<string> AssertTokenAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.False(json.TryGetProperty("refresh_token", out _));
        return json.GetProperty("access_token").GetString()!;
    }

    /// <summary>An OAuth error answer with this error code; returns its body.</summary>
    public static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, string error)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        Assert.True(body.TryGetProperty("error", out var code), text);
        Assert.Equal(error, code.GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error_description").GetString()));
        Assert.False(body.TryGetProperty("access_token", out _));
        return body;
    }

    /// <summary>An answer refusing a locked user name or client: returns until when it says.</summary>
    public static async Task<DateTimeOffset> AssertLockedOutAsync(HttpResponseMessage response, string error)
    {
        var description = (await AssertErrorAsync(response, error)).GetProperty("error_description").GetString()!;
        var match = LockedUntil().Match(description);
        Assert.True(match.Success, $"Not a lockout: {description}");
        return DateTimeOffset.ParseExact(match.Groups[1].Value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>A lockout's description with its time taken out, to compare two lockouts' wording.</summary>
    public static string WithoutTime(string description) => LockedUntil().Replace(description, "locked until <time>");

    [GeneratedRegex(@"locked until (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)")]
    private static partial Regex LockedUntil();

    /// <summary>
    /// An HTTP client whose connections come from <paramref name="source"/>, so the server sees a caller at
    /// an address of its own. On Linux all of 127.0.0.0/8 is loopback: any such address works unconfigured.
    /// </summary>
    public static HttpClient From(IPAddress source, Uri address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = address };

    /// <summary>A loopback address no other test uses, to stand for one caller's machine.</summary>
    public static IPAddress NewCallerAddress() =>
        new([127, (byte)RandomNumberGenerator.GetInt32(1, 255), (byte)RandomNumberGenerator.GetInt32(0, 256), (byte)RandomNumberGenerator.GetInt32(1, 255)]);
}
