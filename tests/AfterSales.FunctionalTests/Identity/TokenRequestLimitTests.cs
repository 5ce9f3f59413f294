using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AfterSales.FunctionalTests.Infrastructure;
using static AfterSales.FunctionalTests.Identity.OAuth;

namespace AfterSales.FunctionalTests.Identity;

/// <summary>
/// The gateway's own limits on token requests (before sign-in there is no caller but an address and the
/// client id a request names): a flood from one address, or aimed at one station's client id from many
/// addresses, is refused at the gateway, and other stations still get their tokens meanwhile. Each caller
/// here connects from a loopback address of its own, as separate machines would.
/// </summary>
public class TokenRequestLimitTests(Suite suite) : SuiteTest(suite)
{
    private Uri Gateway => Suite.Gateway.HttpAddress;

    [Fact]
    public async Task A_flood_from_one_address_does_not_stop_another_station_getting_its_token()
    {
        var (clientId, secret) = await Suite.AddStationClientAsync();
        using var flooder = From(NewCallerAddress(), Gateway);
        using var station = From(NewCallerAddress(), Gateway);

        var flood = Task.WhenAll(Enumerable.Range(0, 100).Select(i => flooder.RequestTokenAsync(Password($"guess-{i}", "wrong"))));
        var token = await station.RequestTokenAsync(ClientCredentials(clientId, secret));
        var flooded = await flood;

        await AssertTokenAsync(token);
        var refused = flooded.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(flooded.Length - refused.Count, 1, Allowed(Suite.TokenRequestsPerAddress));
        foreach (var response in refused)
        {
            await AssertErrorAsync(response, "temporarily_unavailable");
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        }
        Assert.All(flooded.Except(refused), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
    }

    [Fact]
    public async Task A_flood_of_one_station_s_client_id_from_many_addresses_leaves_other_stations_their_tokens()
    {
        var (target, targetSecret) = await Suite.AddStationClientAsync();
        var (other, otherSecret) = await Suite.AddStationClientAsync();
        var flooders = Enumerable.Range(0, 5).Select(_ => From(NewCallerAddress(), Gateway)).ToList();
        using var station = From(NewCallerAddress(), Gateway);

        // Half in the form, half with HTTP Basic: the gateway counts both against the client id.
        var flood = Task.WhenAll(flooders.SelectMany(flooder => Enumerable.Range(0, 10).Select(i => i % 2 == 0
            ? flooder.RequestTokenAsync(ClientCredentials(target, targetSecret))
            : RequestWithBasicAsync(flooder, target, targetSecret))));
        var token = await station.RequestTokenAsync(ClientCredentials(other, otherSecret));
        var flooded = await flood;
        flooders.ForEach(f => f.Dispose());

        await AssertTokenAsync(token);
        var refused = flooded.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        // No more from each address than its own limit allows, so what is refused is the client's.
        Assert.InRange(flooded.Length - refused, 1, Allowed(Suite.TokenRequestsPerClient));
        // What got through reached the token server with its body intact: a token each.
        Assert.All(flooded.Where(r => r.StatusCode != HttpStatusCode.TooManyRequests), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    /// <summary>
    /// The most a token bucket lets through of a flood: its burst, and what it refills while the flood
    /// arrives, allowing a busy machine ten seconds for that.
    /// </summary>
    private static int Allowed((int PerSecond, int Burst) limit) => limit.Burst + 10 * limit.PerSecond;

    private static Task<HttpResponseMessage> RequestWithBasicAsync(HttpClient http, string clientId, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TokenRequests.Path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return http.SendAsync(request);
    }
}
