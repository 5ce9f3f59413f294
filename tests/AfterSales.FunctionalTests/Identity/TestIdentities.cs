using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Security;

namespace AfterSales.FunctionalTests.Identity;

/// <summary>Callers a test registers with the token server for itself, with fresh names, and their secrets.</summary>
internal static class TestIdentities
{
    /// <summary>A dispatcher of the test's own.</summary>
    public static async Task<(string UserName, string Password)> AddStaffUserAsync(this Suite suite)
    {
        var staff = await suite.Data.NewStaffAsync(StaffRoles.Dispatcher);
        return (staff.UserName, suite.DemoSecret(staff.UserName));
    }

    /// <summary>A station client of the test's own, speaking for a station of its own.</summary>
    public static async Task<(string ClientId, string Secret)> AddStationClientAsync(this Suite suite)
    {
        var station = await suite.Data.NewStationAsync();
        return (station.ClientId, suite.DemoSecret(station.ClientId));
    }
}
