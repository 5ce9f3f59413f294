using System.Security.Cryptography;
using System.Text;
using Npgsql;
using StackExchange.Redis;

namespace AfterSales.AppHost;

/// <summary>
/// Each service's own account on the shared servers: a PostgreSQL role that owns the service's database
/// and reaches no other, and a Redis ACL user limited to the service's keys and the event streams. The
/// AppHost (local and containers modes) and the functional tests provision them from here, so the tests
/// run the services with the permissions they have in the suite.
/// </summary>
internal static class ServiceAccounts
{
    /// <summary>The Redis keys every service may use besides its own: the integration event streams.</summary>
    public const string EventStreamKeys = "aftersales:events:*";

    /// <summary>
    /// Creates or updates <paramref name="service"/>'s role (login with <paramref name="password"/>, no
    /// superuser, no other powers) and its database of the same name owned by it, closes the database to
    /// everyone else, and hands the role every object in it. Idempotent: runs at every start, and upgrades
    /// a database that the superuser created and migrated (data directories from before service roles).
    /// </summary>
    /// <param name="serverConnectionString">The superuser's connection string, any database or none.</param>
    public static async Task ProvisionDatabaseAsync(string serverConnectionString, string service, string password, CancellationToken cancellationToken)
    {
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            if (!await ExistsAsync(connection, "SELECT FROM pg_roles WHERE rolname = @name", service, cancellationToken))
            {
                await ExecuteFormattedAsync(connection, "CREATE ROLE %I", [service], cancellationToken);
            }
            // Every start: the password is new each run in local mode, and an operator's ALTER ROLE is undone.
            await ExecuteFormattedAsync(connection,
                "ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L",
                [service, password], cancellationToken);

            await ExecuteFormattedAsync(connection,
                await ExistsAsync(connection, "SELECT FROM pg_database WHERE datname = @name", service, cancellationToken)
                    ? "ALTER DATABASE %I OWNER TO %I"
                    : "CREATE DATABASE %I OWNER %I",
                [service, service], cancellationToken);

            // PUBLIC may connect to every database by default, so any role could open another service's
            // database (and the maintenance databases): only the owner (and the superuser) may.
            foreach (var database in new[] { service, "postgres", "template1" })
            {
                await ExecuteFormattedAsync(connection, "REVOKE ALL ON DATABASE %I FROM PUBLIC", [database], cancellationToken);
            }
        }

