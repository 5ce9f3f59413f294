using System.Security.Cryptography;
using System.Text;

namespace AfterSales.ServiceDefaults;

/// <summary>
/// The secrets of the demo callers the token server seeds in local and container mode. There is one
/// demo password (the AppHost's <c>demo-password</c> parameter), but no demo caller's secret is that
/// password: each is derived from it and the caller's own name, so one station's secret never works for
/// another station, and a technician's password is not the administrator's. The token server, the tests
/// and the README's shell commands derive them the same way.
/// </summary>
public static class DemoCredentials
{
    /// <summary>
    /// The secret of the demo client or user <paramref name="name"/> (a client id or a user name): HMAC-SHA256
    /// keyed with the demo password over the name, in lowercase hex. The same as
    /// <c>printf %s "$name" | openssl dgst -sha256 -hmac "$DEMO_PASSWORD"</c>.
    /// </summary>
    public static string SecretFor(string demoPassword, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(demoPassword);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(demoPassword), Encoding.UTF8.GetBytes(name)));
    }
}
