using System.Security.Cryptography;
using AfterSales.Identity.Infrastructure;
using AfterSales.Identity.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Identity.Services;

/// <summary>Signs a member of staff in with user name and password.</summary>
internal sealed class StaffSignIn(IdentityDbContext db, IPasswordHasher<StaffUser> hasher)
{
    /// <summary>
    /// Stands in for a user name that does not exist. Its password is random and never known, so it never
    /// signs in, but checking it costs what checking a real user's does: a refusal takes as long whether
    /// or not the name exists, and the answer's timing does not reveal which names do.
    /// </summary>
    private static readonly StaffUser Nobody = CreateNobody();

    /// <summary>The user, or null whether the name is unknown, the password wrong or the user disabled.</summary>
    public async Task<StaffUser?> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var normalized = StaffUser.NormalizeUserName(userName);
        var user = await db.StaffUsers.SingleOrDefaultAsync(u => u.UserName == normalized, cancellationToken);
        if (!(user ?? Nobody).SignIn(password, hasher) || user is null)
        {
            return null;
        }
        // Saves the hash when signing in upgraded it to the hasher's current settings.
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    private static StaffUser CreateNobody()
    {
        var nobody = new StaffUser(Guid.Empty, "nobody", "nobody", [], stationId: null);
        nobody.SetPassword(RandomNumberGenerator.GetHexString(32), new PasswordHasher<StaffUser>());
        return nobody;
    }
}
