using System.Collections.Concurrent;
using AfterSales.Identity.Model;
using AfterSales.Platform.Data;
using AfterSales.Platform.Security;
using AfterSales.ServiceDefaults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace AfterSales.Identity.Infrastructure;

/// <summary>
/// The demo callers a newcomer meets when the suite runs locally: a client for each partner station and one
/// member of staff per role (the web front end they sign in through is in every installation:
/// <see cref="StaffFrontEndRegistration"/>). Seeded only when
/// <c>Identity:SeedDemoIdentities</c> says so (the AppHost does in local and container mode, never in
/// external mode). Each one's secret or password is its own, derived from <c>Identity:DemoPassword</c>
/// and its name (<see cref="DemoCredentials.SecretFor"/>), so no credential lives in the repository and
/// none opens another's door. Whatever is missing is added; what exists is left as it is.
/// </summary>
internal sealed partial class IdentitySeeder(
    IOpenIddictApplicationManager applications,
    IPasswordHasher<StaffUser> hasher,
    IOptions<TokenServerOptions> options,
    ILogger<IdentitySeeder> logger) : IDbSeeder<IdentityDbContext>
{
    /// <summary>
    /// Hashes of demo passwords already made in this process. Hashing is slow on purpose, and the
    /// functional tests seed again before every test; a hash does not depend on the user it is for.
    /// </summary>
    private static readonly ConcurrentDictionary<string, string> HashOfPassword = new();

    private static readonly (Guid Id, string UserName, string DisplayName, string Role, Guid? StationId)[] Staff =
    [
        (Guid.Parse("1d000000-0000-4000-8000-000000000001"), "reception", "陈静", StaffRoles.Receptionist, null),
        (Guid.Parse("1d000000-0000-4000-8000-000000000002"), "dispatcher", "黄磊", StaffRoles.Dispatcher, null),
        (Guid.Parse("1d000000-0000-4000-8000-000000000003"), "technician", "张伟", StaffRoles.Technician, DemoIds.StationHangzhou),
        (Guid.Parse("1d000000-0000-4000-8000-000000000004"), "manager", "林志强", StaffRoles.Manager, null),
        (Guid.Parse("1d000000-0000-4000-8000-000000000005"), "finance", "吴芳", StaffRoles.Finance, null),
        (Guid.Parse("1d000000-0000-4000-8000-000000000006"), "qa", "郑涛", StaffRoles.Qa, null),
        (Guid.Parse("1d000000-0000-4000-8000-000000000007"), "admin", "系统管理员", StaffRoles.Admin, null),
        (Guid.Parse("1d000000-0000-4000-8000-000000000008"), "director", "周建国", StaffRoles.Director, null),
        (Guid.Parse("1d000000-0000-4000-8000-000000000009"), "gm", "王振华", StaffRoles.GeneralManager, null),
        // The purchase chain's first three steps: the technical group (an internal technician), the affairs supervisor, the materials planner.
        (Guid.Parse("1d000000-0000-4000-8000-00000000000a"), "techlead", "高峰", StaffRoles.Technician, null),
        (Guid.Parse("1d000000-0000-4000-8000-00000000000b"), "affairs", "何静", StaffRoles.AffairsSupervisor, null),
        (Guid.Parse("1d000000-0000-4000-8000-00000000000c"), "planner", "马超", StaffRoles.MaterialsPlanner, null),
    ];

    public async Task SeedAsync(IdentityDbContext context, CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoIdentities)
        {
            LogDemoIdentitiesOff(logger);
            return;
        }
        if (options.Value.DemoPassword is not { Length: > 0 } demoPassword)
        {
            LogNoDemoPassword(logger);
            return;
        }

        await AddStationIfMissingAsync("station-hangzhou", "杭州西湖特约服务站", DemoIds.StationHangzhou, demoPassword, cancellationToken);
        await AddStationIfMissingAsync("station-ningbo", "宁波北仑特约服务站", DemoIds.StationNingbo, demoPassword, cancellationToken);

        var existing = await context.StaffUsers.Select(u => u.UserName).ToListAsync(cancellationToken);
        foreach (var (id, userName, displayName, role, stationId) in Staff.Where(u => !existing.Contains(u.UserName)))
        {
            var user = new StaffUser(id, userName, displayName, [role], stationId);
            var password = DemoCredentials.SecretFor(demoPassword, userName);
            user.SetPasswordHash(HashOfPassword.GetOrAdd(password, p => hasher.HashPassword(user, p)));
            context.StaffUsers.Add(user);
        }
        await context.SaveChangesAsync(cancellationToken);
    }

    private async Task AddStationIfMissingAsync(string clientId, string displayName, Guid stationId, string demoPassword, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is null)
        {
            var secret = DemoCredentials.SecretFor(demoPassword, clientId);
            await applications.CreateAsync(ClientRegistrations.Station(clientId, secret, displayName, stationId), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No demo clients or staff users were seeded: Identity:SeedDemoIdentities is off")]
    private static partial void LogDemoIdentitiesOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No demo clients or staff users were seeded: Identity:SeedDemoIdentities is on but "
        + "Identity:DemoPassword is not set. Set it (environment variable Identity__DemoPassword) and restart; each demo client's "
        + "secret and each demo user's password is derived from it and the client id or user name.")]
    private static partial void LogNoDemoPassword(ILogger logger);
}
