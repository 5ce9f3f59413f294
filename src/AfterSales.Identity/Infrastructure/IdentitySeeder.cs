using AfterSales.Identity.Model;
using AfterSales.Platform.Data;
using AfterSales.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace AfterSales.Identity.Infrastructure;

/// <summary>
/// The demo callers a newcomer meets in Development: a client for each partner station, the web front
/// end staff sign in through, and one member of staff per role. Their secret and password is
/// <c>Identity:DemoPassword</c>, meant to come from the AppHost as a generated secret parameter, so that no
/// credential lives in the repository. Whatever is missing is added; what exists is left as it is.
/// </summary>
internal sealed partial class IdentitySeeder(
    IOpenIddictApplicationManager applications,
    IPasswordHasher<StaffUser> hasher,
    IOptions<TokenServerOptions> options,
    ILogger<IdentitySeeder> logger) : IDbSeeder<IdentityDbContext>
{
    public const string WebFrontEndClientId = "web-frontend";

    private static readonly (Guid Id, string UserName, string DisplayName, string Role, Guid? StationId)[] Staff =
    [
        (Guid.Parse("1d000000-0000-4000-8000-000000000001"), "reception", "陈静", StaffRoles.Receptionist, null),
        (Guid.Parse("1d000000-0000-4000-8000-000000000002"), "dispatcher", "黄磊", StaffRoles.Dispatcher, null),
        (Guid.Parse("1d000000-0000-4000-8000-000000000003"), "technician", "张伟", StaffRoles.Technician, DemoIds.StationHangzhou),
        (Guid.Parse("1d000000-0000-4000-8000-000000000004"), "manager", "林志强", StaffRoles.Manager, null),
        (Guid.Parse("1d000000-0000-4000-8000-000000000005"), "finance", "吴芳", StaffRoles.Finance, null),
        (Guid.Parse("1d000000-0000-4000-8000-000000000006"), "qa", "郑涛", StaffRoles.Qa, null),
        (Guid.Parse("1d000000-0000-4000-8000-000000000007"), "admin", "系统管理员", StaffRoles.Admin, null),
    ];

    public async Task SeedAsync(IdentityDbContext context, CancellationToken cancellationToken)
    {
        if (options.Value.DemoPassword is not { Length: > 0 } password)
        {
            LogNoDemoPassword(logger);
            return;
        }

        await AddClientIfMissingAsync(ClientRegistrations.Station("station-hangzhou", password, "杭州西湖特约服务站", DemoIds.StationHangzhou), cancellationToken);
        await AddClientIfMissingAsync(ClientRegistrations.Station("station-ningbo", password, "宁波北仑特约服务站", DemoIds.StationNingbo), cancellationToken);
        await AddClientIfMissingAsync(ClientRegistrations.StaffFrontEnd(WebFrontEndClientId, "内部业务前端"), cancellationToken);

        var existing = await context.StaffUsers.Select(u => u.UserName).ToListAsync(cancellationToken);
        string? passwordHash = null;
        foreach (var (id, userName, displayName, role, stationId) in Staff.Where(u => !existing.Contains(u.UserName)))
        {
            var user = new StaffUser(id, userName, displayName, [role], stationId);
            // They all have the demo password, so one hash serves them all: hashing is slow on purpose,
            // and the functional tests seed again before every test.
            user.SetPasswordHash(passwordHash ??= hasher.HashPassword(user, password));
            context.StaffUsers.Add(user);
        }
        await context.SaveChangesAsync(cancellationToken);
    }

    private async Task AddClientIfMissingAsync(OpenIddictApplicationDescriptor client, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(client.ClientId!, cancellationToken) is null)
        {
            await applications.CreateAsync(client, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No demo clients or staff users were seeded: Identity:DemoPassword is not set. "
        + "Set it (environment variable Identity__DemoPassword, or --Identity:DemoPassword=<value> on the command line) "
        + "and restart; every demo client secret and staff password is that value.")]
    private static partial void LogNoDemoPassword(ILogger logger);
}
