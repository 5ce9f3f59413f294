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

    /// <summary>Development only: the secret of every demo client and the password of every demo user.</summary>
    public string? DemoPassword { get; set; }
}
