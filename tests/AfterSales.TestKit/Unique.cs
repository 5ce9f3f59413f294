using System.Security.Cryptography;

namespace AfterSales.TestKit;

/// <summary>Names no other test uses (serial numbers, codes, user names), so a test's data is its own.</summary>
public static class Unique
{
    /// <summary>e.g. <c>SN-3F9A2C71D0</c>: the prefix and ten random hex digits.</summary>
    public static string Name(string prefix) => $"{prefix}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}";
}
