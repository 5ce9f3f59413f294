namespace AfterSales.Identity.Model;

/// <summary>What repeated failed sign-ins are counted against.</summary>
public enum SignInThrottleKind
{
    /// <summary>A user name given to the password grant, whether or not a user has it.</summary>
    StaffUser,

    /// <summary>A station client authenticating with its secret.</summary>
    StationClient,
}

/// <summary>
/// The recent sign-in attempts of one user name or one station client, and its lockout if they failed
/// too often (<see cref="SignInLockoutOptions"/>). Kept in the token server's database, so a lockout
/// holds across restarts and across replicas. The rules that change it are in
/// <see cref="Services.SignInThrottles"/>: each is one atomic statement, so replicas cannot lose counts.
/// </summary>
public sealed class SignInThrottle
{
    private SignInThrottle() { }

    /// <summary>Long enough for any client id (OpenIddict allows 100) and any user name a user can have.</summary>
    public const int MaxNameLength = 100;

    public SignInThrottleKind Kind { get; private set; }

    /// <summary>The normalized user name, or the client id.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Failed attempts since the window started; a success deletes the row.</summary>
    public int Attempts { get; private set; }

    /// <summary>When the first of <see cref="Attempts"/> failed; null while locked.</summary>
    public DateTimeOffset? WindowStartedAt { get; private set; }

    /// <summary>Until when every attempt is refused unchecked; null or past when not locked.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }
}
