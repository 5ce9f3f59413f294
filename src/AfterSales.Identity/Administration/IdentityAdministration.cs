using System.Security.Cryptography;
using AfterSales.Identity.Extensions;
using AfterSales.Identity.Infrastructure;
using AfterSales.Identity.Model;
using AfterSales.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace AfterSales.Identity.Administration;

/// <summary>
/// Issues credentials from the command line, where there are no demo identities (external mode, production):
/// a partner station's client when its service agreement is signed (§10 二.3–4), and staff accounts. It runs
/// with the token server's own configuration (its database's connection string, from the environment or
/// <c>--ConnectionStrings:identity-db=...</c>) against a database the token server has migrated, e.g. in its
/// pod: <c>dotnet AfterSales.Identity.dll register-station station-hz01 0a000000-… "杭州西湖特约服务站"</c>.
/// The secret or password is made here, printed once on standard output, and kept only as a hash.
/// </summary>
internal static class IdentityAdministration
{
    public const string RegisterStation = "register-station";
    public const string AddStaff = "add-staff";

    private const string Usage = $"""
        usage: AfterSales.Identity {RegisterStation} <client-id> <station-id> <display-name> [--setting=value ...]
               AfterSales.Identity {AddStaff} <user-name> <display-name> <role>[,<role>...] [<station-id>] [--setting=value ...]
        """;

    public static bool IsCommand(string[] args) => args is [RegisterStation or AddStaff, ..];

    /// <summary>Runs the command; 0 when done, 2 when the command line is wrong, 1 when the name is taken.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var operands = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var builder = WebApplication.CreateBuilder(args.Skip(1 + operands.Length).ToArray());
        builder.AddApplicationServices();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            return args[0] == RegisterStation
                ? await RegisterStationAsync(scope.ServiceProvider, operands)
                : await AddStaffAsync(scope.ServiceProvider, operands);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}{Environment.NewLine}{Usage}");
            return 2;
        }
    }

    private static async Task<int> RegisterStationAsync(IServiceProvider services, string[] operands)
    {
        if (operands is not [var clientId, var station, var displayName] || !Guid.TryParse(station, out var stationId) || stationId == Guid.Empty)
        {
            throw new ArgumentException("register-station takes a client id, the station's id (a UUID) and its name.");
        }
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(clientId) is not null)
        {
            await Console.Error.WriteLineAsync($"A client {clientId} exists already; its secret is not shown again.");
            return 1;
        }
        var secret = NewSecret();
        await applications.CreateAsync(ClientRegistrations.Station(clientId, secret, displayName, stationId));
        Console.WriteLine(secret);
        return 0;
    }

    private static async Task<int> AddStaffAsync(IServiceProvider services, string[] operands)
    {
        if (operands is not ([_, _, _] or [_, _, _, _]))
        {
            throw new ArgumentException("add-staff takes a user name, a display name, roles and optionally a station's id.");
        }
        var roles = operands[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (roles.Length == 0 || roles.FirstOrDefault(r => !StaffRoles.All.Contains(r)) is { } unknown)
        {
            throw new ArgumentException($"Roles are a comma-separated list of {string.Join(", ", StaffRoles.All.Order(StringComparer.Ordinal))}.");
        }
        Guid? stationId = operands.Length == 4
            ? Guid.TryParse(operands[3], out var id) && id != Guid.Empty ? id : throw new ArgumentException("The station's id is a UUID.")
            : null;
        var db = services.GetRequiredService<IdentityDbContext>();
        var userName = operands[0].Trim();
        if (await db.StaffUsers.AnyAsync(u => u.UserName == userName))
        {
            await Console.Error.WriteLineAsync($"A user {userName} exists already.");
            return 1;
        }
        var user = new StaffUser(Guid.CreateVersion7(), userName, operands[1], roles, stationId);
        var password = NewSecret();
        user.SetPassword(password, services.GetRequiredService<IPasswordHasher<StaffUser>>());
        db.StaffUsers.Add(user);
        await db.SaveChangesAsync();
        Console.WriteLine(password);
        return 0;
    }

    /// <summary>256 random bits, as 43 characters of URL-safe base64: typed once into a station's configuration or a password manager.</summary>
    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
