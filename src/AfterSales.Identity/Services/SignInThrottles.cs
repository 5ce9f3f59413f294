using System.Diagnostics.Metrics;
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
/// A failure is counted, and the lock set, by one statement that PostgreSQL applies atomically to the
/// row, so replicas and simultaneous requests never lose a count. Only failures count: counting attempts
/// as they start would also lock a station whose workers all ask for a token at once with the right
/// secret. Guesses already in flight when the lock lands are still checked; the gateway's per-address and
/// per-client limits on token requests bound how many those can be.
/// </remarks>
internal sealed class SignInThrottles(IdentityDbContext db, IOptions<TokenServerOptions> options, TimeProvider time, SignInMetrics metrics)
{
    private SignInLockoutOptions Lockout => options.Value.Lockout;

    private DateTimeOffset Now => BusinessCalendar.ToStoredPrecision(time.GetUtcNow());

    /// <summary>When the lockout in force ends, or null if the credential may be checked.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(SignInThrottleKind kind, string name, CancellationToken cancellationToken)
    {
        var now = Now;
        var until = await db.SignInThrottles.AsNoTracking()
            .Where(t => t.Kind == kind && t.Name == name && t.LockedUntil > now)
            .Select(t => t.LockedUntil)
            .SingleOrDefaultAsync(cancellationToken);
        if (until is not null)
        {
            metrics.RefusedWhileLocked(kind);
        }
        return until;
    }

    /// <summary>
    /// The credential was wrong: one more failure in the window. Returns when the lockout ends if this
    /// failure started one (or one already stands), null if attempts are left.
    /// </summary>
    public async Task<DateTimeOffset?> FailedAsync(SignInThrottleKind kind, string name, CancellationToken cancellationToken)
    {
        var now = Now;
        var windowStart = now - Lockout.Window;
        var lockEnd = now + Lockout.Duration;
        var max = Lockout.MaxFailures;
        // The first failure in a window; it locks at once only when one failure is all that is allowed.
        var (firstAttempts, firstWindow, firstLock) = max <= 1 ? (0, (DateTimeOffset?)null, (DateTimeOffset?)lockEnd) : (1, now, null);
        // Already locked (the check began before the lock): nothing changes. Otherwise this failure is
        // the window's next (or the first of a new window); reaching the maximum locks and starts over.
        // In ON CONFLICT DO UPDATE every t.column is the row as it was.
        var lockedUntil = await db.Database.SqlQuery<DateTimeOffset?>($"""
            INSERT INTO identity."SignInThrottles" AS t ("Kind", "Name", "Attempts", "WindowStartedAt", "LockedUntil")
            VALUES ({kind.ToString()}, {name}, {firstAttempts}, {firstWindow}, {firstLock})
            ON CONFLICT ("Kind", "Name") DO UPDATE SET
                "Attempts" = CASE
                    WHEN t."LockedUntil" > {now} THEN t."Attempts"
                    WHEN (CASE WHEN t."WindowStartedAt" > {windowStart} THEN t."Attempts" + 1 ELSE 1 END) >= {max} THEN 0
                    ELSE (CASE WHEN t."WindowStartedAt" > {windowStart} THEN t."Attempts" + 1 ELSE 1 END) END,
                "WindowStartedAt" = CASE
                    WHEN t."LockedUntil" > {now} THEN t."WindowStartedAt"
                    WHEN (CASE WHEN t."WindowStartedAt" > {windowStart} THEN t."Attempts" + 1 ELSE 1 END) >= {max} THEN NULL
                    WHEN t."WindowStartedAt" > {windowStart} THEN t."WindowStartedAt"
                    ELSE {now} END,
                "LockedUntil" = CASE
                    WHEN t."LockedUntil" > {now} THEN t."LockedUntil"
                    WHEN (CASE WHEN t."WindowStartedAt" > {windowStart} THEN t."Attempts" + 1 ELSE 1 END) >= {max} THEN {lockEnd}
                    ELSE NULL END
            RETURNING "LockedUntil" AS "Value"
            """).ToListAsync(cancellationToken);
        metrics.Failed(kind, startedLockout: lockedUntil.Single() == lockEnd);
        return lockedUntil.Single() is { } until && until > now ? until : null;
    }

    /// <summary>The credential was right: the count starts again (a lockout that landed meanwhile stands).</summary>
    public Task SucceededAsync(SignInThrottleKind kind, string name, CancellationToken cancellationToken)
    {
        var now = Now;
        return db.SignInThrottles
            .Where(t => t.Kind == kind && t.Name == name && (t.LockedUntil == null || t.LockedUntil <= now))
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets what no longer matters: counts whose window has passed and lockouts that have ended. Without
    /// it, guesses at made-up user names would leave a row each for good.
    /// </summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var windowStart = now - Lockout.Window;
        return db.SignInThrottles
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

/// <summary>Failed sign-ins and lockouts, staff and station clients apart (meter <c>AfterSales.Identity</c>).</summary>
internal sealed class SignInMetrics
{
    private readonly Counter<long> _failures;
    private readonly Counter<long> _lockouts;
    private readonly Counter<long> _refusedWhileLocked;

    public SignInMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("AfterSales.Identity");
        _failures = meter.CreateCounter<long>("aftersales.identity.sign_in_failures", "{attempt}",
            "Token requests with a wrong password or client secret, by kind (StaffUser, StationClient).");
        _lockouts = meter.CreateCounter<long>("aftersales.identity.lockouts", "{lockout}",
            "User names and station clients locked after too many failures in the window.");
        _refusedWhileLocked = meter.CreateCounter<long>("aftersales.identity.refused_while_locked", "{attempt}",
            "Token requests refused unchecked because their user name or client was locked.");
    }

    public void Failed(SignInThrottleKind kind, bool startedLockout)
    {
        _failures.Add(1, Kind(kind));
        if (startedLockout)
        {
            _lockouts.Add(1, Kind(kind));
        }
    }

    public void RefusedWhileLocked(SignInThrottleKind kind) => _refusedWhileLocked.Add(1, Kind(kind));

    private static KeyValuePair<string, object?> Kind(SignInThrottleKind kind) => new("aftersales.sign_in.kind", kind.ToString());
}
