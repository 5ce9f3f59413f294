using System.Security.Cryptography;
using AfterSales.ServiceDefaults;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AfterSales.EndToEndTests;

/// <summary>
/// The AppHost's model, built but not started, in every infrastructure mode: each service is handed its
/// own database and Redis account, and never the servers' own connection strings or passwords.
/// </summary>
public class AppHostModelTests
{
    [Theory]
    [InlineData("local")]
    [InlineData("containers")]
    [InlineData("external")]
    public async Task Each_service_is_given_its_own_accounts_and_never_the_servers_own(string mode)
    {
        // External mode will not start without the token server's signing key.
        using var signingKey = RSA.Create(2048);
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AfterSales_AppHost>(
            [$"--Infrastructure:Mode={mode}", $"--Parameters:identity-signing-key={signingKey.ExportPkcs8PrivateKeyPem()}"]);
        await using var app = await builder.BuildAsync();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();

        foreach (var service in new[] { ResourceNames.Identity }.Concat(ResourceNames.Services))
        {
            var project = model.Resources.OfType<ProjectResource>().Single(r => r.Name == service);
            // As the publisher sees it: references by name ({tickets-db.connectionString}), not values.
            var configuration = await ExecutionConfigurationBuilder.Create(project).WithEnvironmentVariablesConfig()
                .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance);
            var environment = configuration.EnvironmentVariables.ToDictionary();

            var given = new[] { ResourceNames.Database(service) }
                .Concat(service == ResourceNames.Identity ? [] : [ResourceNames.RedisUser(service)])
                .Select(name => $"{{{name}.connectionString}}");
            Assert.Equal(given.Order(), environment.Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
                .Select(e => e.Value).Distinct().Order());
            if (service != ResourceNames.Identity)
            {
                Assert.Equal($"{{{ResourceNames.RedisUser(service)}.connectionString}}", environment[$"ConnectionStrings__{ResourceNames.Redis}"]);
            }
            Assert.All(environment.Values, value =>
            {
                Assert.DoesNotContain($"{{{ResourceNames.Postgres}.", value, StringComparison.Ordinal);
                Assert.DoesNotContain($"{{{ResourceNames.Redis}.", value, StringComparison.Ordinal);
                Assert.DoesNotContain($"{ResourceNames.Postgres}-password", value, StringComparison.Ordinal);
                Assert.DoesNotContain($"{ResourceNames.Redis}-password", value, StringComparison.Ordinal);
            });

            if (mode != "external")
            {
                Assert.Contains($";Username={service};Password={{{ResourceNames.Database(service)}-password.value}};Database={service}",
                    ConnectionStringOf(model, ResourceNames.Database(service)), StringComparison.Ordinal);
                if (service != ResourceNames.Identity)
                {
                    Assert.EndsWith($",user={service},password={{{ResourceNames.RedisUser(service)}-password.value}}",
                        ConnectionStringOf(model, ResourceNames.RedisUser(service)), StringComparison.Ordinal);
                }
            }
        }
    }

    private static string ConnectionStringOf(DistributedApplicationModel model, string name) =>
        model.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == name).ConnectionStringExpression.ValueExpression;
}
