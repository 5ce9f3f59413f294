using AfterSales.Identity.Model;
using AfterSales.Identity.Services;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AfterSales.Identity.Endpoints;

/// <summary>
/// Throttles station clients' secrets as <see cref="StaffSignIn"/> throttles staff passwords
/// (<see cref="SignInThrottles"/>). OpenIddict checks a client's secret itself, in its
/// <see cref="OpenIddictServerHandlers.ValidateClientSecret"/> step of authenticating the request, so these
/// handlers sit around that step: one just before it refuses a locked client unchecked, one just after it (reached only when the secret was right) resets the count, and one on the
/// error response records the failure when the secret was wrong.
/// </summary>
internal static class ClientLockout
{
    /// <summary>Marks a token request whose client secret is being checked under the throttle.</summary>
    private const string ThrottledClient = "aftersales:throttled_client";

    public static IEnumerable<OpenIddictServerHandlerDescriptor> Descriptors =>
        [RefuseLockedClient.Descriptor, ResetAcceptedClient.Descriptor, CountRefusedClient.Descriptor];

    /// <summary>
    /// Runs after OpenIddict has found the client and required a secret of it (a confidential client:
    /// public clients with a secret are refused before), and before the secret is checked.
    /// </summary>
    internal sealed class RefuseLockedClient(SignInThrottles throttles) : IOpenIddictServerHandler<ProcessAuthenticationContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
                .UseScopedHandler<RefuseLockedClient>()
                .SetOrder(OpenIddictServerHandlers.ValidateClientSecret.Descriptor.Order - 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ProcessAuthenticationContext context)
        {
            if (context.EndpointType != OpenIddictServerEndpointType.Token
                || string.IsNullOrEmpty(context.ClientId) || string.IsNullOrEmpty(context.ClientSecret))
            {
                return;
            }
            if (await throttles.LockedUntilAsync(SignInThrottleKind.StationClient, context.ClientId, context.CancellationToken) is { } until)
            {
                context.Reject(error: Errors.InvalidClient, description: SignInThrottles.LockedOut(until));
                return;
            }
            context.Transaction.SetProperty(ThrottledClient, context.ClientId);
        }
    }

    /// <summary>OpenIddict stops at a refusal, so this runs only when the secret was right.</summary>
    internal sealed class ResetAcceptedClient(SignInThrottles throttles) : IOpenIddictServerHandler<ProcessAuthenticationContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
                .UseScopedHandler<ResetAcceptedClient>()
                .SetOrder(OpenIddictServerHandlers.ValidateClientSecret.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ProcessAuthenticationContext context)
        {
            if (context.Transaction.GetProperty<string>(ThrottledClient) is { } clientId)
            {
                context.Transaction.SetProperty<string>(ThrottledClient, null);
                await throttles.SucceededAsync(SignInThrottleKind.StationClient, clientId, context.CancellationToken);
            }
        }
    }

    /// <summary>
    /// The request ended in an error while its secret was under the throttle: the secret check refused it.
    /// When that failure locks the client, the answer says so at once.
    /// </summary>
    internal sealed class CountRefusedClient(SignInThrottles throttles) : IOpenIddictServerHandler<ProcessErrorContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessErrorContext>()
                .UseScopedHandler<CountRefusedClient>()
                .SetOrder(OpenIddictServerHandlers.AttachErrorParameters.Descriptor.Order - 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ProcessErrorContext context)
        {
            if (context.Error != Errors.InvalidClient || context.Transaction.GetProperty<string>(ThrottledClient) is not { } clientId)
            {
                return;
            }
            if (await throttles.FailedAsync(SignInThrottleKind.StationClient, clientId, context.CancellationToken) is { } until)
            {
                context.ErrorDescription = SignInThrottles.LockedOut(until);
                context.ErrorUri = null;
            }
        }
    }
}
