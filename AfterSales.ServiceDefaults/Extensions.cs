using AfterSales.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every AfterSales process shares: OpenTelemetry to the dashboard, health endpoints and service
/// discovery. There is deliberately no HTTP resilience handler on every HttpClient: the suite's clients
/// are gRPC clients, and an HTTP-level retry cannot tell a safe call from an unsafe one; they use gRPC's
/// own retry policy for the methods their contract marks safe (see the platform's service clients).
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    /// <summary>Adds telemetry, health checks and service discovery.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());

        return builder;
    }

    /// <summary>Logs, metrics and traces over OTLP, with the instrumentation the suite relies on.</summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Yarp.ReverseProxy")
                // The suite's own measures (tickets, SLA, events, stock, tokens) come from meters named AfterSales.*.
                .AddMeter("AfterSales.*"))
            .WithTracing(tracing => tracing
                .SetSampler(TraceSampling.Create(builder.Configuration.GetValue(TraceSampling.RatioKey, 1.0)))
                // The suite's own spans (events, migrations) all come from sources named AfterSales.*.
                .AddSource("AfterSales.*")
                .AddSource("Yarp.ReverseProxy")
                // Probes every few seconds would bury real traces in the dashboard.
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsProbe(context))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = request =>
                    request.RequestUri?.AbsolutePath.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal) != true));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>A liveness check tagged "live"; integrations add their readiness checks beside it.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>Maps /health (every check) and /alive (liveness only).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Probes carry no secrets and change nothing; they are served in every environment so the
        // AppHost and an orchestrator can both see whether a service is ready.
        app.MapHealthChecks(HealthEndpointPath).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        return app;
    }

    private static bool IsProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HealthEndpointPath)
        || context.Request.Path.StartsWithSegments(AlivenessEndpointPath)
        || context.Request.Path.StartsWithSegments("/grpc.health.v1.Health");
}
