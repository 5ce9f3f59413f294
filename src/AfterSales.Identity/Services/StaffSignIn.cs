using System.Security.Cryptography;
using AfterSales.Identity.Infrastructure;
using AfterSales.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Identity.Services;

/// <summary>How a staff sign-in ended: the user, or a refusal, which says until when if the name is locked.</summary>
internal readonly record struct StaffSignInResult(StaffUser? User, DateTimeOffset? LockedUntil);

/// <summary>Signs a member of staff in with user name and password, throttled per user name.</summary>
internal sealed class StaffSignIn(IdentityDbContext db, IPasswordHasher<StaffUser> hasher, SignInThrottles throttles)
{
    /// <summary>
    /// Stands in for a user name that does not exist. Its password is random and never known, so it never
    /// signs in, but checking it costs what checking a real user's does: a refusal takes as long whether
    /// or not the name exists, and the answer's timing does not reveal which names do.
    /// </summary>
    private static readonly StaffUser Nobody = CreateNobody();

    /// <summary>
    /// The user, or a refusal whether the name is unknown, the password wrong or the user disabled; a
    /// name locked by too many failures (known or not) is refused unchecked until the lockout ends.
    /// </summary>
    public async Task<StaffSignInResult> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var normalized = StaffUser.NormalizeUserName(userName);
        if (normalized.Length is 0 or > StaffUser.MaxUserNameLength)
        {
            return default; // no user can have this name: nothing to check, nothing to protect
        }
        if (await throttles.LockedUntilAsync(SignInThrottleKind.StaffUser, normalized, cancellationToken) is { } locked)
        {
            return new(null, locked);
        }

        var user = await db.StaffUsers.SingleOrDefaultAsync(u => u.UserName == normalized, cancellationToken);
        if (!(user ?? Nobody).SignIn(password, hasher) || user is null)
        {
            return new(null, await throttles.FailedAsync(SignInThrottleKind.StaffUser, normalized, cancellationToken));
        }
        // Saves the hash when signing in upgraded it to the hasher's current settings.
        await db.SaveChangesAsync(cancellationToken);
        await throttles.SucceededAsync(SignInThrottleKind.StaffUser, normalized, cancellationToken);
        return new(user, null);
    }

    private static StaffUser CreateNobody()
    {
        var nobody = new StaffUser(Guid.Empty, "nobody", "nobody", [], stationId: null);
        nobody.SetPassword(RandomNumberGenerator.GetHexString(32), new PasswordHasher<StaffUser>());
        return nobody;
    }
}
