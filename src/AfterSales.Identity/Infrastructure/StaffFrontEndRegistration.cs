using AfterSales.Identity.Model;
using AfterSales.Platform.Data;
using OpenIddict.Abstractions;

namespace AfterSales.Identity.Infrastructure;

/// <summary>
/// The client staff sign in through (the internal web front end, a public client with the password grant),
/// registered in every installation: without it no member of staff, demo or real, could get a token.
/// </summary>
internal sealed class StaffFrontEndRegistration(IOpenIddictApplicationManager applications) : IReferenceDataSeeder<IdentityDbContext>
{
    public const string ClientId = "web-frontend";

    public async Task SeedAsync(IdentityDbContext context, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(ClientId, cancellationToken) is null)
        {
            await applications.CreateAsync(ClientRegistrations.StaffFrontEnd(ClientId, "内部业务前端"), cancellationToken);
        }
    }
}
