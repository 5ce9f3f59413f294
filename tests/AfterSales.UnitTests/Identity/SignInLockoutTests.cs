using AfterSales.Identity.Endpoints;
using AfterSales.Identity.Services;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AfterSales.UnitTests.Identity;

public class SignInLockoutTests
{
    [Fact]
    public void The_client_lockout_handlers_sit_right_around_openiddict_s_client_secret_check()
    {
        var authentication = OpenIddictServerHandlers.DefaultHandlers.Concat(OpenIddictServerAspNetCoreHandlers.DefaultHandlers)
            .Where(handler => handler.ContextType == typeof(ProcessAuthenticationContext))
            .ToList();
        var before = ClientLockout.RefuseLockedClient.Descriptor.Order;
        var after = ClientLockout.ResetAcceptedClient.Descriptor.Order;

        // After OpenIddict has found the client and required a confidential client's secret...
        Assert.True(OpenIddictServerHandlers.ValidateClientId.Descriptor.Order < before);
        Assert.True(OpenIddictServerHandlers.ValidateClientType.Descriptor.Order < before);
        // ...and with nothing but the secret check between the two.
        Assert.Equal([OpenIddictServerHandlers.ValidateClientSecret.Descriptor],
            authentication.Where(handler => handler.Order >= before && handler.Order <= after));
    }

    [Fact]
    public void The_lockout_refusal_rounds_its_time_up_to_the_second()
    {
        var until = new DateTimeOffset(2026, 11, 29, 10, 15, 0, TimeSpan.Zero).AddMilliseconds(1);

        Assert.Equal("Too many failed attempts: sign-in is locked until 2026-11-29T10:15:01Z. Try again after that time.", SignInThrottles.LockedOut(until));
    }
}
