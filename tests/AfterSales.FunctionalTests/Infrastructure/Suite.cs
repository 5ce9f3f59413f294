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
using AfterSales.TestKit;
using AfterSales.Tickets.Grpc;
using AfterSales.Tickets.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Infrastructure;

/// <summary>
/// The servers and services every functional test shares: a real PostgreSQL and Redis, the token server,
/// the six services and the gateway. They start once per test run, when the first test class needs them,
/// and stop when the run ends (<see cref="SuiteTestFramework"/>); each service migrates and seeds its demo
/// data once, at start. Nothing is reset between tests: a test makes its own data (<see cref="Data"/>) and
/// asserts on that, so test classes run in parallel. xunit hands each test class an instance of this
/// class as a class fixture; every instance is a view of the one shared run.
/// </summary>
public sealed class Suite : IAsyncLifetime
{
    /// <summary>The one caller the gateway limits tightly: <see cref="RateLimitedPermitsPerSecond"/> calls a second, no more at once.</summary>
    /// <remarks>A station of its own, so no other test's calls use up its bucket.</remarks>
    public const string RateLimitedStation = "station-rate-limited";

    /// <summary>Limited as <see cref="RateLimitedStation"/> is, for the metrics tests, whose bursts run in parallel with the gateway's.</summary>
    public const string MeteredRateLimitedStation = "station-rate-limited-metered";

    public const int RateLimitedPermitsPerSecond = 2;

    /// <summary>
    /// The gateway's limits on token requests, per caller address and per station client id: (per second,
    /// burst). Slow to refill, so what a flood gets through hardly depends on how fast this machine is.
    /// </summary>
    public static readonly (int PerSecond, int Burst) TokenRequestsPerAddress = (1, 10), TokenRequestsPerClient = (1, 10);

    /// <summary>How often the tickets service evaluates SLA clocks in the suite.</summary>
    public static readonly TimeSpan SlaEvaluationInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Billing parks an event after this many failed deliveries...</summary>
    public const int MaxDeliveries = 2;

    /// <summary>...retried when left unacknowledged this long.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private static readonly Lock Gate = new();
    private static Task<Running>? _running;
    private Running _run = null!;

    public LocalServers Servers => _run.Servers;

    public ServiceFactory<CustomerGrpcService, CustomersDbContext> Customers => _run.Customers;
    public ServiceFactory<TicketGrpcService, TicketsDbContext> Tickets => _run.Tickets;
    public ServiceFactory<InventoryGrpcService, InventoryDbContext> Inventory => _run.Inventory;
    public ServiceFactory<BillingGrpcService, BillingDbContext> Billing => _run.Billing;
    public ServiceFactory<FeedbackGrpcService, FeedbackDbContext> Feedback => _run.Feedback;
    public ServiceFactory<DocumentGrpcService, DocumentsDbContext> Documents => _run.Documents;
    public ServiceFactory<TokenServerOptions, IdentityDbContext> Identity => _run.Identity;

    /// <summary>The YARP gateway in front of all of them.</summary>
    public GatewayFactory Gateway => _run.Gateway;

    /// <summary>The demo password every demo client's secret and demo user's password is derived from, new for each run.</summary>
    public string IdentityDemoPassword => _run.DemoPassword;

    /// <summary>
    /// The secret of the client or the password of the user <paramref name="name"/>: of the demo callers and
    /// of those a test adds (<see cref="Data"/>) alike.
    /// </summary>
    public string DemoSecret(string name) => DemoCredentials.SecretFor(IdentityDemoPassword, name);

    /// <summary>How long the token server locks a user name or client after too many failures: short, so tests can wait it out.</summary>
    public static readonly TimeSpan IdentityLockout = TimeSpan.FromSeconds(6);

    /// <summary>Tokens for the demo stations and staff and for those a test adds, from the test token server.</summary>
    public Callers Callers => _run.Callers;

    /// <summary>Builders of a test's own data: stations, staff, customers, assets, parts.</summary>
    public TestData Data => _run.Data;

    /// <summary>Another replica of the tickets service, on the same database and Redis; the test disposes of it.</summary>
    public ServiceFactory<TicketGrpcService, TicketsDbContext> NewTicketsReplica() =>
        new(Servers, ResourceNames.Tickets, Callers.Staff(Callers.DefaultStaff), _run.TicketsSettings(_run.FindIdentity));

    /// <summary>Another replica of the customers service, on the same database and Redis; the test disposes of it.</summary>
    /// <param name="reminderInterval">How often its reminder scheduler runs a round (it runs one at start).</param>
    public ServiceFactory<CustomerGrpcService, CustomersDbContext> NewCustomersReplica(TimeSpan reminderInterval) =>
        new(Servers, ResourceNames.Customers, Callers.Staff(Callers.DefaultStaff), new Dictionary<string, string?>(_run.CustomersSettings(_run.FindIdentity))
        {
            ["Customers:Reminders:Interval"] = reminderInterval.ToString("c", CultureInfo.InvariantCulture),
        });

