using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AfterSales.Platform;

/// <summary>
/// The company's calendar: instants are stored in UTC, but warranty days, SLA days and report months
/// are days in the company's time zone (<c>Business:TimeZone</c>, default Asia/Shanghai).
/// </summary>
public sealed class BusinessCalendar(IConfiguration configuration, TimeProvider time)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["Business:TimeZone"] ?? "Asia/Shanghai");

    /// <summary>The current instant, to the microsecond PostgreSQL keeps.</summary>
    public DateTimeOffset Now => ToStoredPrecision(time.GetUtcNow());

    /// <summary>
    /// An instant as PostgreSQL stores it (microseconds): keep no more, so the answer to a create equals
    /// every later read of what was stored.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);

    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The instant on the company's clock, as forms print it.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>The instant a company day begins (its midnight in the company's time zone).</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, _zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}

public static class BusinessCalendarExtensions
{
    /// <summary>The system clock and the company's calendar, registered once however many callers ask.</summary>
    public static IServiceCollection AddBusinessCalendar(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BusinessCalendar>();
        return services;
    }
}
