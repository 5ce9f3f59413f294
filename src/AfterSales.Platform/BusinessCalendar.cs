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

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);
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
