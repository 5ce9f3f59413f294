using System.Security.Cryptography;
using AfterSales.Identity.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace AfterSales.UnitTests.Identity;

public class SigningKeyTests
{
    [Theory]
    [InlineData("PKCS#1")]
    [InlineData("PKCS#8")]
    public void A_pem_private_key_loads_as_a_signing_key(string format)
    {
        using var rsa = RSA.Create(2048);
        var pem = format == "PKCS#1" ? rsa.ExportRSAPrivateKeyPem() : rsa.ExportPkcs8PrivateKeyPem();

        var key = TokenServerExtensions.RsaKeyFromPem(pem);

        Assert.Equal(PrivateKeyStatus.Exists, key.PrivateKeyStatus);
        Assert.Equal(rsa.ExportParameters(false).Modulus, key.Rsa.ExportParameters(false).Modulus);
    }
}
