using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Npgsql;

namespace AfterSales.EndToEndTests;

/// <summary>
/// The README's backup and restore, run against the suite in local mode: every database backed up, the
/// tickets service's wiped while it is stopped and restored from the backup, and the suite healthy after
/// with the data of the moment of the backup.
/// </summary>
[Collection(SuiteCollection.Name)]
public class BackupTests(SuiteHost suite)
{
    [Fact]
    public async Task Tickets_wiped_and_restored_from_the_backup_come_back_with_the_backup_s_data()
    {
        var tickets = new TicketService.TicketServiceClient(suite.GatewayAs(await suite.Callers.StationAsync("station-hangzhou")));
        var before = await tickets.CreateTicketAsync(Requests.Intake("EL-2019-0001"));
        var backup = Path.Combine(Path.GetTempPath(), $"aftersales-backup-{Guid.NewGuid():N}");
        var server = new NpgsqlConnectionStringBuilder(await suite.App.GetConnectionStringAsync("postgres"));
        try
        {
            await RunAsync("backup.sh", server, backup);
            var after = await tickets.CreateTicketAsync(Requests.Intake("EL-2019-0001"));

            await suite.WhileStoppedAsync(ResourceNames.Tickets, async () =>
            {
                await using var wipe = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = ResourceNames.Tickets }.ConnectionString);
                await wipe.OpenAsync();
                await using (var drop = new NpgsqlCommand("DROP SCHEMA tickets CASCADE", wipe))
                {
                    await drop.ExecuteNonQueryAsync();
                }
                await RunAsync("restore.sh", server, backup, ResourceNames.Tickets);
            });

            var restored = await Eventually.AnsweredAsync(() => tickets.GetTicketAsync(new GetTicketRequest { TicketId = before.TicketId }).ResponseAsync,
                TimeSpan.FromSeconds(60), StatusCode.Unavailable);
            var lost = await Assert.ThrowsAsync<RpcException>(() => tickets.GetTicketAsync(new GetTicketRequest { TicketId = after.TicketId }).ResponseAsync);
            var next = await tickets.CreateTicketAsync(Requests.Intake("EL-2019-0001"));

            Assert.Equal(before, restored);
            Assert.Equal(StatusCode.NotFound, lost.StatusCode);
            Assert.NotEmpty(next.TicketId);
            Assert.True(File.Exists(Path.Combine(backup, "TAKEN_AT")));
        }
        finally
        {
            Directory.Delete(backup, recursive: true);
        }
    }

    /// <summary>Runs a script of deploy/backup as an operator would, with libpq's environment for the server.</summary>
    private static async Task RunAsync(string script, NpgsqlConnectionStringBuilder server, params string[] arguments)
    {
        var result = await Commands.RunAsync("bash", [Path.Combine(Commands.RepositoryRoot, "deploy", "backup", script), .. arguments], new Dictionary<string, string>
        {
            ["PGHOST"] = server.Host!,
            ["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = server.Username!,
            ["PGPASSWORD"] = server.Password!,
        });
        Assert.True(result.ExitCode == 0, $"{script} failed ({result.ExitCode}): {result.Output} {result.Error}");
    }
}
