using AfterSales.Customers.Grpc;
using AfterSales.Customers.Infrastructure;
using AfterSales.Customers.Model;
using AfterSales.Platform;
using AfterSales.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Customers.Services;

/// <summary>
/// Raises the reminders that fell due, every <see cref="ReminderOptions.Interval"/>: contract expiry
/// notices with their renewal follow-up, warranties ending, maintenance handovers and software-update
/// notices. Each round looks for every reminder due by today that was never raised, not only today's, so a
/// downtime is caught up on the first round after it. Each reminder is saved with its event in a unit of
/// work of its own under a unique key (kind, subject, occasion): a restart finds it raised, and of two
/// replicas raising one reminder, one commits and the other's insert is refused. A change that may make a
/// reminder due at once (a contract signed, a release announced) wakes it before its next round.
/// </summary>
public sealed partial class ReminderScheduler(IServiceScopeFactory scopes, BusinessCalendar calendar, IOptions<ReminderOptions> options,
    ILogger<ReminderScheduler> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Asks for a round now rather than at the next interval (a wake already asked for is enough).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A round is asked for already.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        do
        {
            try
            {
                await RaiseDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database may be away; the next round looks again, and nothing was half raised.
                LogRoundFailed(logger, ex);
            }
        }
        while (await WaitForNextRoundAsync(stoppingToken));
    }

    private async Task<bool> WaitForNextRoundAsync(CancellationToken stoppingToken)
    {
        await _wake.WaitAsync(options.Value.Interval, stoppingToken);
        return true;
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>One round; returns how many reminders it raised.</summary>
    public async Task<int> RaiseDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = calendar.Now;
        var today = calendar.DateOf(now);
        var oldest = today.AddDays(-settings.CatchUpDays);
        List<Reminder> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
            due =
            [
                .. await ContractExpiriesAsync(db, settings, today, oldest, now, cancellationToken),
                .. await WarrantyEndsAsync(db, ReminderKind.WarrantyEnding, settings.WarrantyNoticeMonths, settings, today, oldest, now, cancellationToken),
                .. await WarrantyEndsAsync(db, ReminderKind.MaintenanceHandover, settings.HandoverMonths, settings, today, oldest, now, cancellationToken),
                .. await SoftwareUpdatesAsync(db, settings, today, now, cancellationToken),
            ];
        }
        if (due.Count == 0)
        {
            return 0;
        }
        using var activity = BackgroundWork.Start("Raise reminders");
        var raised = 0;
        foreach (var reminder in due)
        {
            raised += await RaiseAsync(reminder, cancellationToken) ? 1 : 0;
        }
        if (raised > 0)
        {
            LogRaised(logger, raised);
        }
        return raised;
    }

    /// <summary>Maintenance contracts ending within the notice period, neither terminated nor renewed, not reminded of yet.</summary>
    private static async Task<IEnumerable<Reminder>> ContractExpiriesAsync(CustomersDbContext db, ReminderOptions settings, DateOnly today, DateOnly oldest,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var horizon = ReminderSchedule.Horizon(today, settings.ContractNoticeMonths);
        var contracts = await db.Contracts.AsNoTracking()
            .Where(c => c.Kind == ContractKind.Maintenance && c.TerminatedOn == null && c.EndsOn >= oldest && c.EndsOn <= horizon)
            .Where(c => !db.Contracts.Any(renewal => renewal.RenewsContractId == c.Id))
            .Where(c => !db.Reminders.Any(r => r.Kind == ReminderKind.ContractExpiry && r.SubjectId == c.Id && r.ActBy == c.EndsOn))
            .Join(db.Customers, c => c.CustomerId, customer => customer.Id, (c, customer) => new { Contract = c, customer.ServingStationId })
            .OrderBy(c => c.Contract.EndsOn)
            .Take(settings.Batch)
            .ToListAsync(cancellationToken);
        return contracts
            .Where(c => ReminderSchedule.IsDue(c.Contract.EndsOn, settings.ContractNoticeMonths, c.Contract.StartsOn, today, settings.CatchUpDays))
            .Select(c => new Reminder(Guid.CreateVersion7(), ReminderKind.ContractExpiry, c.Contract.Id, Reminder.OccasionOf(c.Contract.EndsOn),
                c.Contract.CustomerId, c.ServingStationId, c.Contract.Number,
                ReminderSchedule.DueOn(c.Contract.EndsOn, settings.ContractNoticeMonths, c.Contract.StartsOn), c.Contract.EndsOn,
                $"Maintenance contract {c.Contract.Number} ends on {c.Contract.EndsOn:yyyy-MM-dd}: send the expiry notice (保养到期通知书) and follow up its renewal.",
                now));
    }

    /// <summary>Assets whose own warranty ends within <paramref name="monthsBefore"/> months, not reminded of that end yet.</summary>
    private static async Task<IEnumerable<Reminder>> WarrantyEndsAsync(CustomersDbContext db, ReminderKind kind, int monthsBefore, ReminderOptions settings,
        DateOnly today, DateOnly oldest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var horizon = ReminderSchedule.Horizon(today, monthsBefore);
        var assets = await db.Assets.AsNoTracking()
            .Select(a => new { Asset = a, EndsOn = a.AcceptedOn.AddMonths(a.WarrantyMonths) })
            .Where(a => a.EndsOn >= oldest && a.EndsOn <= horizon)
            .Where(a => !db.Reminders.Any(r => r.Kind == kind && r.SubjectId == a.Asset.Id && r.ActBy == a.EndsOn))
            .Join(db.Customers, a => a.Asset.CustomerId, customer => customer.Id, (a, customer) => new { a.Asset, a.EndsOn, customer.ServingStationId })
            .OrderBy(a => a.EndsOn)
            .Take(settings.Batch)
            .ToListAsync(cancellationToken);
        return assets
            .Where(a => ReminderSchedule.IsDue(a.EndsOn, monthsBefore, a.Asset.AcceptedOn, today, settings.CatchUpDays))
            .Select(a => new Reminder(Guid.CreateVersion7(), kind, a.Asset.Id, Reminder.OccasionOf(a.EndsOn), a.Asset.CustomerId, a.ServingStationId,
                a.Asset.SerialNumber, ReminderSchedule.DueOn(a.EndsOn, monthsBefore, a.Asset.AcceptedOn), a.EndsOn,
                kind == ReminderKind.WarrantyEnding
                    ? $"The warranty of {a.Asset.Model} {a.Asset.SerialNumber} ends on {a.EndsOn:yyyy-MM-dd}: tell the customer, and offer a maintenance contract."
                    : $"The warranty of {a.Asset.Model} {a.Asset.SerialNumber} ends on {a.EndsOn:yyyy-MM-dd}: hand its routine maintenance over to the property centre.",
                now));
    }

    /// <summary>Assets on a version older than their model's latest release, not notified of that release yet.</summary>
    private static async Task<IEnumerable<Reminder>> SoftwareUpdatesAsync(CustomersDbContext db, ReminderOptions settings, DateOnly today, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var releases = await db.SoftwareReleases.AsNoTracking().ToListAsync(cancellationToken);
        var notices = new List<Reminder>();
        foreach (var latest in releases.GroupBy(r => r.Model).Select(g => g.MaxBy(r => r, SoftwareReleaseOrder.Instance)!))
        {
            var assets = await db.Assets.AsNoTracking()
                .Where(a => a.Model == latest.Model && a.SoftwareVersion != latest.Version)
                .Where(a => !db.Reminders.Any(r => r.Kind == ReminderKind.SoftwareUpdate && r.SubjectId == a.Id && r.Occasion == latest.Version))
                .Join(db.Customers, a => a.CustomerId, customer => customer.Id, (a, customer) => new { Asset = a, customer.ServingStationId })
                .ToListAsync(cancellationToken);
            notices.AddRange(assets
                .Where(a => SoftwareVersions.IsOlder(a.Asset.SoftwareVersion, latest.Version))
                .Take(settings.Batch)
                .Select(a => new Reminder(Guid.CreateVersion7(), ReminderKind.SoftwareUpdate, a.Asset.Id, latest.Version, a.Asset.CustomerId, a.ServingStationId,
                    a.Asset.SerialNumber, today, today.AddDays(settings.SoftwareNoticeDays),
                    $"{a.Asset.Model} {a.Asset.SerialNumber} runs software {(a.Asset.SoftwareVersion.Length == 0 ? "of no recorded version" : a.Asset.SoftwareVersion)}; " +
                    $"version {latest.Version} was released: notify the customer and plan the upgrade.",
                    now)));
        }
        return notices;
    }

    /// <summary>Saves one reminder with its event; false when it was raised already (by another replica, or before a restart).</summary>
    private async Task<bool> RaiseAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        db.Reminders.Add(reminder);
        scope.ServiceProvider.GetRequiredService<IEventOutbox>().Enqueue(reminder.ToEvent());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Its unique key is taken: raised already. Nothing else was in this unit of work.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Raised {Count} reminders that fell due")]
    private static partial void LogRaised(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A reminder round failed; the next one looks again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}

/// <summary>Releases of one model, oldest version first.</summary>
internal sealed class SoftwareReleaseOrder : IComparer<SoftwareRelease>
{
    public static readonly SoftwareReleaseOrder Instance = new();

    public int Compare(SoftwareRelease? x, SoftwareRelease? y) => SoftwareVersions.Compare(x?.Version ?? "", y?.Version ?? "");
}
