using System.Net;
using AfterSales.Billing.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.Tickets.V1;
using Grpc.Core;

namespace AfterSales.FunctionalTests.Billing;

/// <summary>Billing opens its account of each ticket from the TicketOpened event, and shows it to that ticket's station only.</summary>
public class TicketAccountTests(Suite suite) : SuiteTest(suite)
{
    private BillingService.BillingServiceClient Admin => new(Suite.Billing.Channel);

    private BillingService.BillingServiceClient BillingAs(Func<Task<string>> caller) => new(Suite.Billing.ChannelAs(caller));

    private static CreateTicketRequest Intake(string serial) => new()
    {
        SerialNumber = serial,
        Channel = IntakeChannel.PartnerApi,
        ContactName = "周海",
        ContactPhone = "0574-8688-4004",
        FaultDescription = "曳引机异响",
    };

    /// <summary>Opens a ticket as the station and waits until billing has its account.</summary>
    private async Task<(Ticket Ticket, TicketAccount Account)> OpenAsync(string station, string serial)
    {
        var tickets = new TicketService.TicketServiceClient(Suite.Tickets.ChannelAs(() => Suite.Callers.StationAsync(station)));
        var ticket = await tickets.CreateTicketAsync(Intake(serial));
        var account = await Eventually.ValueAsync(async () =>
        {
            try
            {
                return await Admin.GetTicketAccountAsync(new GetTicketAccountRequest { TicketId = ticket.TicketId });
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        });
        return (ticket, account);
    }

    [Fact]
    public async Task A_ticket_opened_in_tickets_becomes_an_account_in_billing()
    {
        var (ticket, account) = await OpenAsync("station-hangzhou", DemoIds.SerialUnderContract);

        Assert.Equal(ticket.TicketId, account.TicketId);
        Assert.Equal(ticket.Number, account.TicketNumber);
        Assert.Equal(ticket.StationId, account.StationId);
        Assert.Equal(ticket.CustomerId, account.CustomerId);
        Assert.Equal(ticket.Category, account.Category);
        Assert.Equal(ticket.ReceivedAt, account.OpenedAt);
    }

    [Fact]
    public async Task Another_station_s_ticket_account_is_not_found_with_the_same_error_as_a_missing_one()
    {
        var (ningbos, _) = await OpenAsync("station-ningbo", DemoIds.SerialNingbo);
        var missingId = Guid.NewGuid().ToString();
        var hangzhou = BillingAs(() => Suite.Callers.StationAsync("station-hangzhou"));

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.GetTicketAccountAsync(new GetTicketAccountRequest { TicketId = ningbos.TicketId }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.GetTicketAccountAsync(new GetTicketAccountRequest { TicketId = missingId }).ResponseAsync);

        Problems.AssertSameAsMissing(hidden, ningbos.TicketId, missing, missingId);
    }

    [Fact]
    public async Task A_station_and_internal_staff_read_the_station_s_ticket_accounts()
    {
        var (ningbos, account) = await OpenAsync("station-ningbo", DemoIds.SerialNingbo);
        var request = new GetTicketAccountRequest { TicketId = ningbos.TicketId };

        var byStation = await BillingAs(() => Suite.Callers.StationAsync("station-ningbo")).GetTicketAccountAsync(request);
        var byFinance = await BillingAs(() => Suite.Callers.StaffAsync("finance")).GetTicketAccountAsync(request);
        var byTechnician = await Assert.ThrowsAsync<RpcException>(() =>
            BillingAs(() => Suite.Callers.StaffAsync("technician")).GetTicketAccountAsync(request).ResponseAsync);

        Assert.Equal(account, byStation);
        Assert.Equal(account, byFinance);
        Assert.Equal(StatusCode.NotFound, byTechnician.StatusCode);
    }

    [Fact]
    public async Task Json_callers_of_another_station_get_the_404_of_a_missing_account()
    {
        var (ningbos, _) = await OpenAsync("station-ningbo", DemoIds.SerialNingbo);
        using var hangzhou = Suite.Billing.HttpAs(() => Suite.Callers.StationAsync("station-hangzhou"));
        using var ningbo = Suite.Billing.HttpAs(() => Suite.Callers.StationAsync("station-ningbo"));

        var hidden = await hangzhou.GetAsync($"/api/billing/v1/ticket-accounts/{ningbos.TicketId}");
        var own = await ningbo.GetAsync($"/api/billing/v1/ticket-accounts/{ningbos.TicketId}");

        await Problems.AssertProblemAsync(hidden, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}
