using AfterSales.AppHost;
using AfterSales.Customers.V1;
using AfterSales.Documents.Infrastructure;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace AfterSales.FunctionalTests.Platform;

/// <summary>
/// Each service runs as its own PostgreSQL role, owning its own database and reaching no other, and as its
/// own Redis user, reaching only its keys and the event streams. The tests make their own data, so they
/// need no reset of the suite.
/// </summary>
public sealed class ServiceAccountTests(Suite suite) : IClassFixture<Suite>
{
    private const string InsufficientPrivilege = "42501";

    /// <summary>The client name of this class's own Redis connections, whose refusals are meant.</summary>
    private const string RefusalProbe = "refusal-probe";

    public static TheoryData<string> Services => [ResourceNames.Identity, .. ResourceNames.Services];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_service_runs_as_an_ordinary_role_that_owns_its_database_and_reaches_no_other(string service)
    {
        // The service's own DbContext, as it runs: not the superuser.
        Assert.Equal(service, await CurrentUserOfAsync(service));

        await using var connection = new NpgsqlConnection(suite.Servers.ServiceDatabase(service));
        await connection.OpenAsync();

        var powers = await ScalarAsync<bool>(connection,
            "SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls FROM pg_roles WHERE rolname = current_user");
        Assert.False(powers);
        // Of the suite's databases (other tests make throw-away ones of their own as the superuser).
        var suiteDatabases = string.Join(", ", ResourceNames.Services.Append(ResourceNames.Identity).Append("postgres").Select(name => $"'{name}'"));
        Assert.Equal([service], await ListAsync(connection,
            $"SELECT datname FROM pg_database WHERE datallowconn AND has_database_privilege(datname, 'CONNECT') AND datname IN ({suiteDatabases}) ORDER BY datname"));
        Assert.Equal(service, await ScalarAsync<string>(connection,
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
        // Its migrations ran as the role: every table, sequence and function in its schema is the role's.
        Assert.Empty(await ListAsync(connection, $"""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = '{service}' AND c.relowner <> to_regrole(current_user)
            UNION ALL
            SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = '{service}' AND p.proowner <> to_regrole(current_user)
            """));
    }

    [Theory]
    [InlineData(ResourceNames.Identity)]
    [InlineData(ResourceNames.Customers)]
    [InlineData("postgres")]
    public async Task The_tickets_role_cannot_connect_to_another_database(string database)
    {
        var asTickets = new NpgsqlConnectionStringBuilder(suite.Servers.ServiceDatabase(ResourceNames.Tickets)) { Database = database };
        await using var connection = new NpgsqlConnection(asTickets.ConnectionString);

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());

        Assert.Equal(InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Only_identity_reads_the_password_hashes()
    {
        var staffUsers = $"SELECT count(*) FROM {ResourceNames.Identity}.\"StaffUsers\"";
        await using (var asIdentity = new NpgsqlConnection(suite.Servers.ServiceDatabase(ResourceNames.Identity)))
        {
            await asIdentity.OpenAsync();
            Assert.True(await ScalarAsync<long>(asIdentity, staffUsers) > 0);
        }

        foreach (var service in ResourceNames.Services)
        {
            var intoIdentity = new NpgsqlConnectionStringBuilder(suite.Servers.ServiceDatabase(service)) { Database = ResourceNames.Identity };
            await using var connection = new NpgsqlConnection(intoIdentity.ConnectionString);
            var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
            Assert.Equal(InsufficientPrivilege, error.SqlState);
        }
    }

    [Fact]
    public async Task Provisioning_hands_a_database_the_superuser_made_to_the_service_role_and_can_run_again()
    {
        // A database as the suite left them before service roles: created and migrated by the superuser.
        var service = $"legacy_{Guid.NewGuid():N}"[..20];
        var password = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        await using (var server = new NpgsqlConnection($"{suite.Servers.PostgresServer};Database=postgres"))
        {
            await server.OpenAsync();
            await ExecuteAsync(server, $"CREATE DATABASE {service}");
        }
        await using (var asSuperuser = new NpgsqlConnection($"{suite.Servers.PostgresServer};Database={service}"))
        {
            await asSuperuser.OpenAsync();
            await ExecuteAsync(asSuperuser, $"""
                CREATE SCHEMA {service};
                CREATE TABLE {service}.things ("Id" int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "Name" text NOT NULL);
                CREATE SEQUENCE {service}.numbers;
                CREATE TYPE {service}.mood AS ENUM ('fine', 'grumpy');
                CREATE FUNCTION {service}.refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END $$;
                CREATE TRIGGER things_are_immutable BEFORE UPDATE ON {service}.things FOR EACH ROW EXECUTE FUNCTION {service}.refuse_update();
                INSERT INTO {service}.things ("Name") VALUES ('before');
                """);
        }

        await ServiceAccounts.ProvisionDatabaseAsync(suite.Servers.PostgresServer, service, password, CancellationToken.None);
        await ServiceAccounts.ProvisionDatabaseAsync(suite.Servers.PostgresServer, service, password, CancellationToken.None);

        var asService = new NpgsqlConnectionStringBuilder(suite.Servers.PostgresServer) { Username = service, Password = password, Database = service };
        await using (var connection = new NpgsqlConnection(asService.ConnectionString))
        {
            await connection.OpenAsync();
            // What the service's migrations and code do: change the schema, use the sequences, write rows.
            await ExecuteAsync(connection, $"""
                ALTER TABLE {service}.things ADD COLUMN "Mood" {service}.mood;
                INSERT INTO {service}.things ("Name", "Mood") VALUES ('after', 'fine');
                SELECT nextval('{service}.numbers');
                CREATE OR REPLACE FUNCTION {service}.refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'still no'; END $$;
                """);
            Assert.Equal(2, await ScalarAsync<long>(connection, $"SELECT count(*) FROM {service}.things"));
            Assert.Empty(await ListAsync(connection, $"""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = '{service}' AND c.relowner <> to_regrole(current_user)
                UNION ALL SELECT nspname FROM pg_namespace WHERE nspname = '{service}' AND nspowner <> to_regrole(current_user)
                """));
        }

        var asTickets = new NpgsqlConnectionStringBuilder(suite.Servers.ServiceDatabase(ResourceNames.Tickets)) { Database = service };
        await using var other = new NpgsqlConnection(asTickets.ConnectionString);
        var error = await Assert.ThrowsAsync<PostgresException>(() => other.OpenAsync());
        Assert.Equal(InsufficientPrivilege, error.SqlState);
    }

    [Theory]
    [InlineData(ResourceNames.Tickets)]   // tables, indexes and owned collections
    [InlineData(ResourceNames.Documents)] // a function and a trigger
    public async Task A_database_the_superuser_migrated_is_handed_over_and_migrates_again_as_the_role(string service)
    {
        // As earlier runs left them: the service connected as the superuser, whose migrations created it all.
        var database = $"legacy_{service}_{Guid.NewGuid():N}"[..30];
        var password = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        await using (var asSuperuser = ContextOf(service, $"{suite.Servers.PostgresServer};Database={database}"))
        {
            await asSuperuser.Database.MigrateAsync();
        }

        await ServiceAccounts.ProvisionDatabaseAsync(suite.Servers.PostgresServer, database, password, CancellationToken.None);

        var asRole = new NpgsqlConnectionStringBuilder(suite.Servers.PostgresServer) { Username = database, Password = password, Database = database };
        await using (var context = ContextOf(service, asRole.ConnectionString))
        {
            await context.Database.MigrateAsync();
        }
        await using var connection = new NpgsqlConnection(asRole.ConnectionString);
        await connection.OpenAsync();
        Assert.Empty(await ListAsync(connection, $"""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = '{service}' AND c.relowner <> to_regrole(current_user)
            UNION ALL
            SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = '{service}' AND p.proowner <> to_regrole(current_user)
            UNION ALL
            SELECT nspname FROM pg_namespace WHERE nspname = '{service}' AND nspowner <> to_regrole(current_user)
            """));
    }

    [Fact]
    public async Task A_service_redis_user_reaches_its_own_keys_and_the_event_streams_only()
    {
        // allowAdmin only so the client sends what the server must refuse.
        await using var asTickets = await ConnectionMultiplexer.ConnectAsync(
            $"{suite.Servers.ServiceRedis(ResourceNames.Tickets)},allowAdmin=true,name={RefusalProbe}");
        var redis = asTickets.GetDatabase();
        var id = Guid.NewGuid().ToString("N");

        await redis.StringSetAsync($"{ResourceNames.Tickets}:probe:{id}", "mine", TimeSpan.FromMinutes(1));
        Assert.Equal("mine", (string?)await redis.StringGetAsync($"{ResourceNames.Tickets}:probe:{id}"));
        await redis.StreamAddAsync($"aftersales:events:probe-{id}", "data", "{}");
        await redis.KeyDeleteAsync($"aftersales:events:probe-{id}");

        await using (var asCustomers = await ConnectionMultiplexer.ConnectAsync($"{suite.Servers.ServiceRedis(ResourceNames.Customers)},name={RefusalProbe}"))
        {
            await asCustomers.GetDatabase().StringSetAsync($"{ResourceNames.Customers}:coverage:{id}", "theirs", TimeSpan.FromMinutes(1));
        }
        await AssertRefusedAsync(() => redis.StringGetAsync($"{ResourceNames.Customers}:coverage:{id}"));
        await AssertRefusedAsync(() => redis.StringSetAsync($"{ResourceNames.Customers}:coverage:{id}", "overwritten"));
        await AssertRefusedAsync(() => redis.ExecuteAsync("FLUSHALL"));
        await AssertRefusedAsync(() => redis.ExecuteAsync("FLUSHDB"));
        await AssertRefusedAsync(() => redis.ExecuteAsync("CONFIG", "GET", "requirepass"));
        await AssertRefusedAsync(() => redis.ExecuteAsync("KEYS", "*"));
        await AssertRefusedAsync(() => redis.ExecuteAsync("SCAN", "0"));
        await AssertRefusedAsync(() => redis.ExecuteAsync("ACL", "SETUSER", ResourceNames.Tickets, "+@all", "~*"));
        await AssertRefusedAsync(() => redis.ExecuteAsync("SHUTDOWN", "NOSAVE"));
    }

    [Fact]
    public async Task A_redis_user_set_on_a_running_server_has_the_same_limits_and_can_be_set_again()
    {
        // As containers mode does it: ACL SETUSER through the default user, at every start.
        var service = $"probe{Guid.NewGuid():N}"[..13];
        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{suite.Servers.Redis},allowAdmin=true"))
        {
            await ServiceAccounts.ProvisionRedisUserAsync(admin, service, "first-password");
            await ServiceAccounts.ProvisionRedisUserAsync(admin, service, "second-password");
        }
        var asService = $"{suite.Servers.ServiceRedis(ResourceNames.Tickets).Split(',')[0]},user={service},name={RefusalProbe}";

        await Assert.ThrowsAsync<RedisConnectionException>(() =>
            ConnectionMultiplexer.ConnectAsync($"{asService},password=first-password,abortConnect=true,connectRetry=0"));
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{asService},password=second-password,allowAdmin=true");
        var redis = connection.GetDatabase();
        await redis.StringSetAsync($"{service}:probe", "mine", TimeSpan.FromMinutes(1));
        await redis.StreamAddAsync($"aftersales:events:{service}", "data", "{}");
        await redis.KeyDeleteAsync($"aftersales:events:{service}");
        await AssertRefusedAsync(() => redis.StringGetAsync($"{ResourceNames.Tickets}:probe"));
        await AssertRefusedAsync(() => redis.ExecuteAsync("FLUSHALL"));
        await AssertRefusedAsync(() => redis.ExecuteAsync("CONFIG", "GET", "requirepass"));
    }

    [Fact]
    public async Task The_services_own_work_is_never_refused_by_redis()
    {
        // Every service has connected, and its consumers read their streams, by now; an entitlement check
        // reads and writes the coverage cache. Redis logs each refusal (ACL LOG), this class's own included.
        await new CustomerService.CustomerServiceClient(suite.Customers.Channel)
            .CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = DemoIds.SerialInWarranty });
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{suite.Servers.Redis},allowAdmin=true");
        var refusals = (RedisResult[])(await admin.GetDatabase().ExecuteAsync("ACL", "LOG"))!;

        Assert.Empty(refusals.Select(entry => entry.ToDictionary())
            .Where(entry => ResourceNames.Services.Contains((string?)entry["username"])
                && !((string?)entry["client-info"] ?? "").Contains($"name={RefusalProbe}", StringComparison.Ordinal)
                && !IsClientReplicaProbe(entry))
            .Select(entry => $"{entry["username"]}: {entry["reason"]} {entry["object"]} ({entry["context"]}; {entry["client-info"]})"));
    }

    /// <summary>
    /// The Redis client's own probe when it (re)configures a connection without INFO, which a service user may
    /// not run: SET on the client's 16-byte random id, to learn whether the server is a replica. It is refused,
    /// as every key outside the service's own is, changes nothing, and the client then takes the server for a
    /// primary, which it is. (Clients from 3.x learn the role from HELLO instead.)
    /// </summary>
    private static bool IsClientReplicaProbe(Dictionary<string, RedisResult> entry) =>
        (string?)entry["reason"] == "key" && (byte[]?)entry["object"] is { Length: 16 } key && key.Any(b => b is < 0x20 or > 0x7e);

    private static async Task AssertRefusedAsync(Func<Task> command)
    {
        var error = await Assert.ThrowsAsync<RedisServerException>(command);
        Assert.StartsWith("NOPERM", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The service's own DbContext, on any database, without the service around it.</summary>
    private static DbContext ContextOf(string service, string connectionString) => service switch
    {
        ResourceNames.Tickets => new TicketsDbContext(OptionsFor<TicketsDbContext>(service, connectionString)),
        ResourceNames.Documents => new DocumentsDbContext(OptionsFor<DocumentsDbContext>(service, connectionString)),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    private static DbContextOptions<TContext> OptionsFor<TContext>(string service, string connectionString) where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", service))
            .Options;

    private async Task<string> CurrentUserOfAsync(string service)
    {
        var factory = service switch
        {
            ResourceNames.Identity => suite.Identity.Services,
            ResourceNames.Customers => suite.Customers.Services,
            ResourceNames.Tickets => suite.Tickets.Services,
            ResourceNames.Inventory => suite.Inventory.Services,
            ResourceNames.Billing => suite.Billing.Services,
            ResourceNames.Feedback => suite.Feedback.Services,
            ResourceNames.Documents => suite.Documents.Services,
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
        };
        await using var scope = factory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DbContext>().Database
            .SqlQueryRaw<string>("SELECT current_user::text AS \"Value\"").SingleAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
