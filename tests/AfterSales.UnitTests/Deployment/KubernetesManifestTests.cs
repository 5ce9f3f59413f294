using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;
using AfterSales.ServiceDefaults;
using k8s;
using k8s.Models;

namespace AfterSales.UnitTests.Deployment;

/// <summary>
/// The Kubernetes deployment in <c>deploy/kubernetes</c>, checked offline: against the Kubernetes API schemas (by
/// <c>deploy/kubernetes/validate</c>, a small node project on the kubernetes-models package), read strictly as typed
/// objects (<see cref="KubernetesManifests"/>), and against the suite's own rules that no schema knows. Nothing
/// here talks to a cluster.
/// </summary>
public partial class KubernetesManifestTests
{
    /// <summary>Every project the AppHost runs: the token server, the six services and the gateway.</summary>
    private static readonly string[] Projects = [ResourceNames.Identity, .. ResourceNames.Services, ResourceNames.Gateway];

    private static readonly TimeSpan ValidatorTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Read on first use, so the schema check runs even when the manifests cannot be read as typed objects.</summary>
    private static KubernetesManifests Manifests => KubernetesManifests.Current;

    [Fact]
    public void Every_manifest_is_valid_against_the_Kubernetes_schemas()
    {
        var validator = Path.Combine(KubernetesManifests.DirectoryPath, "validate");
        if (!Directory.Exists(Path.Combine(validator, "node_modules", "kubernetes-models")))
        {
            Assert.Fail("The schema validator's packages are not installed: run `npm ci --prefix deploy/kubernetes/validate` "
                + "(.ci/run does; it needs node and npm: apt-get install nodejs npm).");
        }

        var (exitCode, output) = RunNode(validator, "validate.mjs");

        Assert.True(exitCode == 0, $"deploy/kubernetes breaks the Kubernetes API schemas:\n{output}");
        // The validator saw the same objects as the typed reading (KubernetesManifests), so neither skipped a file.
        var apiObjects = Manifests.Files.Values.SelectMany(objects => objects).Count(o => o is not Kustomization);
        Assert.Matches($@"^{apiObjects} Kubernetes objects in {Manifests.Files.Count} files are valid", output);
    }

    [Fact]
    public void Every_manifest_has_only_fields_the_Kubernetes_API_knows()
    {
        // KubernetesManifests reads strictly: an unknown or misspelt field fails the load, naming its file and line.
        Assert.All(Manifests.Files.Keys, file =>
        {
            Assert.NotEmpty(Manifests.Files[file]);
            Assert.All(Manifests.Files[file].Select(o => o.GetType()), type => Assert.True(
                file == KubernetesManifests.KustomizationFile ? type == typeof(Kustomization) : type.IsAssignableTo(typeof(IKubernetesObject)),
                $"deploy/kubernetes/{file} holds a {type.Name} where it should hold Kubernetes objects only."));
        });
    }

    [Fact]
    public void The_kustomization_applies_every_manifest_but_the_secrets_example_into_the_suites_namespace()
    {
        var kustomization = Manifests.Kustomization;
        var manifests = Manifests.Files.Keys.Except([KubernetesManifests.KustomizationFile, KubernetesManifests.SecretsExampleFile]);

        Assert.Equal(manifests.Order(), kustomization.Resources.Order());
        Assert.Equal(KubernetesManifests.Namespace, kustomization.Namespace);
        Assert.All(Manifests.Applied.Cast<IKubernetesObject<V1ObjectMeta>>().Where(o => o is not V1Namespace).Select(o => (o.Kind, Name: o.Name(), Namespace: o.Namespace())), o =>
            Assert.True(o.Namespace == KubernetesManifests.Namespace, $"{o.Kind}/{o.Name} is not in the {KubernetesManifests.Namespace} namespace."));
        Assert.Equal(KubernetesManifests.Namespace, Manifests.Applied.OfType<V1Namespace>().Single().Name());
    }

    [Fact]
    public void There_is_a_deployment_and_a_service_for_each_project_of_the_AppHost_and_no_other()
    {
        Assert.Equal(Projects.Order(), Manifests.Deployments.Select(d => d.Name()).Order());
        Assert.Equal(Projects.Order(), Manifests.Services.Select(s => s.Name()).Order());
        Assert.All(DeploymentNames, name =>
        {
            var deployment = Manifests.Deployment(name);
            var container = Container(deployment);
            Assert.Equal(name, container.Name);
            Assert.Matches($"^aftersales/{name}:[A-Za-z0-9._-]+$", container.Image);
            Assert.Equal(name, Value(deployment, "OTEL_SERVICE_NAME"));
            Assert.Equal(new Dictionary<string, string> { ["app.kubernetes.io/name"] = name }, deployment.Spec.Selector.MatchLabels);
            Assert.Equal(deployment.Spec.Selector.MatchLabels, Manifests.Service(name).Spec.Selector);
        });
    }

