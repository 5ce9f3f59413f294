using System.Text.Json;
using AfterSales.Identity.Model;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AfterSales.UnitTests.Identity;

public class ClientRegistrationTests
{
    [Fact]
    public void A_station_client_is_confidential_limited_to_client_credentials_and_knows_its_station()
    {
        var station = Guid.NewGuid();

        var client = ClientRegistrations.Station("station-x", "secret", "某特约服务站", station);

        Assert.Equal(ClientTypes.Confidential, client.ClientType);
        Assert.Contains(Permissions.GrantTypes.ClientCredentials, client.Permissions);
        Assert.DoesNotContain(Permissions.GrantTypes.Password, client.Permissions);
        Assert.Contains(Permissions.Prefixes.Scope + AccessTokens.Scope, client.Permissions);
        Assert.Equal(station, ClientRegistrations.StationIdOf(client.Properties));
    }

    [Fact]
    public void A_staff_front_end_is_a_public_client_limited_to_the_password_grant()
    {
        var client = ClientRegistrations.StaffFrontEnd("web-x", "前端");

        Assert.Equal(ClientTypes.Public, client.ClientType);
        Assert.Null(client.ClientSecret);
        Assert.Contains(Permissions.GrantTypes.Password, client.Permissions);
        Assert.DoesNotContain(Permissions.GrantTypes.ClientCredentials, client.Permissions);
        Assert.Null(ClientRegistrations.StationIdOf(client.Properties));
    }

    [Theory]
    [InlineData("\"not-a-guid\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void A_malformed_station_id_is_no_station(string json)
    {
        var properties = new Dictionary<string, JsonElement>
        {
            [ClientRegistrations.StationIdProperty] = JsonDocument.Parse(json).RootElement,
        };

        Assert.Null(ClientRegistrations.StationIdOf(properties));
    }
}
