using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace AfterSales.AppHost;

/// <summary>
/// How the suite's projects run on one machine. Two defaults of Aspire cost this 2-core machine much for nothing:
/// every project is started by a <c>dotnet run</c> that stays resident above it (about 135 MB each, eight of
/// them), and every call to a project crosses DCP's TCP proxy, one more process and copy per request.
/// </summary>
internal static class ProjectLaunch
{
    /// <summary>
    /// Runs the project's built assembly with <c>dotnet</c> directly, as a container or a Kubernetes pod would, instead
    /// of through <c>dotnet run</c>. The AppHost builds its projects before it starts them (<c>dotnet run --no-build</c> is
    /// what Aspire does), so the assembly is there; if it is not (an unusual output path), Aspire's own launch is kept.
    /// An IDE's debug session launches projects its own way, and is left alone.
    /// </summary>
    public static IResourceBuilder<ProjectResource> RunBuiltAssembly<TProject>(this IResourceBuilder<ProjectResource> project)
        where TProject : IProjectMetadata, new()
    {
        var builder = project.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode || !string.IsNullOrEmpty(builder.Configuration["DEBUG_SESSION_PORT"]))
        {
            return project;
        }
        var projectPath = new TProject().ProjectPath;
        // The projects are built as the AppHost is (Debug or Release), into the SDK's default output folder.
        var configuration = typeof(ProjectLaunch).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var assembly = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, "net10.0",
            $"{Path.GetFileNameWithoutExtension(projectPath)}.dll");
        if (!File.Exists(assembly))
        {
            return project;
        }
#pragma warning disable ASPIREEXTENSION001 // Launch-tool arguments replace `run --project …`: the one way Aspire 13 offers to start the built output.
        return project.WithLaunchToolArgs(context => context.Args.Add(assembly), showInCommandLine: false);
#pragma warning restore ASPIREEXTENSION001
    }

    /// <summary>
    /// A single-instance project is reached on its own ports, without DCP's proxy in between: the ports its
    /// configuration names (the gateway's 5080 and 5081, the services' in the README), or, where the AppHost
    /// randomizes ports (a test run, which may start beside a running suite), ports free now. With replicas the
    /// proxy stays: it is what spreads the calls over them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithoutProxyWhenSingle(this IResourceBuilder<ProjectResource> project, int replicas)
    {
        var builder = project.ApplicationBuilder;
        if (replicas > 1 || !builder.ExecutionContext.IsRunMode)
        {
            return project;
        }
        var randomized = builder.Configuration.GetValue("DcpPublisher:RandomizePorts", false);
        foreach (var endpoint in project.Resource.Annotations.OfType<EndpointAnnotation>())
        {
            endpoint.IsProxied = false;
            endpoint.Port = endpoint.TargetPort = randomized || endpoint.Port is null ? LoopbackPort.Free() : endpoint.Port;
        }
        return project;
    }
}
