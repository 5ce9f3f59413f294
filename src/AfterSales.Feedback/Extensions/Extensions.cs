using AfterSales.Feedback.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;

namespace AfterSales.Feedback.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<FeedbackDbContext, FeedbackSeeder>(ResourceNames.Feedback);
    }
}
