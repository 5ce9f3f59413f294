using System.Globalization;
using AfterSales.Identity.Infrastructure;
using AfterSales.Identity.Model;
using AfterSales.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Identity.Services;

/// <summary>
/// Failed-attempt throttling for the token endpoint: after <c>Identity:Lockout:MaxFailures</c> failed
/// attempts within <c>Window</c>, a user name or a station client is locked for <c>Duration</c>, and
/// every attempt meanwhile is refused without its password or secret being checked, the right one too.
/// A success resets the count. Unknown user names are counted and locked exactly like real ones, so
/// the lockout does not tell which names exist.
/// </summary>
/// <remarks>
/// An attempt is counted by <see cref="BeginAsync"/>, before the credential is checked, and the lock
/// is set by <see cref="FailedAsync"/> after. Each is one statement that PostgreSQL applies atomically to
/// the row, so replicas and simultaneous requests never lose a count: a burst of parallel guesses gets
/// no more tries than one guess after another would.
/// </remarks>
internal sealed class SignInThrottles(IdentityDbContext db, IOptions<TokenServerOptions> options, TimeProvider time)
{
    private SignInLockoutOptions Lockout => options.Value.Lockout;

    private DateTimeOffset Now => BusinessCalendar.ToStoredPrecision(time.GetUtcNow());

    /// <summary>
    /// Counts an attempt that is about to check a credential. Returns when the lockout ends if one is in
    /// force (the attempt must then be refused unchecked), null if the credential may be checked.
    /// </summary>
    public async Task<DateTimeOffset?> BeginAsync(SignInThrottleKind kind, string name, CancellationToken cancellationToken)
    {
        var now = Now;
        var windowStart = now - Lockout.Window;
        var lockEnd = now + Lockout.Duration;
        // Locked: nothing changes. Within the window: one more attempt, or, when the failures so far have
        // used every attempt (only simultaneous attempts get here), a lockout starting now. Otherwise a
        // new window with this attempt. In ON CONFLICT DO UPDATE every t.column is the row as it was.
        var lockedUntil = await db.Database.SqlQuery<DateTimeOffset?>($"""
            INSERT INTO identity."SignInThrottles" AS t ("Kind", "Name", "Attempts", "WindowStartedAt")
            VALUES ({kind.ToString()}, {name}, 1, {now})
            ON CONFLICT ("Kind", "Name") DO UPDATE SET
                "Attempts" = CASE
                    WHEN t."LockedUntil" > {now} THEN t."Attempts"
                    WHEN t."WindowStartedAt" > {windowStart} AND t."Attempts" >= {Lockout.MaxFailures} THEN 0
                    WHEN t."WindowStartedAt" > {windowStart} THEN t."Attempts" + 1
                    ELSE 1 END,
                "WindowStartedAt" = CASE
                    WHEN t."LockedUntil" > {now} THEN t."WindowStartedAt"
                    WHEN t."WindowStartedAt" > {windowStart} AND t."Attempts" >= {Lockout.MaxFailures} THEN NULL
                    WHEN t."WindowStartedAt" > {windowStart} THEN t."WindowStartedAt"
                    ELSE {now} END,
                "LockedUntil" = CASE
                    WHEN t."LockedUntil" > {now} THEN t."LockedUntil"
                    WHEN t."WindowStartedAt" > {windowStart} AND t."Attempts" >= {Lockout.MaxFailures} THEN {lockEnd}
                    ELSE NULL END
            RETURNING "LockedUntil" AS "Value"
            """).ToListAsync(cancellationToken);
        return lockedUntil.Single() is { } until && until > now ? until : null;
    }

    /// <summary>
    /// The credential of an attempt was wrong. Returns when the lockout this failure started ends, or null
    /// if attempts are left.
    /// </summary>
    public async Task<DateTimeOffset?> FailedAsync(SignInThrottleKind kind, string name, CancellationToken cancellationToken)
    {
        var now = Now;
        var lockEnd = now + Lockout.Duration;
        var locked = await db.Set<SignInThrottle>()
            .Where(t => t.Kind == kind && t.Name == name && t.Attempts >= Lockout.MaxFailures && (t.LockedUntil == null || t.LockedUntil <= now))
            .ExecuteUpdateAsync(t => t
                .SetProperty(x => x.LockedUntil, lockEnd)
                .SetProperty(x => x.Attempts, 0)
                .SetProperty(x => x.WindowStartedAt, (DateTimeOffset?)null), cancellationToken);
        return locked > 0 ? lockEnd : null;
    }

    /// <summary>The credential was right: the count starts again.</summary>
    public Task SucceededAsync(SignInThrottleKind kind, string name, CancellationToken cancellationToken) =>
        db.Set<SignInThrottle>().Where(t => t.Kind == kind && t.Name == name).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// Forgets what no longer matters: counts whose window has passed and lockouts that have ended. Without
    /// it, guesses at made-up user names would leave a row each for good.
    /// </summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var windowStart = now - Lockout.Window;
        return db.Set<SignInThrottle>()
            .Where(t => (t.LockedUntil == null || t.LockedUntil <= now) && (t.WindowStartedAt == null || t.WindowStartedAt <= windowStart))
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// The refusal while locked: says until when, and the same for a user name that exists and one that
    /// does not.
    /// </summary>
    public static string LockedOut(DateTimeOffset until)
    {
        // Rounded up to the second, so that trying again at the time it says is never too early.
        var shown = new DateTime((until.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return string.Create(CultureInfo.InvariantCulture,
            $"Too many failed attempts: sign-in is locked until {shown:yyyy-MM-dd'T'HH:mm:ss'Z'}. Try again after that time.");
    }
}
