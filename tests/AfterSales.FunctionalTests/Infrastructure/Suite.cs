using System.Globalization;
using System.Security.Cryptography;
using AfterSales.Billing.Grpc;
using AfterSales.Billing.Infrastructure;
using AfterSales.Customers.Grpc;
using AfterSales.Customers.Infrastructure;
using AfterSales.Documents.Grpc;
using AfterSales.Documents.Infrastructure;
using AfterSales.Feedback.Grpc;
using AfterSales.Feedback.Infrastructure;
using AfterSales.Identity;
using AfterSales.Identity.Infrastructure;
using AfterSales.Inventory.Grpc;
using AfterSales.Inventory.Infrastructure;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.Grpc;
using AfterSales.Tickets.Infrastructure;
using StackExchange.Redis;

namespace AfterSales.FunctionalTests.Infrastructure;

/// <summary>
/// The servers and services every functional test shares, started once. Tests of one collection run one
/// after another and each starts from freshly seeded data (<see cref="ResetAsync"/>), so no test sees
/// another's rows or counts.
/// </summary>
public sealed class Suite : IAsyncLifetime
{
    private readonly List<Func<Task>> _resets = [];
    private readonly List<IAsyncDisposable> _services = [];

    public LocalServers Servers { get; private set; } = null!;

    public ServiceFactory<CustomerGrpcService, CustomersDbContext> Customers { get; private set; } = null!;
    public ServiceFactory<TicketGrpcService, TicketsDbContext> Tickets { get; private set; } = null!;
    public ServiceFactory<InventoryGrpcService, InventoryDbContext> Inventory { get; private set; } = null!;
    public ServiceFactory<BillingGrpcService, BillingDbContext> Billing { get; private set; } = null!;
    public ServiceFactory<FeedbackGrpcService, FeedbackDbContext> Feedback { get; private set; } = null!;
    public ServiceFactory<DocumentGrpcService, DocumentsDbContext> Documents { get; private set; } = null!;
    public ServiceFactory<TokenServerOptions, IdentityDbContext> Identity { get; private set; } = null!;

    /// <summary>The YARP gateway in front of all of them.</summary>
    public GatewayFactory Gateway { get; private set; } = null!;

    /// <summary>The one caller the gateway limits tightly: <see cref="RateLimitedPermitsPerSecond"/> calls a second, no more at once.</summary>
    public const string RateLimitedStation = "station-ningbo";

    public const int RateLimitedPermitsPerSecond = 2;

    /// <summary>
    /// The gateway's limits on token requests, per caller address and per station client id: (per second,
    /// burst). Slow to refill, so what a flood gets through hardly depends on how fast this machine is.
    /// </summary>
    public static readonly (int PerSecond, int Burst) TokenRequestsPerAddress = (1, 10), TokenRequestsPerClient = (1, 10);

    /// <summary>Billing parks an event after this many failed deliveries...</summary>
    public const int MaxDeliveries = 2;

