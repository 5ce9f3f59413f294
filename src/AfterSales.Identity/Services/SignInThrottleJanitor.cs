namespace AfterSales.Identity.Services;

/// <summary>Once an hour, forgets sign-in counts and lockouts that no longer matter (<see cref="SignInThrottles.PurgeExpiredAsync"/>).</summary>
internal sealed partial class SignInThrottleJanitor(IServiceScopeFactory scopes, ILogger<SignInThrottleJanitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                LogPurged(logger, await scope.ServiceProvider.GetRequiredService<SignInThrottles>().PurgeExpiredAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is away; the next tick tries again. Never stops the token server.
                LogPurgeFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forgot {Rows} expired sign-in counts and lockouts")]
    private static partial void LogPurged(ILogger logger, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired sign-in counts failed; retrying in an hour")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
