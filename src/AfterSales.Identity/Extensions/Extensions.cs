using AfterSales.Identity.Infrastructure;
using AfterSales.Identity.Model;
using AfterSales.Identity.Services;
using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;
using Microsoft.AspNetCore.Identity;

namespace AfterSales.Identity.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IdentityDbContext, IdentitySeeder>(ResourceNames.Identity);
        builder.Services.AddScoped<IReferenceDataSeeder<IdentityDbContext>, StaffFrontEndRegistration>();
        builder.Services.Configure<TokenServerOptions>(builder.Configuration.GetSection(TokenServerOptions.SectionName));
        builder.Services.AddSingleton<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>();
        builder.Services.AddScoped<StaffSignIn>();
        builder.Services.AddScoped<SignInThrottles>();
        builder.Services.AddSingleton<SignInMetrics>();
        builder.Services.AddHostedService<SignInThrottleJanitor>();
        builder.AddTokenServer();
    }
}
