using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AfterSales.UnitTests.Deployment;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AfterSales.EndToEndTests;

/// <summary>
/// The Kubernetes manifests (deploy/kubernetes) against the AppHost they are written from, in external mode: the
/// model is built, never run. A reference, connection string or endpoint added to the AppHost and not to the
/// manifests (or the other way round) fails here.
/// </summary>
public partial class KubernetesManifestsMatchAppHostTests(KubernetesManifestsMatchAppHostTests.ExternalModeAppHost appHost)
    : IClassFixture<KubernetesManifestsMatchAppHostTests.ExternalModeAppHost>
{
    [Fact]
    public void Each_deployment_is_given_the_connection_strings_service_addresses_and_settings_its_project_gets_from_the_AppHost()
    {
        var manifests = KubernetesManifests.Current;

        Assert.Equal(appHost.Projects.Select(p => p.Name).Order(), manifests.Deployments.Select(d => d.Name()).Order());
        foreach (var project in appHost.Projects)
        {
            var published = appHost.Published[project.Name];
            var given = manifests.Deployment(project.Name).Spec.Template.Spec.Containers.Single().Env
                .Where(e => IsWiring(e.Name)).ToDictionary(e => e.Name, Describe);

            // The AppHost's own wiring: connection strings, service discovery and the token server's settings. What
            // else it publishes is left out on purpose: ASPNETCORE_ENVIRONMENT and DOTNET_LAUNCH_PROFILE (the cluster
            // runs Production), Kestrel URLs on localhost (a pod listens on every interface), <NAME>_<ENDPOINT>
            // variables (nothing reads them) and the dashboard's telemetry settings (URL redaction stays on).
            var expected = published.Where(e => IsWiring(e.Key) && !IsAlias(e.Key, published.Keys))
                .ToDictionary(e => e.Key, e => Expected(e.Value, manifests));
            Assert.True(expected.OrderBy(e => e.Key).SequenceEqual(given.OrderBy(e => e.Key)),
                $"The {project.Name} Deployment is given\n  {string.Join("\n  ", given.OrderBy(e => e.Key).Select(e => $"{e.Key} = {e.Value}"))}\n"
                + $"where the AppHost gives\n  {string.Join("\n  ", expected.OrderBy(e => e.Key).Select(e => $"{e.Key} = {e.Value}"))}");
        }
    }

    [Fact]
    public void Each_deployment_and_service_has_the_endpoints_of_its_project_and_only_external_ones_are_exposed()
    {
        var manifests = KubernetesManifests.Current;

        Assert.All(appHost.Projects.Select(p => p.Name), name =>
        {
            var endpoints = appHost.Projects.Single(p => p.Name == name).Annotations.OfType<EndpointAnnotation>().ToList();
            var service = manifests.Service(name);
            Assert.Equal(endpoints.Select(e => e.Name).Order(),
                manifests.Deployment(name).Spec.Template.Spec.Containers.Single().Ports.Select(p => p.Name).Order());
            Assert.Equal(endpoints.Select(e => e.Name).Order(), service.Spec.Ports.Select(p => p.Name).Order());
            // The gateway's h2c hop and any Gateway API or mesh in front of a Service need to know the port speaks HTTP/2.
            Assert.All(endpoints.Where(e => e.Transport == "http2").Select(e => e.Name), endpoint => Assert.True(
                service.Spec.Ports.Single(p => p.Name == endpoint).AppProtocol == "kubernetes.io/h2c",
                $"{name}'s {endpoint} endpoint is HTTP/2 without TLS in the AppHost; its Service port does not say kubernetes.io/h2c."));
            var external = endpoints.Any(e => e.IsExternal);
            Assert.True(external == (service.Spec.Type == "LoadBalancer"),
                $"{name}'s endpoints are {(external ? "" : "not ")}external in the AppHost, and its Service is {service.Spec.Type}.");
        });
    }

    [Fact]
    public void Each_service_takes_calls_from_the_gateway_and_the_projects_that_reference_it_and_from_no_other()
    {
        var manifests = KubernetesManifests.Current;
        var references = appHost.Published.ToDictionary(p => p.Key, p => p.Value.Keys
            .Select(key => ServiceDiscoveryVariable().Match(key)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet());

        foreach (var project in appHost.Projects.Where(p => !p.Annotations.OfType<EndpointAnnotation>().Any(e => e.IsExternal)))
        {
            var labels = manifests.Deployment(project.Name).Spec.Template.Metadata.Labels;
            var allowed = manifests.NetworkPolicies.Where(p => KubernetesManifests.Selects(p.Spec.PodSelector, labels))
                .SelectMany(p => p.Spec.Ingress ?? []).SelectMany(rule => rule.FromProperty ?? [])
                .SelectMany(peer => manifests.DeploymentsSelectedBy(peer.PodSelector)).ToHashSet();
            var callers = references.Where(r => r.Value.Contains(project.Name)).Select(r => r.Key).ToHashSet();

            Assert.True(callers.SetEquals(allowed),
                $"{project.Name} takes calls from [{string.Join(", ", allowed.Order())}]; the AppHost has [{string.Join(", ", callers.Order())}] calling it.");
        }
    }

    /// <summary>The AppHost's model in external mode, built once for the class and never run.</summary>
    public sealed class ExternalModeAppHost : IAsyncLifetime
    {
        private DistributedApplication? _app;

        public List<ProjectResource> Projects { get; private set; } = [];

        /// <summary>Each project's environment as the AppHost would publish it: references by name ({tickets-db.connectionString}), not values.</summary>
        public Dictionary<string, Dictionary<string, string>> Published { get; } = [];

        public async Task InitializeAsync()
        {
            // External mode will not start without the token server's signing key.
            using var signingKey = RSA.Create(2048);
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AfterSales_AppHost>(
                ["--Infrastructure:Mode=external", $"--Parameters:identity-signing-key={signingKey.ExportPkcs8PrivateKeyPem()}"]);
            _app = await builder.BuildAsync();
            Projects = [.. _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>()];
            var publishing = new DistributedApplicationExecutionContext(
                new DistributedApplicationExecutionContextOptions(DistributedApplicationOperation.Publish) { Services = _app.Services });
            foreach (var project in Projects)
            {
                var configuration = await ExecutionConfigurationBuilder.Create(project).WithEnvironmentVariablesConfig()
                    .BuildAsync(publishing, NullLogger.Instance, CancellationToken.None);
                Assert.Null(configuration.Exception);
                Published[project.Name] = configuration.EnvironmentVariables.ToDictionary(variable => variable.Key, variable => variable.Value);
            }
        }

        public async Task DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }

    private static bool IsWiring(string variable) =>
        variable.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
        || variable.StartsWith("services__", StringComparison.Ordinal)
        || variable.StartsWith("Identity__", StringComparison.Ordinal);

    /// <summary>
    /// Aspire also publishes each connection string under a name without dashes (ConnectionStrings__tickets_db beside
    /// ConnectionStrings__tickets-db) for hosts that refuse dashes in variable names; the services read the dashed one.
    /// </summary>
    private static bool IsAlias(string variable, IEnumerable<string> published) =>
        variable.Contains('_', StringComparison.Ordinal) && published.Any(other => other != variable && other.Replace('-', '_') == variable);

    /// <summary>
    /// What a Deployment must give for a value the AppHost publishes: a connection string or parameter from the Secret
    /// named as it, under the key of its property; an endpoint's URL at the Service's port of that endpoint.
    /// </summary>
    private static string Expected(string published, KubernetesManifests manifests)
    {
        if (SecretReference().Match(published) is { Success: true } secret)
        {
            return $"secret {secret.Groups[1].Value}/{secret.Groups[2].Value}";
        }
        if (EndpointReference().Match(published) is { Success: true } endpoint)
        {
            var (service, name) = (endpoint.Groups[1].Value, endpoint.Groups[2].Value);
            var port = manifests.Service(service).Spec.Ports.Single(p => p.Name == name);
            return $"value http://{service}:{port.Port}";
        }
        return $"(the AppHost publishes {published}, which has no Kubernetes counterpart here yet)";
    }

    private static string Describe(V1EnvVar variable) => variable.ValueFrom?.SecretKeyRef is { } secret
        ? $"secret {secret.Name}/{secret.Key}"
        : $"value {variable.Value}";

    [GeneratedRegex(@"^\{([a-z0-9-]+)\.(connectionString|value)\}$")]
    private static partial Regex SecretReference();

    [GeneratedRegex(@"^\{([a-z0-9-]+)\.bindings\.([a-z0-9-]+)\.url\}$")]
    private static partial Regex EndpointReference();

    [GeneratedRegex("^services__([a-z0-9-]+)__")]
    private static partial Regex ServiceDiscoveryVariable();
}
