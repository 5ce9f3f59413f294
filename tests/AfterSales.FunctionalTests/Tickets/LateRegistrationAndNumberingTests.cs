using System.Text.Json;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.Platform.V1;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using ServiceCategory = AfterSales.Common.V1.ServiceCategory;

namespace AfterSales.FunctionalTests.Tickets;

/// <summary>
/// The entitlement is decided on the day a request was received, so that day is not the caller's to pick:
/// stations cannot set it, staff may register a request late within a week and say why. Ticket numbers
/// count per station, so they tell a station nothing about another's business.
/// </summary>
public class LateRegistrationAndNumberingTests(Suite suite) : SuiteTest(suite)
{
    private TicketService.TicketServiceClient Through(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    private TicketService.TicketServiceClient Hangzhou => Through(() => Suite.Callers.StationAsync("station-hangzhou"));

    private TicketService.TicketServiceClient Reception => Through(() => Suite.Callers.StaffAsync("reception"));

    /// <summary>An intake whose contact name is this test's own, so what it created can be found.</summary>
    private static CreateTicketRequest Intake(string serial) => new()
    {
        SerialNumber = serial,
        Channel = IntakeChannel.Letter,
        ContactName = $"来信人 {Guid.NewGuid():N}",
        ContactPhone = "0571-8888-3003",
        FaultDescription = "门禁无法识别卡片",
    };

    private Task<int> TicketsOfAsync(CreateTicketRequest request) =>
        Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync(t => t.ContactName == request.ContactName));

    [Fact]
    public async Task A_station_cannot_back_date_a_ticket_into_an_old_warranty()
    {
        // The gate's warranty ended in March 2019: dated 2018, its repair would have been free.
        var request = Intake(DemoIds.SerialOutOfWarranty);
        request.ReceivedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2018, 6, 1, 8, 0, 0, TimeSpan.Zero));

        var refused = await Assert.ThrowsAsync<RpcException>(() => Hangzhou.CreateTicketAsync(request).ResponseAsync);

        Problems.AssertFieldViolations(refused, "received_at");
        Assert.Equal(0, await TicketsOfAsync(request));
    }

    [Fact]
    public async Task A_station_may_not_set_received_at_even_for_today()
    {
        var request = Intake(DemoIds.SerialOutOfWarranty);
        request.ReceivedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-30));

        var refused = await Assert.ThrowsAsync<RpcException>(() => Hangzhou.CreateTicketAsync(request).ResponseAsync);

        Problems.AssertFieldViolations(refused, "received_at");
        Assert.Equal(0, await TicketsOfAsync(request));
    }

    [Fact]
    public async Task Staff_cannot_back_date_beyond_the_window_even_with_a_reason()
    {
        var request = Intake(DemoIds.SerialOutOfWarranty);
        request.ReceivedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2018, 6, 1, 8, 0, 0, TimeSpan.Zero));
        request.LateRegistrationReason = "补录旧单";

        var refused = await Assert.ThrowsAsync<RpcException>(() => Reception.CreateTicketAsync(request).ResponseAsync);

        Problems.AssertFieldViolations(refused, "received_at");
        Assert.Equal(0, await TicketsOfAsync(request));
    }

    [Fact]
    public async Task Staff_register_a_letter_late_with_a_reason_that_is_kept_and_audited_and_numbered_by_today()
    {
        var receivedAt = DateTimeOffset.UtcNow.AddDays(-3);
        var request = Intake(DemoIds.SerialOutOfWarranty);
        request.ReceivedAt = Timestamp.FromDateTimeOffset(receivedAt);
        request.LateRegistrationReason = "周六收到的来信，周二登记";

        var ticket = await Reception.CreateTicketAsync(request);

        Assert.Equal(request.LateRegistrationReason, ticket.LateRegistrationReason);
        Assert.True(ticket.RegisteredAt.ToDateTimeOffset() > receivedAt.AddDays(2));
        Assert.Equal(ServiceCategory.Paid, ticket.Category);
        var today = TimeZoneInfo.ConvertTime(ticket.RegisteredAt.ToDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.StartsWith($"T{today:yyyyMMdd}-ST-HZ01-", ticket.Number);

        var audit = new AuditService.AuditServiceClient(Suite.Gateway.ChannelAs(() => Suite.Callers.StaffAsync("manager")));
        var trail = await audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Service = ResourceNames.Tickets, EntityId = ticket.TicketId },
            new Metadata { { "x-aftersales-service", ResourceNames.Tickets } });
        var values = JsonDocument.Parse(Assert.Single(trail.Entries).ValuesJson).RootElement;
        Assert.Equal(request.LateRegistrationReason, values.GetProperty("LateRegistrationReason").GetString());
    }

    [Fact]
    public async Task Staff_registering_late_must_say_why()
    {
        var request = Intake(DemoIds.SerialOutOfWarranty);
        request.ReceivedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1));

        var refused = await Assert.ThrowsAsync<RpcException>(() => Reception.CreateTicketAsync(request).ResponseAsync);

        Problems.AssertFieldViolations(refused, "late_registration_reason");
        Assert.Equal(0, await TicketsOfAsync(request));
    }

    [Fact]
    public async Task A_station_s_ticket_numbers_count_its_own_tickets_only()
    {
        var (one, other) = (await Data.NewStationAsync(), await Data.NewStationAsync());
        var (oneAsset, otherAsset) = (await Data.NewAssetAsync(one), await Data.NewAssetAsync(other));
        var (oneTickets, otherTickets) = (Through(one.Caller), Through(other.Caller));

        var first = await oneTickets.CreateTicketAsync(Intake(oneAsset.SerialNumber));
        var others = new List<Ticket>();
        for (var i = 0; i < 3; i++)
        {
            others.Add(await otherTickets.CreateTicketAsync(Intake(otherAsset.SerialNumber)));
        }
        var second = await oneTickets.CreateTicketAsync(Intake(oneAsset.SerialNumber));

        Assert.Equal([$"T{DayOf(first)}-{one.Code}-0001", $"T{DayOf(second)}-{one.Code}-0002"], new[] { first.Number, second.Number });
        Assert.Equal(others.Select((t, i) => $"T{DayOf(t)}-{other.Code}-{i + 1:D4}"), others.Select(t => t.Number));
    }

    /// <summary>The day the ticket was registered, in the company's time zone (the suite's default).</summary>
    private static string DayOf(Ticket ticket) => TimeZoneInfo.ConvertTime(ticket.RegisteredAt.ToDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))
        .ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

}
