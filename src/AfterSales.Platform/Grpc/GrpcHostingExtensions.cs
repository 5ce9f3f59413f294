using AfterSales.Platform.Audit;
using AfterSales.Platform.Caching;
using AfterSales.Platform.Events;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using AfterSales.ServiceDefaults;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace AfterSales.Platform.Grpc;

public static class GrpcHostingExtensions
{
    /// <summary>
    /// What every domain service has the same way: gRPC with JSON transcoding and the suite's error model,
    /// callers from validated access tokens (<see cref="Caller"/>), Redis, safe retries by request id,
    /// the company calendar, gRPC health (fed by the ASP.NET health checks) and reflection, request size
    /// limits (<see cref="RequestSizeLimits"/>) and the refusal of garbage (<see cref="MalformedInput"/>).
    /// </summary>
    public static IHostApplicationBuilder AddGrpcPlatform(this IHostApplicationBuilder builder)
    {
        var sizeLimits = RequestSizeLimits.From(builder.Configuration);
        builder.Services.AddSingleton(sizeLimits);
        builder.Services.AddGrpc(options =>
            {
                // The error model wraps everything, so the refusals of the access check and of garbage
                // answer like any other error; who may call is settled before the request is looked at.
                options.Interceptors.Add<ErrorInterceptor>();
                options.Interceptors.Add<AccessInterceptor>();
                options.Interceptors.Add<MalformedInputInterceptor>();
                options.MaxReceiveMessageSize = sizeLimits.MaxReceiveMessageSize;
            })
            // Error details travel as google.protobuf.Any; JSON needs to know their types to write them.
            .AddJsonTranscoding(options => options.TypeRegistry = TypeRegistry.FromMessages(BadRequest.Descriptor));
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        builder.AddTokenValidation();
        // Fail fast while Redis is away instead of queueing: callers (cache, relay, consumers) each have a
        // better fallback than waiting out a timeout. Redis is no readiness check: calls are answered from
        // the database while it is away, so a probe must not take the service out of rotation for it.
        builder.AddRedisClient(ResourceNames.Redis,
            settings => settings.DisableHealthChecks = true,
            options => options.BacklogPolicy = BacklogPolicy.FailFast);
        builder.Services.AddSingleton<RedisCache>();
        // A service signs in as its own Redis user, which may not run admin commands, so the client must
        // not need them: else at every connect it asks for INFO (its version), CONFIG and CLUSTER NODES,
        // reads a tie-breaker key and subscribes to a configuration channel, is refused each time, and
        // takes the server for a Redis 3. A standalone server needs none of it; 7.0 is the oldest it runs on.
        builder.Services.PostConfigure<ConfigurationOptions>(options =>
        {
            options.CommandMap = CommandMap.Create(["INFO", "CONFIG", "CLUSTER"], available: false);
            options.TieBreaker = "";
            options.ConfigurationChannel = "";
            options.DefaultVersion = new Version(7, 0);
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped(services => Caller.From(services.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));
        builder.Services.AddSingleton<ForwardCallerInterceptor>();
        builder.Services.AddBusinessCalendar();
        builder.Services.AddScoped(typeof(IdempotentRequests<>));
        builder.Services.TryAddSingleton<PlatformMetrics>();
        return builder;
    }

    /// <summary>
    /// Problem responses for JSON, authentication, health (HTTP and gRPC), the platform services every
    /// service hosts (audit trail, parked events) and, in Development, reflection.
    /// </summary>
    public static WebApplication MapGrpcPlatform(this WebApplication app)
    {
        app.UseTraceIdHeader();
        app.UseMiddleware<ProblemDetailsForJsonMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapGrpcHealthChecksService().AllowAnonymous().WithMetadata(new AccessAttribute { Anonymous = true });
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcService<ParkedEventGrpcService>();
        if (app.Environment.IsDevelopment())
        {
            // A map of every RPC is worth having to an attacker: it takes a token like any call.
            app.MapGrpcReflectionService().WithMetadata(new AccessAttribute(AccessAttribute.AnyRole) { Stations = true });
        }
        return app;
    }
}
