using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AfterSales.Platform.Events;

public static class EventsExtensions
{
    /// <summary>
    /// Lets the service publish integration events: <see cref="IEventOutbox"/> writes them with the
    /// change, and a relay moves them to Redis streams once committed.
    /// </summary>
    public static IHostApplicationBuilder AddEventOutbox<TContext>(this IHostApplicationBuilder builder) where TContext : DbContext
    {
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.TryAddSingleton<PlatformMetrics>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, OutboxSignalInterceptor>());
        builder.Services.TryAddScoped<IEventOutbox, EventOutbox<TContext>>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxRelay<TContext>>());
        return builder;
    }

    /// <summary>Consumes <typeparamref name="TEvent"/> with <typeparamref name="THandler"/>, once per event.</summary>
    public static IHostApplicationBuilder AddEventConsumer<TContext, TEvent, THandler>(this IHostApplicationBuilder builder)
        where TContext : DbContext
        where TEvent : IMessage<TEvent>, new()
        where THandler : class, IEventHandler<TEvent>
    {
        builder.Services.AddScoped<IEventHandler<TEvent>, THandler>();
        builder.Services.AddHostedService<EventConsumer<TContext, TEvent>>();
        // A parked event is replayed through the service's own outbox, so a consumer publishes too.
        return builder.AddEventOutbox<TContext>();
    }
}
