namespace AfterSales.Identity;

/// <summary>
/// This service's Aspire resource name: the host other services reach it at through service discovery
/// (hence the default issuer, <c>http://identity/</c>), the name of its database connection
/// (<c>identity-db</c>) and of its schema.
/// </summary>
public static class IdentityResource
{
    public const string Name = "identity";
}
