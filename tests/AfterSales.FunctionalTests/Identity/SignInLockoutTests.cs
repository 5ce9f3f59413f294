using System.Net;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Identity;
using AfterSales.Identity.Endpoints;
using AfterSales.Identity.Infrastructure;
using AfterSales.ServiceDefaults;
using static AfterSales.FunctionalTests.Identity.OAuth;

namespace AfterSales.FunctionalTests.Identity;

/// <summary>
/// Failed-attempt lockout on the token endpoint, through the gateway: a user name or a station client
/// that fails <see cref="MaxFailures"/> times is locked for <see cref="Suite.IdentityLockout"/>, and the
/// right password or secret is refused meanwhile. Each test signs in as a user or client of its own, from
/// a caller address of its own (so the gateway's per-address token limit is its own too).
/// </summary>
public class SignInLockoutTests(Suite suite) : SuiteTest(suite)
{
    private const int MaxFailures = 5;

    private HttpClient NewCaller() => From(NewCallerAddress(), Suite.Gateway.HttpAddress);

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_user_name_and_then_even_the_right_password_is_refused()
    {
        var (userName, password) = await Suite.AddStaffUserAsync();
        using var http = NewCaller();

        for (var attempt = 1; attempt < MaxFailures; attempt++)
        {
            var refused = await AssertErrorAsync(await http.RequestTokenAsync(Password(userName, "wrong")), "invalid_grant");
            Assert.Equal(TokenEndpoint.StaffRefusal, refused.GetProperty("error_description").GetString());
        }
        var lastFailure = await http.RequestTokenAsync(Password(userName, "wrong"));
        var lockedUntil = await AssertLockedOutAsync(lastFailure, "invalid_grant");
        var rightPassword = await http.RequestTokenAsync(Password(userName, password));

        Assert.Equal(HttpStatusCode.BadRequest, rightPassword.StatusCode);
        Assert.Equal(lockedUntil, await AssertLockedOutAsync(rightPassword, "invalid_grant"));
        Assert.InRange(lockedUntil, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + Suite.IdentityLockout + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task After_the_lockout_ends_the_right_password_signs_in_and_the_count_starts_again()
    {
        var (userName, password) = await Suite.AddStaffUserAsync();
        using var http = NewCaller();
        DateTimeOffset lockedUntil = default;
        for (var attempt = 1; attempt <= MaxFailures; attempt++)
        {
            var response = await http.RequestTokenAsync(Password(userName, "wrong"));
            if (attempt == MaxFailures)
            {
                lockedUntil = await AssertLockedOutAsync(response, "invalid_grant");
            }
        }

        await Task.Delay(lockedUntil - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        await AssertTokenAsync(await http.RequestTokenAsync(Password(userName, password)));

        // The success reset the count: as many failures as before the lockout are allowed again.
        for (var attempt = 1; attempt < MaxFailures; attempt++)
        {
            await AssertErrorAsync(await http.RequestTokenAsync(Password(userName, "wrong")), "invalid_grant");
        }
        await AssertTokenAsync(await http.RequestTokenAsync(Password(userName, password)));
    }

    [Fact]
    public async Task An_unknown_user_name_is_locked_exactly_like_a_real_one()
    {
        var (userName, _) = await Suite.AddStaffUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}"[..24];
        using var http = NewCaller();

        for (var attempt = 1; attempt < MaxFailures; attempt++)
        {
            await http.RequestTokenAsync(Password(userName, "wrong"));
            await http.RequestTokenAsync(Password(unknown, "wrong"));
        }
        var real = await http.RequestTokenAsync(Password(userName, "wrong"));
        var made = await http.RequestTokenAsync(Password(unknown, "wrong"));

        Assert.Equal(real.StatusCode, made.StatusCode);
        var realError = await AssertErrorAsync(real, "invalid_grant");
        var madeError = await AssertErrorAsync(made, "invalid_grant");
        Assert.Equal(WithoutTime(realError.GetProperty("error_description").GetString()!), WithoutTime(madeError.GetProperty("error_description").GetString()!));
        await AssertLockedOutAsync(made, "invalid_grant");
    }

    [Fact]
    public async Task Simultaneous_wrong_passwords_are_each_counted()
    {
        var (userName, password) = await Suite.AddStaffUserAsync();
        using var http = NewCaller();

        // As many at once as it takes to lock: a count that lost one of them would leave the name open.
        var responses = await Task.WhenAll(Enumerable.Range(0, MaxFailures).Select(_ => http.RequestTokenAsync(Password(userName, "wrong"))));
        await Task.WhenAll(responses.Select(r => AssertErrorAsync(r, "invalid_grant")));

        await AssertLockedOutAsync(await http.RequestTokenAsync(Password(userName, password)), "invalid_grant");
    }

    [Fact]
    public async Task Simultaneous_right_passwords_and_secrets_lock_nothing()
    {
        var (userName, password) = await Suite.AddStaffUserAsync();
        var (clientId, secret) = await Suite.AddStationClientAsync();
        using var station = NewCaller();
        using var user = NewCaller();

        // A station whose workers all start at once, and a user signing in from several tabs: more at once
        // than the failures that would lock them.
        var responses = await Task.WhenAll(Enumerable.Range(0, 2 * MaxFailures).SelectMany(_ => new[]
        {
            station.RequestTokenAsync(ClientCredentials(clientId, secret)),
            user.RequestTokenAsync(Password(userName, password)),
        }));

        await Task.WhenAll(responses.Select(AssertTokenAsync));
    }

    [Fact]
    public async Task Wrong_client_secrets_lock_that_station_client_only()
    {
        var (locked, lockedSecret) = await Suite.AddStationClientAsync();
        var (other, otherSecret) = await Suite.AddStationClientAsync();
        using var http = NewCaller();

        for (var attempt = 1; attempt < MaxFailures; attempt++)
        {
            var refused = await http.RequestTokenAsync(ClientCredentials(locked, "wrong"));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.DoesNotContain("locked", (await AssertErrorAsync(refused, "invalid_client")).GetProperty("error_description").GetString());
        }
        var lockedUntil = await AssertLockedOutAsync(await http.RequestTokenAsync(ClientCredentials(locked, "wrong")), "invalid_client");
        var rightSecret = await http.RequestTokenAsync(ClientCredentials(locked, lockedSecret));
        var otherStation = await http.RequestTokenAsync(ClientCredentials(other, otherSecret));

        Assert.Equal(HttpStatusCode.Unauthorized, rightSecret.StatusCode);
        Assert.Equal(lockedUntil, await AssertLockedOutAsync(rightSecret, "invalid_client"));
        await AssertTokenAsync(otherStation);
    }

    [Fact]
    public async Task A_station_client_signs_in_again_once_its_lockout_ends()
    {
        var (clientId, secret) = await Suite.AddStationClientAsync();
        using var http = NewCaller();
        DateTimeOffset lockedUntil = default;
        for (var attempt = 1; attempt <= MaxFailures; attempt++)
        {
            var response = await http.RequestTokenAsync(ClientCredentials(clientId, "wrong"));
            if (attempt == MaxFailures)
            {
                lockedUntil = await AssertLockedOutAsync(response, "invalid_client");
            }
        }

        await Task.Delay(lockedUntil - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));

        await AssertTokenAsync(await http.RequestTokenAsync(ClientCredentials(clientId, secret)));
    }

    [Fact]
    public async Task A_lockout_made_on_one_replica_of_the_token_server_holds_on_another()
    {
        var (userName, password) = await Suite.AddStaffUserAsync();
        using var http = NewCaller();
        // A second token server on the same database, as a replica or a restarted server would be.
        await using var replica = new ServiceFactory<TokenServerOptions, IdentityDbContext>(Suite.Servers, ResourceNames.Identity, caller: null);

        for (var attempt = 1; attempt <= MaxFailures; attempt++)
        {
            await replica.Http.RequestTokenAsync(Password(userName, "wrong"));
        }
        var response = await http.RequestTokenAsync(Password(userName, password));

        await AssertLockedOutAsync(response, "invalid_grant");
    }
}