        // REASSIGN OWNED cannot move objects owned by the bootstrap superuser, so each kind is handed over
        // by name: schemas, tables, views, free-standing sequences (a column's sequence follows its table),
        // functions and types. Objects of extensions and the system's own schemas are left alone.
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = service }.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            var statements = new List<string>();
            await using (var command = new NpgsqlCommand(HandOverStatements, connection))
            {
                command.Parameters.AddWithValue("role", service);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    statements.Add(reader.GetString(0));
                }
            }
            foreach (var statement in statements)
            {
                await using var command = new NpgsqlCommand(statement, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>ALTER ... OWNER statements for every object of the database not yet owned by the role.</summary>
    private const string HandOverStatements = """
        WITH own_namespace AS (
            SELECT oid, nspname FROM pg_namespace
            WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'),
        extension_member AS (
            SELECT classid, objid FROM pg_depend WHERE deptype = 'e'),
        candidate AS (
            SELECT format('ALTER SCHEMA %I OWNER TO %I', n.nspname, @role) AS statement, 0 AS step
            FROM own_namespace n JOIN pg_namespace p ON p.oid = n.oid
            WHERE p.nspowner NOT IN (to_regrole(@role), 'pg_database_owner'::regrole)
              AND (('pg_namespace'::regclass, n.oid) NOT IN (SELECT * FROM extension_member))
            UNION ALL
            SELECT format('ALTER %s %s OWNER TO %I',
                       CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE'
                                      WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
                       c.oid::regclass, @role), 1
            FROM pg_class c JOIN own_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND c.relowner <> to_regrole(@role)
              AND (('pg_class'::regclass, c.oid) NOT IN (SELECT * FROM extension_member))
              AND NOT (c.relkind = 'S' AND EXISTS (
                  SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
            UNION ALL
            SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, @role), 2
            FROM pg_proc p JOIN own_namespace n ON n.oid = p.pronamespace
            WHERE p.proowner <> to_regrole(@role)
              AND (('pg_proc'::regclass, p.oid) NOT IN (SELECT * FROM extension_member))
            UNION ALL
            SELECT format('ALTER %s %s OWNER TO %I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.oid::regtype, @role), 3
            FROM pg_type t JOIN own_namespace n ON n.oid = t.typnamespace
            WHERE t.typowner <> to_regrole(@role)
              AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
              AND (('pg_type'::regclass, t.oid) NOT IN (SELECT * FROM extension_member)))
        SELECT statement FROM candidate ORDER BY step, statement
        """;

    /// <summary>
    /// Empties <paramref name="service"/>'s database as on a first run: its sessions are ended and its schema (all
    /// its migrations made) dropped; the role and the database stay, and the service's next start migrates again.
    /// </summary>
    public static async Task EmptyDatabaseAsync(string serverConnectionString, string service, CancellationToken cancellationToken)
    {
        var database = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = service, Pooling = false };
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var end = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", connection))
        {
            end.Parameters.AddWithValue("name", service);
            await end.ExecuteNonQueryAsync(cancellationToken);
        }
        await ExecuteFormattedAsync(connection, "DROP SCHEMA IF EXISTS %I CASCADE", [service], cancellationToken);
    }

    /// <summary>
    /// The rules of <paramref name="service"/>'s Redis ACL user: its own keys (<c>&lt;service&gt;:*</c>)
    /// and the event streams; the commands of the data types and the key commands that act on named keys,
    /// transactions and the connection's own commands; no channels, and nothing <c>@dangerous</c>
    /// (FLUSHALL, CONFIG, KEYS, INFO, DEBUG, ACL...). Commands that see past the key patterns, such as
    /// SCAN, RANDOMKEY and DBSIZE, are never granted. The password is given as its SHA-256, so the rules
    /// can sit in a configuration file or a command line without revealing it; <c>reset</c> first makes
    /// them a whole definition, whatever the user had before.
    /// </summary>
    public static IReadOnlyList<string> RedisAclRules(string service, string password) =>
    [
        "reset", "on", $"#{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)))}",
        $"~{service}:*", $"~{EventStreamKeys}", "resetchannels",
        "+@connection", "+@transaction", "+@string", "+@hash", "+@list", "+@set", "+@sortedset", "+@stream",
        "+del", "+unlink", "+exists", "+type", "+expire", "+pexpire", "+persist", "+ttl", "+pttl",
        "-@dangerous",
    ];

    /// <summary>
    /// Creates or updates the service's Redis user on a running server (ACL SETUSER), for a server that
    /// cannot be started with it. It lasts until the server restarts.
    /// </summary>
    /// <param name="admin">A connection as a user that may run ACL (the default user), with allowAdmin.</param>
    public static Task ProvisionRedisUserAsync(IConnectionMultiplexer admin, string service, string password) =>
        admin.GetDatabase().ExecuteAsync("ACL", ["SETUSER", service, .. RedisAclRules(service, password)]);

    /// <summary>The service's Redis user as a line of redis.conf (<c>user &lt;name&gt; &lt;rules&gt;</c>).</summary>
    public static string RedisUserDirective(string service, string password) =>
        $"user {service} {string.Join(' ', RedisAclRules(service, password))}";

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string query, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(query, connection);
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken);
    }

    /// <summary>
    /// Runs a statement built by PostgreSQL's own <c>format</c> (<c>%I</c> quotes a name, <c>%L</c> a
    /// literal): DDL takes no bind parameters, and this leaves no quoting to get wrong here.
    /// </summary>
    private static async Task ExecuteFormattedAsync(NpgsqlConnection connection, string template, string[] arguments, CancellationToken cancellationToken)
    {
        string statement;
        await using (var format = new NpgsqlCommand(
            $"SELECT format(@template{string.Concat(arguments.Select((_, i) => $", @a{i}"))})", connection))
        {
            format.Parameters.AddWithValue("template", template);
            for (var i = 0; i < arguments.Length; i++)
            {
                format.Parameters.AddWithValue($"a{i}", arguments[i]);
            }
            statement = (string)(await format.ExecuteScalarAsync(cancellationToken))!;
        }
        await using var command = new NpgsqlCommand(statement, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
