using AfterSales.TestKit;
using k8s;
using k8s.Models;
using YamlDotNet.Core;

namespace AfterSales.UnitTests.Deployment;

/// <summary>
/// The suite's Kubernetes manifests in <c>deploy/kubernetes</c>, read as the API server reads them: each object typed
/// by its apiVersion and kind, and a field the Kubernetes API does not know refused (kubectl's strict field
/// validation would refuse it at apply time; a schema alone lets it through).
/// </summary>
internal sealed class KubernetesManifests
{
    public const string Namespace = "aftersales";
    public const string KustomizationFile = "kustomization.yaml";
    public const string SecretsExampleFile = "secrets.example.yaml";
    public const string SecretPlaceholder = "REPLACE_ME";

    private static readonly Lazy<KubernetesManifests> Loaded = new(Load);

    private KubernetesManifests(IReadOnlyDictionary<string, IReadOnlyList<object>> files) => Files = files;

    /// <summary>The manifests as they are in the repository, read once per test run.</summary>
    public static KubernetesManifests Current => Loaded.Value;

    /// <summary>The repository's <c>deploy/kubernetes</c>.</summary>
    public static string DirectoryPath => Path.Combine(Commands.RepositoryRoot, "deploy", "kubernetes");

    /// <summary>Every YAML file of the folder by name, with the objects it holds.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<object>> Files { get; }

    public Kustomization Kustomization => Files[KustomizationFile].OfType<Kustomization>().Single();

    /// <summary>What <c>kubectl apply -k</c> sends to the cluster: the objects of the files the kustomization lists.</summary>
    public IEnumerable<object> Applied => Kustomization.Resources.SelectMany(file => Files[file]);

    public IEnumerable<V1Deployment> Deployments => Applied.OfType<V1Deployment>();

    public IEnumerable<V1Service> Services => Applied.OfType<V1Service>();

    public IEnumerable<V1NetworkPolicy> NetworkPolicies => Applied.OfType<V1NetworkPolicy>();

    /// <summary>The documented shape of the Secrets the operator creates in the cluster.</summary>
    public IEnumerable<V1Secret> ExampleSecrets => Files[SecretsExampleFile].OfType<V1Secret>();

    public V1Deployment Deployment(string name) => Deployments.Single(d => d.Name() == name);

    public V1Service Service(string name) => Services.Single(s => s.Name() == name);

    /// <summary>The Deployments whose pods a label selector selects, by name.</summary>
    public IEnumerable<string> DeploymentsSelectedBy(V1LabelSelector selector) =>
        Deployments.Where(d => Selects(selector, d.Spec.Template.Metadata.Labels)).Select(d => d.Name());

    /// <summary>Whether a label selector (of a NetworkPolicy, a Service...) selects pods with these labels.</summary>
    public static bool Selects(V1LabelSelector selector, IDictionary<string, string> labels) =>
        (selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var value) && value == l.Value)
        && (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out var value) && e.Values.Contains(value),
            "NotIn" => !labels.TryGetValue(e.Key, out var value) || !e.Values.Contains(value),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => throw new InvalidOperationException($"Unknown label selector operator {e.OperatorProperty}."),
        });

    private static KubernetesManifests Load()
    {
        var kinds = new Dictionary<string, Type> { [$"{Kustomization.ApiGroupVersion}/{nameof(Kustomization)}"] = typeof(Kustomization) };
        var files = new Dictionary<string, IReadOnlyList<object>>();
        foreach (var path in Directory.GetFiles(DirectoryPath, "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            try
            {
                files[name] = KubernetesYaml.LoadAllFromString(File.ReadAllText(path), kinds, strict: true);
            }
            catch (YamlException error)
            {
                throw new InvalidOperationException(
                    $"deploy/kubernetes/{name}, line {error.Start.Line}: {error.Message} {error.InnerException?.Message}".TrimEnd(), error);
            }
            catch (KeyNotFoundException error)
            {
                throw new InvalidOperationException($"deploy/kubernetes/{name}: an object of an unknown apiVersion and kind ({error.Message})", error);
            }
            catch (InvalidOperationException error)
            {
                throw new InvalidOperationException($"deploy/kubernetes/{name} is not valid YAML ({error.Message})", error);
            }
        }
        return new KubernetesManifests(files);
    }
}

/// <summary>The part of kustomize's <c>kustomization.yaml</c> the suite uses.</summary>
internal sealed class Kustomization
{
    public const string ApiGroupVersion = "kustomize.config.k8s.io/v1beta1";

    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Namespace { get; set; } = "";

    public List<string> Resources { get; set; } = [];
}
