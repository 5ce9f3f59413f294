using AfterSales.ServiceDefaults;
namespace AfterSales.Identity;

/// <summary>The <c>Identity</c> configuration section.</summary>
public sealed class TokenServerOptions
{
    public const string SectionName = "Identity";

    /// <summary>
    /// The <c>iss</c> of every token and the base of every URI in the discovery document. By default this
    /// service's service-discovery address, which is where the other services' validators fetch the
    /// discovery document and the signing keys from.
    /// </summary>
    public Uri Issuer { get; set; } = new($"http://{ResourceNames.Identity}/");

    /// <summary>The RSA private key tokens are signed with, in PEM; without it a key is made at each start.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Whether to seed the demo station clients and staff users (in Development only). Off unless said:
    /// the AppHost turns it on in local and container mode when <c>Demo:Enabled</c>, never in external mode.
    /// </summary>
    public bool SeedDemoIdentities { get; set; }

    /// <summary>
    /// The demo password each demo caller's own secret is derived from (<see cref="DemoCredentials.SecretFor"/>);
    /// used only with <see cref="SeedDemoIdentities"/>.
    /// </summary>
    public string? DemoPassword { get; set; }

    /// <summary>When repeated failed sign-ins lock a user name or a station client.</summary>
    public SignInLockoutOptions Lockout { get; set; } = new();
}

/// <summary>
/// The <c>Identity:Lockout</c> section: <see cref="MaxFailures"/> failed sign-ins of one user name (or
/// one station client's secret) within <see cref="Window"/> lock it for <see cref="Duration"/>, whatever
/// the password or secret tried meanwhile.
/// </summary>
public sealed class SignInLockoutOptions
{
    public int MaxFailures { get; set; } = 5;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
