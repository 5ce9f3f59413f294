namespace AfterSales.ServiceDefaults;

/// <summary>
/// The names of the suite's Aspire resources. The AppHost declares them, services resolve each other and
/// their connection strings by them, and tests look them up: one spelling for all three.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Redis = "redis";
    public const string Gateway = "gateway";
    public const string Identity = "identity";

    public const string Customers = "customers";
    public const string Tickets = "tickets";
    public const string Inventory = "inventory";
    public const string Billing = "billing";
    public const string Feedback = "feedback";
    public const string Documents = "documents";

    /// <summary>The six domain services, in the order the gateway and the AppHost list them.</summary>
    public static readonly IReadOnlyList<string> Services = [Customers, Tickets, Inventory, Billing, Feedback, Documents];

    /// <summary>The connection name of a service's own database, e.g. <c>tickets-db</c>.</summary>
    public static string Database(string service) => $"{service}-db";

    /// <summary>
    /// The connection name of a service's own Redis user, e.g. <c>tickets-redis</c>; the service reads it
    /// as <see cref="Redis"/>.
    /// </summary>
    public static string RedisUser(string service) => $"{service}-redis";

    /// <summary>The named endpoint every service serves gRPC (HTTP/2 without TLS) on.</summary>
    public const string GrpcEndpoint = "grpc";

    /// <summary>The named endpoint for HTTP/1.1: health probes and, on the gateway, JSON.</summary>
    public const string HttpEndpoint = "http";
}
