using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Customers.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Events;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static AfterSales.FunctionalTests.Customers.CustomerRequests;
using Model = AfterSales.Customers.Model;

namespace AfterSales.FunctionalTests.Customers;

/// <summary>
/// The reminders that must never be missed, raised by the customers service's scheduler on the real database:
/// once each with two replicas running and across a restart, caught up after a downtime, listed until a
/// station handles them, and software-update notices for the assets a release leaves behind.
/// </summary>
public class ReminderTests(Suite suite) : SuiteTest(suite)
{
    private static readonly TimeSpan ReplicaRound = TimeSpan.FromMilliseconds(300);

    private CustomerService.CustomerServiceClient Customers(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    private CustomerCareService.CustomerCareServiceClient Care(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    private Task<List<Model.Reminder>> StoredAsync(Guid customerId) =>
        Suite.Customers.WithDbAsync(db => db.Reminders.AsNoTracking().Where(r => r.CustomerId == customerId).ToListAsync());

    [Fact]
    public async Task Reminders_that_fell_due_while_the_service_was_down_are_raised_once_each_with_two_replicas_and_across_a_restart()
    {
        var station = await Data.NewStationAsync();
        var customer = await Customers(station.Caller).CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var customerId = Guid.Parse(customer.CustomerId);
        var (contractId, assetId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (contractEnds, acceptedOn) = (Today.AddDays(20), Today.AddMonths(-24).AddDays(14));
        var warrantyEnds = acceptedOn.AddMonths(24);
        // Written straight to the database, as if while no scheduler ran: nothing wakes one. The contract ends in
        // 20 days (its notice fell due 10 days ago); the asset's 24-month warranty in about two weeks (its
        // handover fell due five and a half months ago).
        await Suite.Customers.WithDbAsync(async db =>
        {
            db.Contracts.Add(new Model.Contract(contractId, customerId, Unique.Name("HT"), Model.ContractKind.Maintenance,
                Today.AddMonths(-11).AddDays(20), contractEnds, 9_000m, []));
            db.Assets.Add(new Model.Asset(assetId, customerId, Guid.Parse(customer.Sites[0].SiteId), "AquaChill 500", Unique.Name("SN"),
                acceptedOn, "2.1.3", 24, []));
            await db.SaveChangesAsync();
        });

        await using (var first = Suite.NewCustomersReplica(ReplicaRound))
        await using (var second = Suite.NewCustomersReplica(ReplicaRound))
        {
            await Eventually.TrueAsync(async () => (await StoredAsync(customerId)).Count == 3, TimeSpan.FromSeconds(30));
            await Task.Delay(ReplicaRound * 6); // rounds enough for both replicas to have looked again
        }
        await using (var restarted = Suite.NewCustomersReplica(ReplicaRound))
        {
            await Task.Delay(ReplicaRound * 6);
        }

        var stored = await StoredAsync(customerId);
        Assert.Equal(
            [(Model.ReminderKind.ContractExpiry, contractId, contractEnds.AddMonths(-1)), (Model.ReminderKind.WarrantyEnding, assetId, warrantyEnds.AddMonths(-1)),
             (Model.ReminderKind.MaintenanceHandover, assetId, warrantyEnds.AddMonths(-6))],
            stored.OrderBy(r => r.Kind).Select(r => (r.Kind, r.SubjectId, r.DueOn)));
        Assert.Equal(contractEnds, stored.Single(r => r.Kind == Model.ReminderKind.ContractExpiry).ActBy);
        var events = await Suite.Customers.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == "aftersales.events.v1.CustomerReminderRaised").Select(m => m.Payload).ToListAsync());
        Assert.Equal(3, events.Select(p => AfterSales.Events.V1.CustomerReminderRaised.Parser.ParseFrom(p)).Count(e => e.CustomerId == customer.CustomerId));
    }

    [Fact]
    public async Task A_station_works_its_reminders_until_handled_and_a_renewal_handles_its_contract_s_follow_up()
    {
        var station = await Data.NewStationAsync();
        var customers = Customers(station.Caller);
        var care = Care(station.Caller);
        var customer = await customers.CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var ending = await customers.CreateContractAsync(NewContract(customer, ContractKind.Maintenance, Today.AddMonths(-11), Today.AddDays(20)));
        var ended = await customers.CreateContractAsync(NewContract(customer, ContractKind.Maintenance, Today.AddMonths(-13), Today.AddMonths(-11).AddDays(-1)));
        var late = await customers.CreateContractAsync(NewContract(customer, ContractKind.PerVisit, Today.AddMonths(-12), Today.AddDays(-5)));
        var open = new ListRemindersRequest { CustomerId = customer.CustomerId };

        // The contract signed ending within a month is reminded of at once; a per-visit contract and one that ended long ago are not.
        var listed = await Eventually.ValueAsync(async () =>
            (await care.ListRemindersAsync(open)).Reminders is { Count: > 0 } found ? found : null);
        var reminder = Assert.Single(listed);
        var other = await Data.NewStationAsync();
        var othersList = await Care(other.Caller).ListRemindersAsync(open);
        var othersHandle = await Assert.ThrowsAsync<RpcException>(() => Care(other.Caller).HandleReminderAsync(new HandleReminderRequest
        {
            ReminderId = reminder.ReminderId, Outcome = "?", RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var blank = await Assert.ThrowsAsync<RpcException>(() => care.HandleReminderAsync(new HandleReminderRequest
        {
            ReminderId = reminder.ReminderId, Outcome = " ", RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var renewal = NewContract(customer, ContractKind.Maintenance, Today.AddDays(21), Today.AddDays(21).AddYears(1));
        renewal.RenewsContractId = ending.ContractId;
        var renewed = await customers.CreateContractAsync(renewal);
        var handledAgain = await Assert.ThrowsAsync<RpcException>(() => care.HandleReminderAsync(new HandleReminderRequest
        {
            ReminderId = reminder.ReminderId, Outcome = "已发通知书", RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var openAfter = await care.ListRemindersAsync(open);
        var handled = await care.ListRemindersAsync(new ListRemindersRequest { CustomerId = customer.CustomerId, State = ReminderState.Handled });

        Assert.Equal((ReminderKind.ContractExpiry, ending.ContractId, ending.Number, false), (reminder.Kind, reminder.SubjectId, reminder.SubjectLabel, reminder.Overdue));
        Assert.Equal(ending.EndsOn, reminder.ActBy);
        Assert.Contains("保养到期通知书", reminder.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(othersList.Reminders, r => r.CustomerId == customer.CustomerId);
        Assert.Equal(StatusCode.NotFound, othersHandle.StatusCode);
        Problems.AssertFieldViolations(blank, "outcome");
        Assert.Equal(StatusCode.FailedPrecondition, handledAgain.StatusCode);
        Assert.Empty(openAfter.Reminders);
        var done = Assert.Single(handled.Reminders);
        Assert.Equal($"Renewed by contract {renewed.Number}.", done.Outcome);
        Assert.NotNull(done.HandledAt);
        Assert.NotEqual(ended.ContractId, done.SubjectId);
        Assert.NotEqual(late.ContractId, done.SubjectId);
    }

    [Fact]
    public async Task An_overdue_reminder_stays_listed_until_handled_over_grpc_and_json()
    {
        var station = await Data.NewStationAsync();
        var customers = Customers(station.Caller);
        var care = Care(station.Caller);
        var customer = await customers.CreateCustomerAsync(NewFile(Unique.Name("客户")));
        // Ended five days ago unrenewed: within the catch-up window, past its last day to act.
        await customers.CreateContractAsync(NewContract(customer, ContractKind.Maintenance, Today.AddMonths(-12), Today.AddDays(-5)));
        var overdue = new ListRemindersRequest { CustomerId = customer.CustomerId, State = ReminderState.Overdue };

        var reminder = await Eventually.ValueAsync(async () => (await care.ListRemindersAsync(overdue)).Reminders.SingleOrDefault());
        using var http = Suite.Gateway.HttpAs(station.Caller);
        var handle = await http.PostAsJsonAsync($"/api/customers/v1/reminders/{reminder.ReminderId}:handle",
            new { outcome = "客户不续约，已归档", requestId = Guid.NewGuid().ToString() });
        var listed = await http.GetFromJsonAsync<JsonElement>($"/api/customers/v1/reminders?customerId={customer.CustomerId}&state=REMINDER_STATE_ALL");

        Assert.True(reminder.Overdue);
        handle.EnsureSuccessStatusCode();
        Assert.Empty((await care.ListRemindersAsync(overdue)).Reminders);
        var entry = Assert.Single(listed.GetProperty("reminders").EnumerateArray());
        Assert.Equal(("REMINDER_KIND_CONTRACT_EXPIRY", "客户不续约，已归档", false),
            (entry.GetProperty("kind").GetString(), entry.GetProperty("outcome").GetString(), entry.GetProperty("overdue").GetBoolean()));
    }

    [Fact]
    public async Task A_software_release_notifies_each_asset_of_its_model_on_an_older_version_once()
    {
        var station = await Data.NewStationAsync();
        var customers = Customers(station.Caller);
        var customer = await customers.CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var model = Unique.Name("XO-Lift");
        var older = NewAsset(customer, Today.AddMonths(-3));
        (older.Model, older.SoftwareVersion) = (model, "2.9.4");
        var newer = NewAsset(customer, Today.AddMonths(-3));
        (newer.Model, newer.SoftwareVersion) = (model, "2.10.0");
        var oldAsset = await customers.RegisterAssetAsync(older);
        await customers.RegisterAssetAsync(newer);
        var manager = Care(Suite.Callers.Staff("manager"));
        var release = new AnnounceSoftwareReleaseRequest { Model = model, Version = "2.10.0", Notes = "修复变频器通信超时", RequestId = Guid.NewGuid().ToString() };

        var announced = await manager.AnnounceSoftwareReleaseAsync(release);
        var notices = new ListRemindersRequest { CustomerId = customer.CustomerId, Kind = ReminderKind.SoftwareUpdate };
        var notice = await Eventually.ValueAsync(async () => (await Care(station.Caller).ListRemindersAsync(notices)).Reminders.SingleOrDefault());
        var again = await Assert.ThrowsAsync<RpcException>(() => manager.AnnounceSoftwareReleaseAsync(
            new AnnounceSoftwareReleaseRequest { Model = model, Version = "2.10.0", RequestId = Guid.NewGuid().ToString() }).ResponseAsync);
        var byStation = await Assert.ThrowsAsync<RpcException>(() => Care(station.Caller).AnnounceSoftwareReleaseAsync(
            new AnnounceSoftwareReleaseRequest { Model = model, Version = "3.0", RequestId = Guid.NewGuid().ToString() }).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => manager.AnnounceSoftwareReleaseAsync(
            new AnnounceSoftwareReleaseRequest { Model = Unique.Name("NoSuchModel"), Version = "1.0", RequestId = Guid.NewGuid().ToString() }).ResponseAsync);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var upgraded = await customers.RecordSoftwareUpgradeAsync(new RecordSoftwareUpgradeRequest
        {
            AssetId = oldAsset.AssetId, SoftwareVersion = "2.10.0", RequestId = Guid.NewGuid().ToString(),
        });
        var downgrade = await Assert.ThrowsAsync<RpcException>(() => customers.RecordSoftwareUpgradeAsync(new RecordSoftwareUpgradeRequest
        {
            AssetId = oldAsset.AssetId, SoftwareVersion = "2.9.9", RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var openAfter = await Care(station.Caller).ListRemindersAsync(notices);

        Assert.Equal(1, announced.AssetsOnOlderVersions);
        Assert.Equal("2.10.0", upgraded.SoftwareVersion);
        Assert.Equal(StatusCode.FailedPrecondition, downgrade.StatusCode);
        Assert.Empty(openAfter.Reminders);
        Assert.Equal((oldAsset.AssetId, oldAsset.SerialNumber), (notice.SubjectId, notice.SubjectLabel));
        Assert.Contains("2.9.4", notice.Summary, StringComparison.Ordinal);
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, byStation.StatusCode);
        Problems.AssertFieldViolations(unknown, "model");
        Assert.Single(await StoredAsync(Guid.Parse(customer.CustomerId)), r => r.Kind == Model.ReminderKind.SoftwareUpdate);
    }
}
