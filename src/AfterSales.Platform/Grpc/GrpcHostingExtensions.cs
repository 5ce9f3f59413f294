using Google.Protobuf.Reflection;
using AfterSales.Platform.Idempotency;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AfterSales.Platform.Grpc;

public static class GrpcHostingExtensions
{
    /// <summary>
    /// gRPC with JSON transcoding, the suite's error model, gRPC health (fed by the ASP.NET health checks)
    /// and reflection, the same in every domain service.
    /// </summary>
    public static IHostApplicationBuilder AddGrpcPlatform(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc(options => options.Interceptors.Add<ErrorInterceptor>())
            // Error details travel as google.protobuf.Any; JSON needs to know their types to write them.
            .AddJsonTranscoding(options => options.TypeRegistry = TypeRegistry.FromMessages(BadRequest.Descriptor));
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BusinessCalendar>();
        builder.Services.AddScoped(typeof(IdempotentRequests<>));
        return builder;
    }

    /// <summary>Maps health (HTTP and gRPC), reflection in Development, and problem responses for JSON.</summary>
    public static WebApplication MapGrpcPlatform(this WebApplication app)
    {
        app.UseMiddleware<ProblemDetailsForJsonMiddleware>();
        app.MapDefaultEndpoints();
        app.MapGrpcHealthChecksService();
        if (app.Environment.IsDevelopment())
        {
            app.MapGrpcReflectionService();
        }
        return app;
    }
}
