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
        builder.Services.AddSingleton<IInterceptor, OutboxSignalInterceptor>();
        builder.Services.AddScoped<IEventOutbox, EventOutbox<TContext>>();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
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
        return builder;
    }
}
