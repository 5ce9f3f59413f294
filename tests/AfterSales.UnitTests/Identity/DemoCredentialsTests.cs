using AfterSales.ServiceDefaults;

namespace AfterSales.UnitTests.Identity;

public class DemoCredentialsTests
{
    [Fact]
    public void A_demo_secret_is_what_the_readme_s_openssl_command_derives()
    {
        // printf %s station-hangzhou | openssl dgst -sha256 -hmac abcDEF123
        Assert.Equal("c21ac735173b4f742bc4ec0faec4970fadb7e54a9691b442f6fbd838cb5669cb", DemoCredentials.SecretFor("abcDEF123", "station-hangzhou"));
    }

    [Fact]
    public void Every_demo_caller_gets_a_secret_of_its_own()
    {
        string[] names = ["station-hangzhou", "station-ningbo", "reception", "dispatcher", "technician", "manager", "finance", "qa", "admin"];

        var secrets = names.Select(name => DemoCredentials.SecretFor("abcDEF123", name)).ToList();

        Assert.Equal(names.Length, secrets.Distinct().Count());
        Assert.DoesNotContain("abcDEF123", secrets);
    }
}
