using System.Net;
using AfterSales.Billing.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Tickets.V1;
using Grpc.Core;

namespace AfterSales.FunctionalTests.Billing;

/// <summary>Billing opens its account of each ticket from the TicketOpened event, and shows it to that ticket's station only.</summary>
public class TicketAccountTests(Suite suite) : SuiteTest(suite)
{
    private BillingService.BillingServiceClient Admin => new(Suite.Billing.Channel);

    private BillingService.BillingServiceClient BillingAs(Func<Task<string>> caller) => new(Suite.Billing.ChannelAs(caller));

    /// <summary>Opens a ticket on a new asset of the station, as the station, and waits until billing has its account.</summary>
    private async Task<(Ticket Ticket, TicketAccount Account)> OpenAsync(TestStation station, Coverage coverage = Coverage.UnderContract)
    {
        var asset = await Data.NewAssetAsync(station, coverage);
        var tickets = new TicketService.TicketServiceClient(Suite.Tickets.ChannelAs(station.Caller));
        var ticket = await tickets.CreateTicketAsync(Requests.Intake(asset.SerialNumber));
        var account = await Eventually.AnsweredAsync(() =>
            Admin.GetTicketAccountAsync(new GetTicketAccountRequest { TicketId = ticket.TicketId }).ResponseAsync);
        return (ticket, account);
    }

    [Fact]
    public async Task A_ticket_opened_in_tickets_becomes_an_account_in_billing()
    {
        var (ticket, account) = await OpenAsync(await Data.NewStationAsync());

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
        var (theirs, _) = await OpenAsync(await Data.NewStationAsync());
        var missingId = Guid.NewGuid().ToString();
        var mine = BillingAs((await Data.NewStationAsync()).Caller);

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            mine.GetTicketAccountAsync(new GetTicketAccountRequest { TicketId = theirs.TicketId }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            mine.GetTicketAccountAsync(new GetTicketAccountRequest { TicketId = missingId }).ResponseAsync);

        Problems.AssertSameAsMissing(hidden, theirs.TicketId, missing, missingId);
    }

    [Fact]
    public async Task A_station_and_internal_staff_read_the_station_s_ticket_accounts()
    {
        var station = await Data.NewStationAsync();
        var (ticket, account) = await OpenAsync(station);
        var request = new GetTicketAccountRequest { TicketId = ticket.TicketId };
        // A technician of another station.
        var technician = await Data.NewStaffAsync("technician", (await Data.NewStationAsync()).Id);

        var byStation = await BillingAs(station.Caller).GetTicketAccountAsync(request);
        var byFinance = await BillingAs(Suite.Callers.Staff("finance")).GetTicketAccountAsync(request);
        var byTechnician = await Assert.ThrowsAsync<RpcException>(() => BillingAs(technician.Caller).GetTicketAccountAsync(request).ResponseAsync);

        Assert.Equal(account, byStation);
        Assert.Equal(account, byFinance);
        Assert.Equal(StatusCode.NotFound, byTechnician.StatusCode);
    }

    [Fact]
    public async Task Json_callers_of_another_station_get_the_404_of_a_missing_account()
    {
        var station = await Data.NewStationAsync();
        var (ticket, _) = await OpenAsync(station);
        using var other = Suite.Billing.HttpAs((await Data.NewStationAsync()).Caller);
        using var own = Suite.Billing.HttpAs(station.Caller);

        var hidden = await other.GetAsync($"/api/billing/v1/ticket-accounts/{ticket.TicketId}");
        var missingId = Guid.NewGuid().ToString();
        var missing = await other.GetAsync($"/api/billing/v1/ticket-accounts/{missingId}");
        var read = await own.GetAsync($"/api/billing/v1/ticket-accounts/{ticket.TicketId}");

        await Problems.AssertSameAsMissingAsync(hidden, ticket.TicketId, missing, missingId);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
