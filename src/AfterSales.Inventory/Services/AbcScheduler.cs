using System.Globalization;
using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.Model;
using AfterSales.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Inventory.Services;

/// <summary>
/// Makes the month's ABC run once: every <see cref="AbcOptions.SchedulerInterval"/> it checks that a scheduled
/// run exists for the current month (in the company's calendar) and makes it if not. The month is the run's
/// unique key, so of two replicas one saves it and the other's insert is refused; a month begun while the
/// service was down is run at its first check after.
/// </summary>
internal sealed partial class AbcScheduler(IServiceScopeFactory scopes, BusinessCalendar calendar, IOptions<AbcOptions> options,
    ILogger<AbcScheduler> logger) : BackgroundService
{
    public const string Actor = "scheduler";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulerInterval);
        do
        {
            try
            {
                await RunMonthAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRunFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Makes this month's run unless it exists; true when this call made it.</summary>
    public async Task<bool> RunMonthAsync(CancellationToken cancellationToken)
    {
        var period = calendar.DateOf(calendar.Now).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        if (await db.AbcRuns.AnyAsync(r => r.Period == period, cancellationToken))
        {
            return false;
        }
        using var activity = BackgroundWork.Start("ABC run " + period);
        var runner = scope.ServiceProvider.GetRequiredService<AbcRunner>();
        var settings = runner.Options;
        await runner.RunAsync(AbcTrigger.Scheduled, period, settings.WindowDays, settings.AShare, settings.BShare, Actor, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogRan(logger, period);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another replica made this month's run first (the period's unique key), or a part changed meanwhile.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Made the ABC classification run of {Period}")]
    private static partial void LogRan(ILogger logger, string period);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The monthly ABC run failed; the next check tries again")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