    public async Task InitializeAsync()
    {
        Task<Running> running;
        lock (Gate)
        {
            // A start that failed stays failed: every class reports it at once instead of trying again.
            running = _running ??= Running.StartAsync();
        }
        _run = await running;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Stops the shared run, if one started; the test framework calls it once the last test is done.</summary>
    internal static async Task StopAsync()
    {
        Task<Running>? running;
        lock (Gate)
        {
            (running, _running) = (_running, null);
        }
        if (running is { IsCompletedSuccessfully: true })
        {
            await running.Result.DisposeAsync();
        }
    }

    private sealed class Running : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _started = [];

        private Running(LocalServers servers) => Servers = servers;

        public LocalServers Servers { get; }
        public string DemoPassword { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

        public string SecretFor(string name) => DemoCredentials.SecretFor(DemoPassword, name);
        public ServiceFactory<CustomerGrpcService, CustomersDbContext> Customers { get; private set; } = null!;
        public ServiceFactory<TicketGrpcService, TicketsDbContext> Tickets { get; private set; } = null!;
        public ServiceFactory<InventoryGrpcService, InventoryDbContext> Inventory { get; private set; } = null!;
        public ServiceFactory<BillingGrpcService, BillingDbContext> Billing { get; private set; } = null!;
        public ServiceFactory<FeedbackGrpcService, FeedbackDbContext> Feedback { get; private set; } = null!;
        public ServiceFactory<DocumentGrpcService, DocumentsDbContext> Documents { get; private set; } = null!;

        private readonly int _documentsGrpcPort = LocalServers.NextFreePort();
        private readonly int _ticketsGrpcPort = LocalServers.NextFreePort();
        public ServiceFactory<TokenServerOptions, IdentityDbContext> Identity { get; private set; } = null!;
        public GatewayFactory Gateway { get; private set; } = null!;
        public Callers Callers { get; private set; } = null!;
        public TestData Data { get; private set; } = null!;

        /// <summary>Where the services find the token server.</summary>
        public IReadOnlyDictionary<string, string?> FindIdentity { get; private set; } = null!;

        public static async Task<Running> StartAsync()
        {
            var running = new Running(await LocalServers.StartAsync());
            try
            {
                await running.StartServicesAsync();
                return running;
            }
            catch
            {
                await running.DisposeAsync();
                throw;
            }
        }

        private async Task StartServicesAsync()
        {
            // The token server first: every other service validates its callers' tokens against it.
            Identity = Add(new ServiceFactory<TokenServerOptions, IdentityDbContext>(Servers, ResourceNames.Identity, caller: null, new Dictionary<string, string?>
            {
                [$"{TokenServerOptions.SectionName}:{nameof(TokenServerOptions.SeedDemoIdentities)}"] = "true",
                [$"{TokenServerOptions.SectionName}:{nameof(TokenServerOptions.DemoPassword)}"] = DemoPassword,
                [$"{TokenServerOptions.SectionName}:Lockout:Duration"] = IdentityLockout.ToString("c", CultureInfo.InvariantCulture),
            }));
            Callers = new Callers(() => Identity.Http, SecretFor);
            var findIdentity = FindIdentity = new Dictionary<string, string?>
            {
                [$"services:{ResourceNames.Identity}:{ResourceNames.HttpEndpoint}:0"] = Identity.HttpAddress.ToString(),
            };
            var staff = Callers.Staff(Callers.DefaultStaff);

            // Customers asks tickets whether a serving station exists; tickets starts later, on a port chosen now.
            Customers = Add(new ServiceFactory<CustomerGrpcService, CustomersDbContext>(Servers, ResourceNames.Customers, staff, CustomersSettings(findIdentity)));
            // Inventory asks tickets about the tickets requisitions are for and the stations it keeps ledgers for, and archives
            // receiving slips in documents (both start later, on ports chosen now).
            Inventory = Add(new ServiceFactory<InventoryGrpcService, InventoryDbContext>(Servers, ResourceNames.Inventory, staff, new Dictionary<string, string?>(findIdentity)
            {
                [$"services:{ResourceNames.Tickets}:{ResourceNames.GrpcEndpoint}:0"] = $"http://127.0.0.1:{_ticketsGrpcPort.ToString(CultureInfo.InvariantCulture)}",
                [$"services:{ResourceNames.Documents}:{ResourceNames.GrpcEndpoint}:0"] = $"http://127.0.0.1:{_documentsGrpcPort.ToString(CultureInfo.InvariantCulture)}",
            }));
            // The month's ABC run is made in the background as inventory starts; the tests begin once it is made, so it
            // classifies the seeded consumption alone and never some test's issues (its classes of the seeded parts are asserted).
            await Eventually.TrueAsync(() => Inventory.WithDbAsync(db => db.AbcRuns.AnyAsync(r => r.Trigger == AfterSales.Inventory.Model.AbcTrigger.Scheduled)));
            Tickets = Add(new ServiceFactory<TicketGrpcService, TicketsDbContext>(Servers, ResourceNames.Tickets, staff, TicketsSettings(findIdentity), _ticketsGrpcPort));
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
                [$"services:{ResourceNames.Inventory}:{ResourceNames.GrpcEndpoint}:0"] = Inventory.GrpcAddress,
            }, _documentsGrpcPort));
            Data = new TestData(Customers, Tickets, Inventory, Identity, Callers, SecretFor);

