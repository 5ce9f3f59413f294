using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AfterSales.Identity.Endpoints;

/// <summary>
/// Builds the discovery document's URIs (token endpoint, JWKS) on the issuer. OpenIddict builds them on the
/// address the request came in on, which inside the suite is a replica's own host and port; the services'
/// validators fetch the keys through service discovery at the issuer instead, and a document that names
/// a replica's address would send them somewhere they cannot resolve or should not depend on.
/// </summary>
internal sealed class DiscoveryUrisFromIssuer : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<DiscoveryUrisFromIssuer>()
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachEndpoints.Descriptor.Order - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        // The base every endpoint URI of this one response is resolved against.
        context.BaseUri = context.Options.Issuer;
        return ValueTask.CompletedTask;
    }
}
