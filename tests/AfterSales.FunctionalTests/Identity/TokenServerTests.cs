using System.Buffers.Text;
using System.Data;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Identity;
using AfterSales.Identity.Endpoints;
using AfterSales.Identity.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static AfterSales.FunctionalTests.Identity.OAuth;

namespace AfterSales.FunctionalTests.Identity;

public class TokenServerTests(Suite suite) : SuiteTest(suite)
{
    private const string Issuer = "http://identity/";

    [Fact]
    public async Task Client_credentials_give_a_station_a_jwt_carrying_its_station_id()
    {
        var response = await RequestTokenAsync(ClientCredentials("station-hangzhou", Suite.DemoSecret("station-hangzhou")));

        var token = await AssertTokenAsync(response);
        var payload = Payload(token);
        Assert.Equal(DemoIds.StationHangzhou.ToString(), payload.GetProperty("station_id").GetString());
        Assert.Equal("station-hangzhou", payload.GetProperty("client_id").GetString());
        Assert.Equal("station-hangzhou", payload.GetProperty("sub").GetString());
        Assert.Equal("aftersales-api", payload.GetProperty("aud").GetString());
        Assert.Equal(Issuer, payload.GetProperty("iss").GetString());
        Assert.Equal("aftersales", payload.GetProperty("scope").GetString());
        Assert.False(payload.TryGetProperty("role", out _));
        Assert.Equal(3600, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Each_station_gets_its_own_station_id()
    {
        var response = await RequestTokenAsync(ClientCredentials("station-ningbo", Suite.DemoSecret("station-ningbo")));

        var payload = Payload(await AssertTokenAsync(response));
        Assert.Equal(DemoIds.StationNingbo.ToString(), payload.GetProperty("station_id").GetString());
    }

    [Fact]
    public async Task A_station_may_authenticate_with_http_basic()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint.Path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"station-hangzhou:{Suite.DemoSecret("station-hangzhou")}")));

        var response = await Suite.Identity.Http.SendAsync(request);

        await AssertTokenAsync(response);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused()
    {
        var response = await RequestTokenAsync(ClientCredentials("station-hangzhou", Suite.DemoSecret("station-hangzhou") + "x"));

        var error = await AssertErrorAsync(response, "invalid_client");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(error.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_station_cannot_sign_staff_in()
    {
        var response = await RequestTokenAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = "station-hangzhou",
            ["client_secret"] = Suite.DemoSecret("station-hangzhou"),
            ["username"] = "dispatcher",
            ["password"] = Suite.DemoSecret("dispatcher"),
        });

        await AssertErrorAsync(response, "unauthorized_client");
    }

    [Fact]
    public async Task The_password_grant_gives_a_dispatcher_a_token_with_the_role_and_no_station()
    {
        var response = await RequestTokenAsync(Password("dispatcher", Suite.DemoSecret("dispatcher")));

        var payload = Payload(await AssertTokenAsync(response));
        Assert.Equal(["dispatcher"], Roles(payload));
        Assert.False(payload.TryGetProperty("station_id", out _));
        Assert.Equal("黄磊", payload.GetProperty("name").GetString());
        Assert.True(Guid.TryParse(payload.GetProperty("sub").GetString(), out _));
        Assert.Equal("aftersales-api", payload.GetProperty("aud").GetString());
        Assert.Equal(Issuer, payload.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task A_station_technician_gets_the_station_id_with_the_role()
    {
        var response = await RequestTokenAsync(Password("technician", Suite.DemoSecret("technician")));

        var payload = Payload(await AssertTokenAsync(response));
        Assert.Equal(["technician"], Roles(payload));
        Assert.Equal(DemoIds.StationHangzhou.ToString(), payload.GetProperty("station_id").GetString());
    }

    [Fact]
    public async Task A_user_name_is_matched_without_regard_to_case()
    {
        var response = await RequestTokenAsync(Password("Dispatcher", Suite.DemoSecret("dispatcher")));

        await AssertTokenAsync(response);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_are_refused_alike()
    {
        var wrongPassword = await AssertErrorAsync(
            await RequestTokenAsync(Password("dispatcher", Suite.DemoSecret("dispatcher") + "x")), "invalid_grant");
        var unknownUser = await AssertErrorAsync(
            await RequestTokenAsync(Password("nobody-by-this-name", Suite.DemoSecret("dispatcher"))), "invalid_grant");

        Assert.Equal(wrongPassword.GetProperty("error_description").GetString(), unknownUser.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task A_disabled_user_is_refused_like_a_wrong_password()
    {
        var finance = await Data.NewStaffAsync("finance");
        await Suite.Identity.WithDbAsync(async db =>
        {
            var user = await db.StaffUsers.SingleAsync(u => u.Id == finance.Id);
            user.Disable();
            return await db.SaveChangesAsync();
        });

        var error = await AssertErrorAsync(await RequestTokenAsync(Password(finance.UserName, Suite.DemoSecret(finance.UserName))), "invalid_grant");

        Assert.Equal(TokenEndpoint.StaffRefusal, error.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task The_discovery_document_lists_the_token_endpoint_and_keys_under_the_issuer()
    {
        var discovery = await GetJsonAsync("/.well-known/openid-configuration");

        Assert.Equal(Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal($"{Issuer}connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{Issuer}.well-known/jwks", discovery.GetProperty("jwks_uri").GetString());
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains("client_credentials", grants);
        Assert.Contains("password", grants);
    }

    [Fact]
    public async Task A_token_verifies_with_the_published_rsa_key()
    {
        var token = await AssertTokenAsync(await RequestTokenAsync(ClientCredentials("station-ningbo", Suite.DemoSecret("station-ningbo"))));
        var jwks = await GetJsonAsync("/.well-known/jwks");

        var parts = token.Split('.');
        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement;
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        var key = jwks.GetProperty("keys").EnumerateArray()
            .Single(k => k.GetProperty("kid").GetString() == header.GetProperty("kid").GetString());
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(key.GetProperty("n").GetString()!),
            Exponent = Base64Url.DecodeFromChars(key.GetProperty("e").GetString()!),
        });
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task A_station_s_secret_does_not_work_for_another_station()
    {
        var response = await RequestTokenAsync(ClientCredentials("station-ningbo", Suite.DemoSecret("station-hangzhou")));

        await AssertErrorAsync(response, "invalid_client");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_demo_user_s_password_does_not_sign_another_user_in()
    {
        var response = await RequestTokenAsync(Password("admin", Suite.DemoSecret("technician")));

        var error = await AssertErrorAsync(response, "invalid_grant");
        Assert.Equal(TokenEndpoint.StaffRefusal, error.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task The_demo_password_itself_is_no_demo_caller_s_secret()
    {
        var station = await RequestTokenAsync(ClientCredentials("station-hangzhou", Suite.IdentityDemoPassword));
        var admin = await RequestTokenAsync(Password("admin", Suite.IdentityDemoPassword));

        await AssertErrorAsync(station, "invalid_client");
        await AssertErrorAsync(admin, "invalid_grant");
    }

    [Fact]
    public async Task A_token_server_with_the_demo_switch_off_seeds_no_demo_identities()
    {
        // A token server of its own, on a database of its own, started as under the AppHost in external
        // mode: in Development, with a demo password configured, but the switch off.
        var database = $"identity_demo_off_{Guid.NewGuid():N}";
        await using var tokenServer = new ServiceFactory<TokenServerOptions, IdentityDbContext>(Suite.Servers, ResourceNames.Identity, caller: null,
            new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{ResourceNames.Database(ResourceNames.Identity)}"] = Suite.Servers.Database(database),
                [$"{TokenServerOptions.SectionName}:{nameof(TokenServerOptions.DemoPassword)}"] = Suite.IdentityDemoPassword,
                [$"{TokenServerOptions.SectionName}:{nameof(TokenServerOptions.SeedDemoIdentities)}"] = "false",
            });

        var station = await tokenServer.Http.RequestTokenAsync(ClientCredentials("station-hangzhou", Suite.DemoSecret("station-hangzhou")));

        await AssertErrorAsync(station, "invalid_client");
        Assert.False(await tokenServer.WithDbAsync(db => db.StaffUsers.AnyAsync()));
        // Only the staff front end's client, which every installation has (staff could not sign in without it).
        Assert.Equal([StaffFrontEndRegistration.ClientId],
            await tokenServer.WithDbAsync(db => db.Set<OpenIddictEntityFrameworkCoreApplication>().Select(a => a.ClientId!).ToListAsync()));
    }

    private Task<HttpResponseMessage> RequestTokenAsync(Dictionary<string, string> form) => Suite.Identity.Http.RequestTokenAsync(form);

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Suite.Identity.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static JsonElement Payload(string jwt) => Jwt.Payload(jwt);

    /// <summary>A single role is a string in the JSON payload, several an array.</summary>
    private static List<string?> Roles(JsonElement payload) => payload.GetProperty("role") is { ValueKind: JsonValueKind.Array } roles
        ? [.. roles.EnumerateArray().Select(r => r.GetString())]
        : [payload.GetProperty("role").GetString()];
}