            var gatewaySettings = new Dictionary<string, string?>(findIdentity)
            {
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
            foreach (var limitedStation in new[] { RateLimitedStation, MeteredRateLimitedStation })
            {
                gatewaySettings[$"Gateway:RateLimits:Callers:{limitedStation}:PermitsPerSecond"] = RateLimitedPermitsPerSecond.ToString(CultureInfo.InvariantCulture);
                gatewaySettings[$"Gateway:RateLimits:Callers:{limitedStation}:Burst"] = RateLimitedPermitsPerSecond.ToString(CultureInfo.InvariantCulture);
            }
            Gateway = Add(new GatewayFactory(gatewaySettings));
            await Data.NewStationAsync(clientId: RateLimitedStation);
            await Data.NewStationAsync(clientId: MeteredRateLimitedStation);
        }

        /// <summary>The customers service's settings: where tickets and documents are (they start later, on ports chosen now).</summary>
        public Dictionary<string, string?> CustomersSettings(IReadOnlyDictionary<string, string?> findIdentity) => new(findIdentity)
        {
            [$"services:{ResourceNames.Tickets}:{ResourceNames.GrpcEndpoint}:0"] = $"http://127.0.0.1:{_ticketsGrpcPort.ToString(CultureInfo.InvariantCulture)}",
            [$"services:{ResourceNames.Documents}:{ResourceNames.GrpcEndpoint}:0"] = $"http://127.0.0.1:{_documentsGrpcPort.ToString(CultureInfo.InvariantCulture)}",
        };

        /// <summary>
        /// The tickets service's settings: where customers, inventory and documents are (documents starts after
        /// tickets, whose tickets it checks, on a port chosen now); SLA clocks evaluated every half second, so
        /// escalations show at once.
        /// </summary>
        public Dictionary<string, string?> TicketsSettings(IReadOnlyDictionary<string, string?> findIdentity) => new(findIdentity)
        {
            [$"services:{ResourceNames.Customers}:{ResourceNames.GrpcEndpoint}:0"] = Customers.GrpcAddress,
            [$"services:{ResourceNames.Inventory}:{ResourceNames.GrpcEndpoint}:0"] = Inventory.GrpcAddress,
            [$"services:{ResourceNames.Documents}:{ResourceNames.GrpcEndpoint}:0"] = $"http://127.0.0.1:{_documentsGrpcPort.ToString(CultureInfo.InvariantCulture)}",
            ["Tickets:Sla:EvaluationInterval"] = SlaEvaluationInterval.ToString("c", CultureInfo.InvariantCulture),
        };

        private T Add<T>(T started) where T : IAsyncDisposable
        {
            _started.Add(started);
            return started;
        }

        public async ValueTask DisposeAsync()
        {
            // The gateway first, the token server last: the reverse of the start.
            foreach (var started in Enumerable.Reverse(_started))
            {
                await started.DisposeAsync();
            }
            await Servers.DisposeAsync();
        }
    }
}

/// <summary>
/// Test classes that disturb what every test shares (pause or kill a server, restart a service, empty a
/// table other tests write to) join this collection: xunit runs it on its own, after every parallel class
/// has finished, one class and one test at a time. Such a class resets only what it owns, and says so
/// (e.g. <c>Suite.Tickets.ResetAsync(typeof(OutboxMessage))</c> before each test).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExclusiveCollection
{
    public const string Name = "exclusive";
}

/// <summary>
/// Base of every functional test class: gives it the shared <see cref="Suite"/> and the builders of its own
/// data. Nothing is reset before a test; see <see cref="TestData"/> for how a test makes its own data.
/// Each class is its own xunit collection, so classes run in parallel; tests within a class run one at a time.
/// </summary>
public abstract class SuiteTest(Suite suite) : IClassFixture<Suite>
{
    protected Suite Suite { get; } = suite;

    /// <summary>Builders of the test's own data.</summary>
    protected TestData Data => Suite.Data;
}
