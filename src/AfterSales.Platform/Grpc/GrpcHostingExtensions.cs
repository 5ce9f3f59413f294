using Google.Protobuf.Reflection;
using AfterSales.Platform.Audit;
using AfterSales.Platform.Events;
using AfterSales.Platform.Idempotency;
using AfterSales.ServiceDefaults;
using AfterSales.Platform.Security;
using Microsoft.AspNetCore.Http;
using StackExchange.Redis;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AfterSales.Platform.Grpc;

public static class GrpcHostingExtensions
{
    /// <summary>
    /// gRPC with JSON transcoding, the suite's error model, callers from validated access tokens
    /// (<see cref="Caller"/>), gRPC health (fed by the ASP.NET health checks) and reflection, the same in
    /// every domain service.
    /// </summary>
    public static IHostApplicationBuilder AddGrpcPlatform(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc(options => options.Interceptors.Add<ErrorInterceptor>())
            // Error details travel as google.protobuf.Any; JSON needs to know their types to write them.
            .AddJsonTranscoding(options => options.TypeRegistry = TypeRegistry.FromMessages(BadRequest.Descriptor));
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        builder.AddTokenValidation();
        // Fail fast while Redis is away instead of queueing: callers (cache, relay, consumers) each have a
        // better fallback than waiting out a timeout.
        builder.AddRedisClient(ResourceNames.Redis, configureOptions: options => options.BacklogPolicy = BacklogPolicy.FailFast);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped(services => Caller.From(services.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));
        builder.Services.AddSingleton<ForwardCallerInterceptor>();
        builder.Services.AddBusinessCalendar();
        builder.Services.AddScoped(typeof(IdempotentRequests<>));
        return builder;
    }

    /// <summary>Maps health (HTTP and gRPC), reflection in Development, and problem responses for JSON.</summary>
    public static WebApplication MapGrpcPlatform(this WebApplication app)
    {
        app.UseMiddleware<ProblemDetailsForJsonMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcService<ParkedEventGrpcService>();
        if (app.Environment.IsDevelopment())
        {
            app.MapGrpcReflectionService().AllowAnonymous();
        }
        return app;
    }
}
