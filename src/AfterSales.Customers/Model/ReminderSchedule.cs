namespace AfterSales.Customers.Model;

/// <summary>When each reminder falls due; the defaults are the seed's.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Customers:Reminders";

    /// <summary>How often the scheduler looks for reminders that fell due.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Months before a maintenance contract ends that its expiry notice and renewal follow-up are due (§1 十八: one).</summary>
    public int ContractNoticeMonths { get; set; } = 1;

    /// <summary>Months before an asset's warranty ends that the customer is told.</summary>
    public int WarrantyNoticeMonths { get; set; } = 1;

    /// <summary>Months before an asset's warranty ends that its routine maintenance is handed to the property centre (§12 5.4.1.1: half a year).</summary>
    public int HandoverMonths { get; set; } = 6;

    /// <summary>Days a software-update notice has to be sent in.</summary>
    public int SoftwareNoticeDays { get; set; } = 30;

    /// <summary>
    /// How long after its term ended a reminder missed (the service was down, the record came late) is still
    /// raised; older terms are history, not work.
    /// </summary>
    public int CatchUpDays { get; set; } = 60;

    /// <summary>At most this many reminders of each kind per round, the earliest first.</summary>
    public int Batch { get; set; } = 500;
}

/// <summary>The day each reminder about a term falls due, as the PRC Civil Code counts months (art. 201–202).</summary>
public static class ReminderSchedule
{
    /// <summary>A term that ends on <paramref name="endsOn"/> is reminded of <paramref name="monthsBefore"/> months before; never before it began.</summary>
    public static DateOnly DueOn(DateOnly endsOn, int monthsBefore, DateOnly beganOn)
    {
        var due = endsOn.AddMonths(-monthsBefore);
        return due < beganOn ? beganOn : due;
    }

    /// <summary>
    /// The last day a query for terms that may be due by <paramref name="today"/> must look to: a term ending
    /// on the 31st is due on the last day of a shorter month, so a few days past the plain count.
    /// </summary>
    public static DateOnly Horizon(DateOnly today, int monthsBefore) => today.AddMonths(monthsBefore).AddDays(3);

    /// <summary>Whether a reminder about a term ending on <paramref name="endsOn"/> is to be raised on <paramref name="today"/>.</summary>
    public static bool IsDue(DateOnly endsOn, int monthsBefore, DateOnly beganOn, DateOnly today, int catchUpDays) =>
        DueOn(endsOn, monthsBefore, beganOn) <= today && endsOn >= today.AddDays(-catchUpDays);
}