    /// <summary>...retried when left unacknowledged this long.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>The demo password every demo client's secret and demo user's password is derived from, new for each run.</summary>
    public string IdentityDemoPassword { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The secret of the demo client or the password of the demo user <paramref name="name"/>.</summary>
    public string DemoSecret(string name) => DemoCredentials.SecretFor(IdentityDemoPassword, name);

    /// <summary>How long the token server locks a user name or client after too many failures: short, so tests can wait it out.</summary>
    public static readonly TimeSpan IdentityLockout = TimeSpan.FromSeconds(6);

    /// <summary>Tokens for the demo stations and staff, from the test token server.</summary>
    public TestCallers Callers { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Servers = await LocalServers.StartAsync();
        // The token server first: every other service validates its callers' tokens against it.
        Identity = Add(new ServiceFactory<TokenServerOptions, IdentityDbContext>(Servers, ResourceNames.Identity, caller: null, new Dictionary<string, string?>
        {
            [$"{TokenServerOptions.SectionName}:{nameof(TokenServerOptions.SeedDemoIdentities)}"] = "true",
            [$"{TokenServerOptions.SectionName}:{nameof(TokenServerOptions.DemoPassword)}"] = IdentityDemoPassword,
            [$"{TokenServerOptions.SectionName}:Lockout:Duration"] = IdentityLockout.ToString("c", CultureInfo.InvariantCulture),
        }));
        Callers = new TestCallers(() => Identity.Http, DemoSecret);
        var findIdentity = new Dictionary<string, string?>
        {
            [$"services:{ResourceNames.Identity}:{ResourceNames.HttpEndpoint}:0"] = Identity.HttpAddress.ToString(),
        };
        Func<Task<string>> staff = () => Callers.StaffAsync(TestCallers.DefaultStaff);

        Customers = Add(new ServiceFactory<CustomerGrpcService, CustomersDbContext>(Servers, ResourceNames.Customers, staff, findIdentity));
        Tickets = Add(new ServiceFactory<TicketGrpcService, TicketsDbContext>(Servers, ResourceNames.Tickets, staff, new Dictionary<string, string?>(findIdentity)
        {
            [$"services:{ResourceNames.Customers}:{ResourceNames.GrpcEndpoint}:0"] = Customers.GrpcAddress,
        }));
        Inventory = Add(new ServiceFactory<InventoryGrpcService, InventoryDbContext>(Servers, ResourceNames.Inventory, staff, findIdentity));
        // Billing consumes TicketOpened: failed deliveries are retried and parked quickly, so tests need not wait long;
        // it gives up database retries at once, so a database outage reaches its consumer as failed attempts.
        Billing = Add(new ServiceFactory<BillingGrpcService, BillingDbContext>(Servers, ResourceNames.Billing, staff, new Dictionary<string, string?>(findIdentity)
        {
            ["Events:MaxDeliveries"] = MaxDeliveries.ToString(CultureInfo.InvariantCulture),
            ["Events:RetryAfter"] = RetryAfter.ToString("c", CultureInfo.InvariantCulture),
            ["Aspire:Npgsql:EntityFrameworkCore:PostgreSQL:DisableRetry"] = "true",
        }));
        Feedback = Add(new ServiceFactory<FeedbackGrpcService, FeedbackDbContext>(Servers, ResourceNames.Feedback, staff, findIdentity));
        Documents = Add(new ServiceFactory<DocumentGrpcService, DocumentsDbContext>(Servers, ResourceNames.Documents, staff, new Dictionary<string, string?>(findIdentity)
        {
            [$"services:{ResourceNames.Tickets}:{ResourceNames.GrpcEndpoint}:0"] = Tickets.GrpcAddress,
            [$"services:{ResourceNames.Customers}:{ResourceNames.GrpcEndpoint}:0"] = Customers.GrpcAddress,
        }));

        var gatewaySettings = new Dictionary<string, string?>(findIdentity)
        {
            [$"Gateway:RateLimits:Callers:{RateLimitedStation}:PermitsPerSecond"] = RateLimitedPermitsPerSecond.ToString(CultureInfo.InvariantCulture),
            [$"Gateway:RateLimits:Callers:{RateLimitedStation}:Burst"] = RateLimitedPermitsPerSecond.ToString(CultureInfo.InvariantCulture),
            ["Gateway:RateLimits:TokenRequests:PerAddress:PermitsPerSecond"] = TokenRequestsPerAddress.PerSecond.ToString(CultureInfo.InvariantCulture),
            ["Gateway:RateLimits:TokenRequests:PerAddress:Burst"] = TokenRequestsPerAddress.Burst.ToString(CultureInfo.InvariantCulture),
            ["Gateway:RateLimits:TokenRequests:PerClient:PermitsPerSecond"] = TokenRequestsPerClient.PerSecond.ToString(CultureInfo.InvariantCulture),
            ["Gateway:RateLimits:TokenRequests:PerClient:Burst"] = TokenRequestsPerClient.Burst.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (service, grpcAddress) in new[]
        {
            (Customers.Service, Customers.GrpcAddress), (Tickets.Service, Tickets.GrpcAddress), (Inventory.Service, Inventory.GrpcAddress),
            (Billing.Service, Billing.GrpcAddress), (Feedback.Service, Feedback.GrpcAddress), (Documents.Service, Documents.GrpcAddress),
        })
        {
            gatewaySettings[$"services:{service}:{ResourceNames.GrpcEndpoint}:0"] = grpcAddress;
        }
        Gateway = new GatewayFactory(gatewaySettings);
        _services.Add(Gateway);
    }

    private ServiceFactory<TEntry, TContext> Add<TEntry, TContext>(ServiceFactory<TEntry, TContext> factory)
        where TEntry : class where TContext : Microsoft.EntityFrameworkCore.DbContext
    {
        _resets.Add(factory.ResetAsync);
        _services.Add(factory);
        return factory;
    }

    /// <summary>Fresh seed data in every service and an empty Redis.</summary>
    public async Task ResetAsync()
    {
        await using (var redis = await ConnectionMultiplexer.ConnectAsync($"{Servers.Redis},allowAdmin=true"))
        {
            await redis.GetServers()[0].FlushAllDatabasesAsync();
        }
        foreach (var reset in _resets)
        {
            await reset();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }
        await Servers.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<Suite>
{
    public const string Name = "suite";
}

/// <summary>Base of every functional test class: joins the suite and resets its data before each test.</summary>
[Collection(SuiteCollection.Name)]
public abstract class SuiteTest(Suite suite) : IAsyncLifetime
{
    protected Suite Suite { get; } = suite;

    public Task InitializeAsync() => Suite.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
