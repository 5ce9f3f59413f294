using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform.Events;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Inventory;

/// <summary>
/// Loaner units through the gateway: registered by staff, lent by a station for its own ticket (once, however many
/// lend it at once), seen by that station and not by another, listed overdue after its day, returned (LoanerLent,
/// LoanerReturned published, and the ticket's history shows the loan).
/// </summary>
public class LoanerTests(Suite suite) : SuiteTest(suite)
{
    private LoanerService.LoanerServiceClient Loaners(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    private static string NewId() => Guid.NewGuid().ToString();

    private async Task<(TestStation Station, Ticket Ticket)> StationTicketAsync()
    {
        var station = await Data.NewStationAsync();
        var asset = await Data.NewAssetAsync(station);
        return (station, await new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller)).CreateTicketAsync(Requests.Intake(asset.SerialNumber)));
    }

    private static Google.Type.Date Day(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    [Fact]
    public async Task A_loaner_is_lent_once_for_a_station_s_ticket_listed_overdue_after_its_day_and_returned()
    {
        var staff = Loaners(Suite.Callers.Staff("manager"));
        var serial = Unique.Name("AC-LN");
        var registered = await staff.RegisterLoanerAsync(new RegisterLoanerRequest { Model = "AquaChill 500 冷水机组", SerialNumber = serial, Note = "附遥控器", RequestId = NewId() });
        var duplicate = await Assert.ThrowsAsync<RpcException>(() => staff.RegisterLoanerAsync(
            new RegisterLoanerRequest { Model = "AquaChill 500 冷水机组", SerialNumber = serial, RequestId = NewId() }).ResponseAsync);
        var (station, ticket) = await StationTicketAsync();
        var (other, othersTicket) = await StationTicketAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var byStation = Loaners(station.Caller);
        var pastDay = await Assert.ThrowsAsync<RpcException>(() => byStation.LendLoanerAsync(new LendLoanerRequest
        {
            LoanerId = registered.LoanerId, TicketId = ticket.TicketId, DueBackOn = Day(today.AddDays(-1)), RequestId = NewId(),
        }).ResponseAsync);
        var othersTicketByStation = await Assert.ThrowsAsync<RpcException>(() => byStation.LendLoanerAsync(new LendLoanerRequest
        {
            LoanerId = registered.LoanerId, TicketId = othersTicket.TicketId, DueBackOn = Day(today), RequestId = NewId(),
        }).ResponseAsync);

        // Both stations reach for the one unit at once, several times over: one loan.
        var lenders = Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? byStation : Loaners(other.Caller)).LendLoanerAsync(new LendLoanerRequest
        {
            LoanerId = registered.LoanerId, TicketId = (i % 2 == 0 ? ticket : othersTicket).TicketId, DueBackOn = Day(today.AddDays(7)), RequestId = NewId(),
        }).ResponseAsync);
        var outcomes = await Task.WhenAll(lenders.Select(async call =>
        {
            try
            {
                return (StatusCode.OK, await call);
            }
            catch (RpcException ex)
            {
                return (ex.StatusCode, (Loaner?)null);
            }
        }));
        var lent = Assert.Single(outcomes, o => o.Item1 == StatusCode.OK).Item2!;
        var (holder, stranger) = lent.Loan.TicketId == ticket.TicketId ? (station, other) : (other, station);
        var strangersList = await Loaners(stranger.Caller).ListLoanersAsync(new ListLoanersRequest { Status = LoanerStatus.Lent, PageSize = 100 });
        var strangersReturn = await Assert.ThrowsAsync<RpcException>(() => Loaners(stranger.Caller).ReturnLoanerAsync(
            new ReturnLoanerRequest { LoanerId = registered.LoanerId, RequestId = NewId() }).ResponseAsync);
        var loanerId = Guid.Parse(registered.LoanerId);
        await Suite.Inventory.WithDbAsync(db => db.Loaners.Where(l => l.Id == loanerId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.DueBackOn, today.AddDays(-1))));
        using var http = Suite.Gateway.HttpAs(holder.Caller);
        var overdue = await http.GetFromJsonAsync<JsonElement>("/api/inventory/v1/loaners?overdueOnly=true&pageSize=100");
        var returned = await Loaners(holder.Caller).ReturnLoanerAsync(new ReturnLoanerRequest { LoanerId = registered.LoanerId, Condition = "完好", RequestId = NewId() });
        // The ticket keeps the loan in its history, back once inventory says so.
        var history = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(holder.Caller));
        var loan = await Eventually.ValueAsync(async () => (await history.GetTicketHistoryAsync(new GetTicketHistoryRequest { TicketId = lent.Loan.TicketId }))
            .Loans.SingleOrDefault(l => l.ReturnedAt is not null));
        var events = await Suite.Inventory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == "aftersales.events.v1.LoanerLent" || m.Type == "aftersales.events.v1.LoanerReturned").ToListAsync());

        Assert.Equal((LoanerStatus.Available, 0), (registered.Status, registered.TimesLent));
        Assert.StartsWith("LN-", registered.Code, StringComparison.Ordinal);
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
        Problems.AssertFieldViolations(pastDay, "due_back_on");
        Assert.Equal(StatusCode.NotFound, othersTicketByStation.StatusCode);
        // The losers hear it is lent (or changed meanwhile); to the other station a unit lent for another's ticket is not there at all.
        Assert.All(outcomes.Where(o => o.Item1 != StatusCode.OK),
            o => Assert.Contains(o.Item1, new[] { StatusCode.FailedPrecondition, StatusCode.Aborted, StatusCode.NotFound }));
        Assert.DoesNotContain(strangersList.Loaners, l => l.LoanerId == registered.LoanerId);
        Assert.Equal(StatusCode.NotFound, strangersReturn.StatusCode);
        var listed = Assert.Single(overdue.GetProperty("loaners").EnumerateArray(), l => l.GetProperty("loanerId").GetString() == registered.LoanerId);
        Assert.True(listed.GetProperty("loan").GetProperty("overdue").GetBoolean());
        Assert.Equal((LoanerStatus.Available, 1, "完好", null), (returned.Status, returned.TimesLent, returned.LastCondition, returned.Loan));
        Assert.Equal((registered.Code, serial, lent.Loan.DueBackOn), (loan.Code, loan.SerialNumber, loan.DueBackOn));
        var lentEvent = AfterSales.Events.V1.LoanerLent.Parser.ParseFrom(Assert.Single(events, e => e.Type.EndsWith("LoanerLent", StringComparison.Ordinal)
            && AfterSales.Events.V1.LoanerLent.Parser.ParseFrom(e.Payload).LoanerId == registered.LoanerId).Payload);
        Assert.Equal((lent.Loan.TicketId, serial), (lentEvent.TicketId, lentEvent.SerialNumber));
        Assert.Single(events, e => e.Type.EndsWith("LoanerReturned", StringComparison.Ordinal)
            && AfterSales.Events.V1.LoanerReturned.Parser.ParseFrom(e.Payload) is { } r && r.LoanerId == registered.LoanerId && r.TicketId == lent.Loan.TicketId);
    }
}