    [Fact]
    public void Every_deployment_runs_two_or_more_replicas_with_probes_resources_and_a_disruption_budget()
    {
        var budgets = Manifests.Applied.OfType<V1PodDisruptionBudget>().ToList();
        Assert.All(DeploymentNames, name =>
        {
            var deployment = Manifests.Deployment(name);
            var container = Container(deployment);
            Assert.True(deployment.Spec.Replicas >= 2, $"{name} runs {deployment.Spec.Replicas} replica(s); the suite runs every process twice at least.");

            AssertHttpProbe(name, "readiness", container.ReadinessProbe, "/health");
            AssertHttpProbe(name, "liveness", container.LivenessProbe, "/alive");
            // Kestrel listens only once the migrations are applied; the other probes would restart a pod still migrating.
            AssertHttpProbe(name, "startup", container.StartupProbe, "/alive");
            var startup = container.StartupProbe;
            Assert.True((startup.PeriodSeconds ?? 10) * (startup.FailureThreshold ?? 3) >= 120,
                $"{name}'s startup probe gives up before two minutes, which migrations on a cold database may take.");

            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.True(container.Resources?.Requests?.ContainsKey(resource) == true, $"{name} requests no {resource}.");
                Assert.True(container.Resources?.Limits?.ContainsKey(resource) == true, $"{name} has no {resource} limit.");
                Assert.True(container.Resources.Limits[resource].ToDecimal() >= container.Resources.Requests[resource].ToDecimal(),
                    $"{name}'s {resource} limit is below its request.");
            }
            Assert.True(container.Resources.Requests["memory"].ToDecimal() >= 128 * 1024 * 1024,
                $"{name} requests less memory than a .NET service uses at rest.");

            Assert.True(budgets.Count(b => b.Spec.Selector.MatchLabels.SequenceEqual(deployment.Spec.Selector.MatchLabels)) == 1,
                $"{name} has no PodDisruptionBudget of its own, so a node drain may take both its replicas at once.");
        });
    }

    [Fact]
    public void Every_container_runs_as_non_root_on_a_read_only_file_system_without_privileges()
    {
        Assert.All(DeploymentNames, name =>
        {
            var deployment = Manifests.Deployment(name);
            var pod = deployment.Spec.Template.Spec;
            var container = Container(deployment);
            Assert.True(pod.SecurityContext?.RunAsNonRoot == true || container.SecurityContext?.RunAsNonRoot == true, $"{name} may run as root.");
            Assert.True(container.SecurityContext?.ReadOnlyRootFilesystem == true, $"{name} may write to its root file system.");
            Assert.True(container.SecurityContext?.AllowPrivilegeEscalation == false, $"{name} allows privilege escalation.");
            Assert.True(container.SecurityContext?.Privileged != true, $"{name} is privileged.");
            Assert.True(container.SecurityContext?.Capabilities?.Drop?.Contains("ALL") == true, $"{name} keeps Linux capabilities.");
            Assert.True((container.SecurityContext?.SeccompProfile ?? pod.SecurityContext?.SeccompProfile)?.Type == "RuntimeDefault",
                $"{name} runs without the runtime's seccomp profile.");
            Assert.True(pod.AutomountServiceAccountToken == false, $"{name} gets a Kubernetes API token it has no use for.");
        });
    }

    [Fact]
    public void No_secret_value_is_committed()
    {
        Assert.All(Manifests.Files.Keys.Where(file => file != KubernetesManifests.SecretsExampleFile), file =>
            Assert.True(!Manifests.Files[file].OfType<V1Secret>().Any(), $"deploy/kubernetes/{file} holds a Secret: Secrets are created in the cluster, never committed."));
        Assert.DoesNotContain(KubernetesManifests.SecretsExampleFile, Manifests.Kustomization.Resources);
        Assert.NotEmpty(Manifests.ExampleSecrets);
        Assert.All(Manifests.ExampleSecrets.Select(s => s.Name()), name =>
        {
            var secret = Manifests.ExampleSecrets.Single(s => s.Name() == name);
            Assert.True(secret.Data is null || secret.Data.Count == 0, $"The example Secret {secret.Name()} has data; it shows keys with placeholders only.");
            Assert.All(secret.StringData, entry => Assert.True(entry.Value == KubernetesManifests.SecretPlaceholder,
                $"The example Secret {secret.Name()} has a value for {entry.Key}; it may only hold {KubernetesManifests.SecretPlaceholder}."));
        });
        // Credentials never sit in a manifest as plain values, nor in a ConfigMap.
        Assert.All(Manifests.Deployments.SelectMany(d => Container(d).Env.Select(e => (Deployment: d.Name(), Env: e))), variable =>
            Assert.True(!IsCredential(variable.Env.Name) || variable.Env.ValueFrom?.SecretKeyRef is not null,
                $"{variable.Deployment}'s {variable.Env.Name} is a credential given in the manifest instead of from a Secret."));
        Assert.All(Manifests.Applied.OfType<V1ConfigMap>().SelectMany(c => c.Data.Keys.Select(key => (ConfigMap: c.Name(), Key: key))), entry =>
            Assert.False(IsCredential(entry.Key), $"The ConfigMap {entry.ConfigMap} holds {entry.Key}, a credential."));
    }

    [Fact]
    public void Every_secret_a_deployment_reads_is_one_the_example_documents_and_every_documented_one_is_read()
    {
        var documented = Manifests.ExampleSecrets.SelectMany(s => s.StringData.Keys.Select(key => (Secret: s.Name(), Key: key))).ToHashSet();
        var read = new HashSet<(string Secret, string Key)>();
        foreach (var deployment in Manifests.Deployments)
        {
            var pod = deployment.Spec.Template.Spec;
            Assert.True(pod.Volumes?.All(v => v.Secret is null && v.Projected is null) ?? true,
                $"{deployment.Name()} mounts a Secret; the suite reads its Secrets through secretKeyRef only.");
            Assert.True(Container(deployment).EnvFrom?.All(e => e.SecretRef is null) ?? true,
                $"{deployment.Name()} takes a whole Secret with envFrom; the suite names each key with secretKeyRef.");
            foreach (var variable in Container(deployment).Env.Where(e => e.ValueFrom?.SecretKeyRef is not null))
            {
                var reference = (variable.ValueFrom.SecretKeyRef.Name, variable.ValueFrom.SecretKeyRef.Key);
                Assert.True(documented.Contains(reference),
                    $"{deployment.Name()}'s {variable.Name} reads {reference.Name}/{reference.Key}, which {KubernetesManifests.SecretsExampleFile} does not document.");
                Assert.True(variable.ValueFrom.SecretKeyRef.Optional != true, $"{deployment.Name()}'s {variable.Name} would start without its Secret.");
                read.Add(reference);
            }
        }

        var unread = documented.Except(read).Select(r => $"{r.Secret}/{r.Key}").ToList();
        Assert.True(unread.Count == 0, $"{KubernetesManifests.SecretsExampleFile} documents {string.Join(", ", unread)}, which no Deployment reads.");
    }

    [Fact]
    public void Each_process_gets_its_own_database_and_redis_accounts_and_the_token_server_its_signing_key()
    {
        Assert.All(Projects, project =>
        {
            var deployment = Manifests.Deployment(project);
            var secrets = Container(deployment).Env.Where(e => e.ValueFrom?.SecretKeyRef is not null)
                .ToDictionary(e => e.Name, e => $"{e.ValueFrom.SecretKeyRef.Name}/{e.ValueFrom.SecretKeyRef.Key}");

            var expected = project switch
            {
                ResourceNames.Gateway => [],
                ResourceNames.Identity => new Dictionary<string, string>
                {
                    [$"ConnectionStrings__{ResourceNames.Database(project)}"] = $"{ResourceNames.Database(project)}/connectionString",
                    ["Identity__SigningKey"] = "identity-signing-key/value",
                },
                _ => new Dictionary<string, string>
                {
                    [$"ConnectionStrings__{ResourceNames.Database(project)}"] = $"{ResourceNames.Database(project)}/connectionString",
                    [$"ConnectionStrings__{ResourceNames.Redis}"] = $"{ResourceNames.RedisUser(project)}/connectionString",
                },
            };
            Assert.True(expected.OrderBy(e => e.Key).SequenceEqual(secrets.OrderBy(e => e.Key)),
                $"{project} reads [{string.Join(", ", secrets.Select(e => $"{e.Key} from {e.Value}"))}] instead of [{string.Join(", ", expected.Select(e => $"{e.Key} from {e.Value}"))}].");
        });
    }

    [Fact]
    public void Endpoints_and_service_discovery_addresses_agree_with_the_ports_they_name()
    {
        Assert.All(DeploymentNames, name =>
        {
            var deployment = Manifests.Deployment(name);
            var container = Container(deployment);
            var containerPorts = container.Ports.ToDictionary(p => p.Name, p => p.ContainerPort);
            var service = Manifests.Service(name);

            // Each Kestrel endpoint listens on every interface, on the container port of its name; the Service
            // forwards a port of the same name to it.
            Assert.Equal(containerPorts.Keys.Order(), container.Env.Select(e => KestrelEndpoint().Match(e.Name)).Where(m => m.Success).Select(m => m.Groups[1].Value).Order());
            Assert.All(containerPorts, port => Assert.Equal($"http://+:{port.Value}", Value(deployment, $"Kestrel__Endpoints__{port.Key}__Url")));
            Assert.Equal(containerPorts.Keys.Order(), service.Spec.Ports.Select(p => p.Name).Order());
            Assert.All(service.Spec.Ports, port => Assert.Equal(port.Name, port.TargetPort.Value));

            // services__<service>__<endpoint>__0: how a process finds another, e.g. http://_grpc.tickets.
            foreach (var variable in container.Env.Where(e => e.Name.StartsWith("services__", StringComparison.Ordinal)))
            {
                var match = ServiceDiscoveryVariable().Match(variable.Name);
                Assert.True(match.Success, $"{name}'s {variable.Name} is not services__<service>__<endpoint>__<n>.");
                var (target, endpoint) = (match.Groups[1].Value, match.Groups[2].Value);
                var port = Manifests.Services.SingleOrDefault(s => s.Name() == target)?.Spec.Ports.SingleOrDefault(p => p.Name == endpoint);
                Assert.True(port is not null, $"{name}'s {variable.Name} names {target}'s endpoint {endpoint}, which no Service here has.");
                Assert.Equal($"http://{target}:{port.Port}", variable.Value);
            }
        });
    }

    [Fact]
    public void Telemetry_goes_to_the_collector_the_config_map_names()
    {
        var configMaps = Manifests.Applied.OfType<V1ConfigMap>().ToDictionary(c => c.Name());
        Assert.All(DeploymentNames, name =>
        {
            var deployment = Manifests.Deployment(name);
            var endpoint = Container(deployment).Env.Single(e => e.Name == "OTEL_EXPORTER_OTLP_ENDPOINT").ValueFrom?.ConfigMapKeyRef;
            Assert.True(endpoint is not null, $"{deployment.Name()} does not take its OTLP endpoint from a ConfigMap.");
            Assert.True(configMaps.TryGetValue(endpoint.Name, out var configMap) && configMap.Data.ContainsKey(endpoint.Key),
                $"{deployment.Name()} reads {endpoint.Name}/{endpoint.Key}, which no ConfigMap here holds.");
            Assert.True(Uri.IsWellFormedUriString(configMap.Data[endpoint.Key], UriKind.Absolute), $"{endpoint.Name}/{endpoint.Key} is not an address.");
        });
    }

    [Fact]
    public void Only_the_gateway_is_exposed()
    {
        var exposed = Manifests.Services.Where(s => s.Spec.Type is "LoadBalancer" or "NodePort" || s.Spec.ExternalIPs?.Count > 0).Select(s => s.Name());
        Assert.Equal([ResourceNames.Gateway], exposed);
        Assert.All(Manifests.Services.Where(s => s.Name() != ResourceNames.Gateway).Select(s => (Name: s.Name(), s.Spec.Type)), s => Assert.Equal("ClusterIP", s.Type));
        Assert.Equal(["grpc", "http"], Manifests.Service(ResourceNames.Gateway).Spec.Ports.Select(p => p.Name).Order());
        Assert.All(Manifests.Applied.OfType<V1Ingress>(), ingress => Assert.All(
            ingress.Spec.Rules.SelectMany(r => r.Http.Paths).Select(p => p.Backend.Service.Name).Append(ingress.Spec.DefaultBackend?.Service?.Name ?? ResourceNames.Gateway),
            backend => Assert.Equal(ResourceNames.Gateway, backend)));
        Assert.All(DeploymentNames, name =>
        {
            var deployment = Manifests.Deployment(name);
            Assert.True(deployment.Spec.Template.Spec.HostNetwork != true, $"{deployment.Name()} uses the node's network.");
            Assert.True(Container(deployment).Ports.All(p => p.HostPort is null), $"{deployment.Name()} opens a port on the node.");
        });
    }

    [Fact]
    public void Services_take_calls_only_from_the_gateway_and_each_other()
    {
        var policies = Manifests.NetworkPolicies.ToList();
        // Everything is closed unless a policy opens it.
        Assert.True(policies.Any(p => p.Spec.PodSelector.MatchLabels is null or { Count: 0 } && p.Spec.PodSelector.MatchExpressions is null or { Count: 0 }
            && p.Spec.PolicyTypes.Contains("Ingress") && p.Spec.Ingress is null or { Count: 0 }),
            "No NetworkPolicy closes every pod of the namespace to calls that no other policy allows.");

        Assert.All(DeploymentNames, name =>
        {
            var deployment = Manifests.Deployment(name);
            var labels = deployment.Spec.Template.Metadata.Labels;
            var rules = policies.Where(p => KubernetesManifests.Selects(p.Spec.PodSelector, labels)).SelectMany(p => p.Spec.Ingress ?? []).ToList();
            Assert.True(rules.Count > 0, $"No policy lets anyone call {name}.");
            var ports = Container(deployment).Ports.Select(p => p.Name).ToHashSet();
            Assert.All(rules.SelectMany(r => r.Ports ?? []), port => Assert.Contains(port.Port.Value, ports));
            if (name == ResourceNames.Gateway)
            {
                Assert.Contains(rules, r => r.FromProperty is null or { Count: 0 }); // the entry: anyone
                return;
            }
            Assert.All(rules, rule =>
            {
                Assert.True(rule.FromProperty is { Count: > 0 }, $"A policy lets anyone call {name}.");
                Assert.All(rule.FromProperty, peer =>
                {
                    Assert.True(peer.IpBlock is null && peer.NamespaceSelector is null && peer.PodSelector is not null,
                        $"A policy lets callers from outside the suite's namespace call {name}.");
                    var callers = Manifests.DeploymentsSelectedBy(peer.PodSelector).ToList();
                    Assert.True(callers.Count > 0 && !callers.Contains(name) && !KubernetesManifests.Selects(peer.PodSelector, new Dictionary<string, string>()),
                        $"A policy for {name} lets in pods that are not other processes of the suite.");
                });
            });
        });
    }

    private static void AssertHttpProbe(string deployment, string kind, V1Probe? probe, string path)
    {
        Assert.True(probe?.HttpGet is not null, $"{deployment} has no HTTP {kind} probe.");
        Assert.True(probe.HttpGet.Path == path && probe.HttpGet.Port.Value == ResourceNames.HttpEndpoint,
            $"{deployment}'s {kind} probe asks {probe.HttpGet.Port.Value}{probe.HttpGet.Path}, not {ResourceNames.HttpEndpoint}{path}.");
    }

    /// <summary>The Deployments by name, so that a failure names the Deployment rather than printing it whole.</summary>
    private static IEnumerable<string> DeploymentNames => Manifests.Deployments.Select(d => d.Name());

    private static V1Container Container(V1Deployment deployment) => Assert.Single(deployment.Spec.Template.Spec.Containers);

    private static string? Value(V1Deployment deployment, string variable) => Container(deployment).Env.SingleOrDefault(e => e.Name == variable)?.Value;

    private static bool IsCredential(string name) =>
        name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("signingkey", StringComparison.OrdinalIgnoreCase);

    private static (int ExitCode, string Output) RunNode(string directory, params string[] arguments)
    {
        Process node;
        try
        {
            node = Process.Start(new ProcessStartInfo("node", arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
        }
        catch (Win32Exception error)
        {
            Assert.Fail($"node is not on the PATH ({error.Message}): install Node.js and npm (apt-get install nodejs npm), then `npm ci --prefix deploy/kubernetes/validate`.");
            throw;
        }
        using (node)
        {
            var output = node.StandardOutput.ReadToEndAsync();
            var errors = node.StandardError.ReadToEndAsync();
            if (!node.WaitForExit(ValidatorTimeout))
            {
                node.Kill(entireProcessTree: true);
                Assert.Fail($"The schema validator did not finish within {ValidatorTimeout.TotalSeconds} s.");
            }
            return (node.ExitCode, (output.Result + errors.Result).Trim());
        }
    }

    [GeneratedRegex("^Kestrel__Endpoints__([^_]+)__Url$")]
    private static partial Regex KestrelEndpoint();

    [GeneratedRegex("^services__([a-z0-9-]+)__([a-z0-9-]+)__[0-9]+$")]
    private static partial Regex ServiceDiscoveryVariable();
}
