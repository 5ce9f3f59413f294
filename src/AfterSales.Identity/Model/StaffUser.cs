using AfterSales.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace AfterSales.Identity.Model;

/// <summary>
/// A member of staff who signs in with a user name and password (the password grant of the internal web
/// front ends): receptionists, dispatchers, technicians, managers, finance, QA and administrators.
/// </summary>
public sealed class StaffUser
{
    private StaffUser() { }

    public StaffUser(Guid id, string userName, string displayName, IEnumerable<string> roles, Guid? stationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        Id = id;
        UserName = NormalizeUserName(userName);
        DisplayName = displayName;
        Roles = [.. roles.Distinct(StringComparer.Ordinal)];
        var unknown = Roles.Where(role => !StaffRoles.All.Contains(role)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown staff roles: {string.Join(", ", unknown)}.", nameof(roles));
        }
        StationId = stationId;
    }

    public const int MaxUserNameLength = 64;

    public Guid Id { get; private set; }

    /// <summary>Unique, and compared without regard to case: people type their name as they please.</summary>
    public string UserName { get; private set; } = "";

    public string DisplayName { get; private set; } = "";
    public string PasswordHash { get; private set; } = "";
    public List<string> Roles { get; private set; } = [];

    /// <summary>The partner station the user works for (a station's technician); null for internal staff.</summary>
    public Guid? StationId { get; private set; }

    /// <summary>A disabled user keeps their record, so what they did stays attributable, but cannot sign in.</summary>
    public bool Disabled { get; private set; }

    public static string NormalizeUserName(string userName) => userName.Trim().ToLowerInvariant();

    public void SetPassword(string password, IPasswordHasher<StaffUser> hasher)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        SetPasswordHash(hasher.HashPassword(this, password));
    }

    /// <summary>A hash the hasher made already, e.g. for another user with the same password.</summary>
    public void SetPasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        PasswordHash = passwordHash;
    }

    public void Disable() => Disabled = true;

    /// <summary>
    /// Whether <paramref name="password"/> signs this user in. The password is verified even for a
    /// disabled user, so a refusal takes as long whatever its reason. A hash made with weaker settings
    /// than the hasher's current ones is replaced on success; the caller saves it.
    /// </summary>
    public bool SignIn(string password, IPasswordHasher<StaffUser> hasher)
    {
        var result = hasher.VerifyHashedPassword(this, PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            PasswordHash = hasher.HashPassword(this, password);
        }
        return result != PasswordVerificationResult.Failed && !Disabled;
    }
}
