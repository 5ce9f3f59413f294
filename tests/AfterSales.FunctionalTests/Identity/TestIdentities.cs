using System.Security.Cryptography;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Identity.Model;
using AfterSales.Platform.Data;
using AfterSales.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace AfterSales.FunctionalTests.Identity;

/// <summary>Callers a test registers with the token server for itself, with fresh names and random secrets.</summary>
internal static class TestIdentities
{
    /// <summary>A dispatcher of the test's own.</summary>
    public static async Task<(string UserName, string Password)> AddStaffUserAsync(this Suite suite)
    {
        var userName = $"user-{Guid.NewGuid():N}"[..24];
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await suite.Identity.WithDbAsync(db =>
        {
            var user = new StaffUser(Guid.NewGuid(), userName, "测试调度员", [StaffRoles.Dispatcher], stationId: null);
            user.SetPassword(password, new PasswordHasher<StaffUser>());
            db.StaffUsers.Add(user);
            return db.SaveChangesAsync();
        });
        return (userName, password);
    }

    /// <summary>A station client of the test's own, speaking for the Hangzhou station.</summary>
    public static async Task<(string ClientId, string Secret)> AddStationClientAsync(this Suite suite)
    {
        var clientId = $"station-{Guid.NewGuid():N}"[..24];
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await using var scope = suite.Identity.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>()
            .CreateAsync(ClientRegistrations.Station(clientId, secret, "测试服务站", DemoIds.StationHangzhou));
        return (clientId, secret);
    }
}
