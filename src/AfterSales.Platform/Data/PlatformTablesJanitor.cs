using AfterSales.Platform.Events;
using AfterSales.Platform.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AfterSales.Platform.Data;

/// <summary>
/// Keeps the platform tables from growing without end. Once an hour it deletes answers to request ids
/// older than <c>Platform:RequestIdRetention</c> (1 day: retries come within minutes), and published
/// outbox rows and inbox rows older than <c>Platform:EventRetention</c> (7 days: far beyond any
/// redelivery). The audit trail and parked events are kept: people read them.
/// </summary>
internal sealed partial class PlatformTablesJanitor<TContext>(
    IServiceScopeFactory scopes, BusinessCalendar calendar, IConfiguration configuration, ILogger<PlatformTablesJanitor<TContext>> logger)
    : BackgroundService
    where TContext : DbContext
{
    private readonly TimeSpan _requestIdRetention = configuration.GetValue("Platform:RequestIdRetention", TimeSpan.FromDays(1));
    private readonly TimeSpan _eventRetention = configuration.GetValue("Platform:EventRetention", TimeSpan.FromDays(7));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                if (db.Model.FindEntityType(typeof(IdempotencyRecord)) is null)
                {
                    return; // this service keeps no platform tables
                }
                var now = calendar.Now;
                var requestIdsBefore = now - _requestIdRetention;
                var eventsBefore = now - _eventRetention;
                var deleted = await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < requestIdsBefore).ExecuteDeleteAsync(stoppingToken)
                    + await db.Set<OutboxMessage>().Where(m => m.PublishedAt < eventsBefore).ExecuteDeleteAsync(stoppingToken)
                    + await db.Set<InboxMessage>().Where(m => m.ProcessedAt < eventsBefore).ExecuteDeleteAsync(stoppingToken);
                LogPurged(logger, deleted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is away; try again at the next tick. Never stops the service.
                LogPurgeFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Count} expired platform rows")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired platform rows failed; retrying in an hour")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
