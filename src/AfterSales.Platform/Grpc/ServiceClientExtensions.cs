using AfterSales.Platform.Security;
using AfterSales.ServiceDefaults;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace AfterSales.Platform.Grpc;

public static class ServiceClientExtensions
{
    /// <summary>
    /// A typed gRPC client for another service of the suite, found by service discovery on its gRPC
    /// endpoint. Every call is made on behalf of the incoming call's caller (their token goes along) and
    /// carries the incoming call's deadline and cancellation, capped by
    /// <c>Grpc:ClientDeadline</c> (default 5 s). Only methods the contract marks safe to repeat
    /// (<c>idempotency_level</c> NO_SIDE_EFFECTS or IDEMPOTENT) are retried, and only on UNAVAILABLE.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IHostApplicationBuilder builder, string service, ServiceDescriptor contract)
        where TClient : ClientBase
    {
        var limit = builder.Configuration.GetValue("Grpc:ClientDeadline", TimeSpan.FromSeconds(5));
        return builder.Services
            .AddGrpcClient<TClient>(options => options.Address = new Uri($"http://_{ResourceNames.GrpcEndpoint}.{service}"))
            .EnableCallContextPropagation(options => options.SuppressContextNotFoundErrors = true)
            .AddInterceptor<ForwardCallerInterceptor>()
            .AddInterceptor(() => new DeadlineInterceptor(limit))
            .ConfigureChannel(options => options.ServiceConfig = RetryOnlySafeMethods(contract));
    }

    internal static ServiceConfig RetryOnlySafeMethods(ServiceDescriptor contract)
    {
        var safe = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = 3,
                InitialBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromSeconds(1),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        foreach (var method in contract.Methods)
        {
            if (method.GetOptions()?.IdempotencyLevel is MethodOptions.Types.IdempotencyLevel.NoSideEffects
                or MethodOptions.Types.IdempotencyLevel.Idempotent)
            {
                safe.Names.Add(new MethodName { Service = contract.FullName, Method = method.Name });
            }
        }
        var config = new ServiceConfig();
        if (safe.Names.Count > 0)
        {
            config.MethodConfigs.Add(safe);
        }
        return config;
    }
}
