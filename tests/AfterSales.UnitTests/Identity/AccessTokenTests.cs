using System.Security.Claims;
using AfterSales.Identity.Model;
using AfterSales.Platform.Security;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AfterSales.UnitTests.Identity;

public class AccessTokenTests
{
    private static readonly Guid Station = Guid.Parse("0a000000-0000-4000-8000-000000000001");

    [Fact]
    public void A_station_token_has_the_client_as_subject_and_names_its_station()
    {
        var principal = AccessTokens.ForStation("station-hangzhou", Station);

        Assert.Equal("station-hangzhou", principal.GetClaim(Claims.Subject));
        Assert.Equal(Station.ToString(), principal.GetClaim(Caller.StationIdClaim));
        Assert.Empty(principal.GetClaims(Claims.Role));
    }

    [Fact]
    public void A_staff_token_carries_name_and_one_role_claim_per_role_and_no_station_for_internal_staff()
    {
        var user = new StaffUser(Guid.NewGuid(), "manager", "林志强", [StaffRoles.Manager, StaffRoles.Finance], null);

        var principal = AccessTokens.ForStaff(user);

        Assert.Equal(user.Id.ToString(), principal.GetClaim(Claims.Subject));
        Assert.Equal("林志强", principal.GetClaim(Claims.Name));
        Assert.Equal([StaffRoles.Manager, StaffRoles.Finance], principal.GetClaims(Claims.Role).ToArray());
        Assert.Null(principal.GetClaim(Caller.StationIdClaim));
    }

    [Fact]
    public void A_station_technician_token_carries_the_station()
    {
        var user = new StaffUser(Guid.NewGuid(), "technician", "张伟", [StaffRoles.Technician], Station);

        var principal = AccessTokens.ForStaff(user);

        Assert.Equal(Station.ToString(), principal.GetClaim(Caller.StationIdClaim));
    }

    [Fact]
    public void Every_token_is_for_the_suite_api_with_its_scope_and_every_claim_goes_into_the_access_token()
    {
        var staff = AccessTokens.ForStaff(new StaffUser(Guid.NewGuid(), "qa", "郑涛", [StaffRoles.Qa], null));
        var station = AccessTokens.ForStation("station-ningbo", Station);

        foreach (var principal in new[] { staff, station })
        {
            Assert.Equal([TokenValidation.Audience], principal.GetResources().ToArray());
            Assert.Equal([AccessTokens.Scope], principal.GetScopes().ToArray());
            Assert.All(principal.Claims.Where(IsIssued), claim => Assert.Equal([Destinations.AccessToken], claim.GetDestinations().ToArray()));
        }
    }

    /// <summary>OpenIddict's private claims (scopes, resources, destinations) are its own, not the token's.</summary>
    private static bool IsIssued(Claim claim) => !claim.Type.StartsWith("oi_", StringComparison.Ordinal);
}
