using System.Security.Cryptography;
using AfterSales.ServiceDefaults;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AfterSales.EndToEndTests;

/// <summary>
/// What the AppHost gives the token server in each infrastructure mode: demo identities only in local and
/// container mode, and in external mode a signing key or no start at all. The application model is
/// built, never run, so nothing here needs a database or a container.
/// </summary>
public class AppHostIdentityTests
{
    [Fact]
    public async Task In_external_mode_the_AppHost_refuses_to_start_without_a_signing_key()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => BuildAsync("--Infrastructure:Mode=external"));

        Assert.Contains("No signing key", error.ToString());
        Assert.Contains("identity-signing-key", error.ToString());
    }

    [Fact]
    public async Task In_external_mode_a_signing_key_that_is_no_rsa_private_key_is_refused()
    {
        using var rsa = RSA.Create(2048);

        var notPem = await Assert.ThrowsAnyAsync<Exception>(() =>
            BuildAsync("--Infrastructure:Mode=external", "--Parameters:identity-signing-key=secret"));
        var publicKey = await Assert.ThrowsAnyAsync<Exception>(() =>
            BuildAsync("--Infrastructure:Mode=external", $"--Parameters:identity-signing-key={rsa.ExportSubjectPublicKeyInfoPem()}"));

        Assert.Contains("not an RSA private key", notPem.ToString());
        Assert.Contains("not an RSA private key", publicKey.ToString());
    }

    [Fact]
    public async Task In_external_mode_demo_identities_cannot_be_switched_on()
    {
        using var rsa = RSA.Create(2048);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => BuildAsync(
            "--Infrastructure:Mode=external", $"--Parameters:identity-signing-key={rsa.ExportPkcs8PrivateKeyPem()}", "--Demo:Enabled=true"));

        Assert.Contains("Demo:Enabled", error.ToString());
    }

    [Fact]
    public async Task In_external_mode_the_token_server_gets_the_signing_key_and_no_demo_identities()
    {
        using var rsa = RSA.Create(2048);

        await using var app = await BuildAsync("--Infrastructure:Mode=external", $"--Parameters:identity-signing-key={rsa.ExportPkcs8PrivateKeyPem()}");
        var environment = await IdentityEnvironmentAsync(app);

        Assert.Equal("{identity-signing-key.value}", environment["Identity__SigningKey"]);
        Assert.DoesNotContain("Identity__SeedDemoIdentities", environment.Keys);
        Assert.DoesNotContain("Identity__DemoPassword", environment.Keys);
    }

    [Fact]
    public async Task In_local_mode_the_token_server_seeds_demo_identities_from_the_demo_password()
    {
        await using var app = await BuildAsync("--Infrastructure:Mode=local");
        var environment = await IdentityEnvironmentAsync(app);

        Assert.Equal("true", environment["Identity__SeedDemoIdentities"]);
        Assert.Equal("{demo-password.value}", environment["Identity__DemoPassword"]);
    }

    [Fact]
    public async Task In_local_mode_demo_identities_can_be_switched_off()
    {
        await using var app = await BuildAsync("--Infrastructure:Mode=local", "--Demo:Enabled=false");
        var environment = await IdentityEnvironmentAsync(app);

        Assert.DoesNotContain("Identity__SeedDemoIdentities", environment.Keys);
        Assert.DoesNotContain("Identity__DemoPassword", environment.Keys);
    }

    private static async Task<DistributedApplication> BuildAsync(params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AfterSales_AppHost>(args);
        return await builder.BuildAsync();
    }

    /// <summary>The token server's environment as the AppHost would publish it: parameters as <c>{name.value}</c>, never their values.</summary>
    private static async Task<Dictionary<string, string>> IdentityEnvironmentAsync(DistributedApplication app)
    {
        var identity = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ProjectResource>().Single(r => r.Name == ResourceNames.Identity);
        var publishing = new DistributedApplicationExecutionContext(
            new DistributedApplicationExecutionContextOptions(DistributedApplicationOperation.Publish) { Services = app.Services });
        var configuration = await ExecutionConfigurationBuilder.Create(identity).WithEnvironmentVariablesConfig()
            .BuildAsync(publishing, NullLogger.Instance, CancellationToken.None);
        Assert.Null(configuration.Exception);
        return configuration.EnvironmentVariables.ToDictionary(variable => variable.Key, variable => variable.Value);
    }
}
