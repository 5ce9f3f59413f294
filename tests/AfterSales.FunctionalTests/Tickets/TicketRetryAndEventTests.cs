using AfterSales.Events.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.Platform.Events;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AfterSales.FunctionalTests.Tickets;

public class TicketRetryAndEventTests(Suite suite) : SuiteTest(suite)
{
    private TicketService.TicketServiceClient Client => new(Suite.Tickets.Channel);

    private Task<int> TicketsOnAsync(TestAsset asset) =>
        Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync(t => t.SerialNumber == asset.SerialNumber));

    /// <summary>The TicketOpened events in the outbox for the ticket.</summary>
    private Task<int> OutboxedForAsync(string ticketId) => Suite.Tickets.WithDbAsync(async db =>
        (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == TicketOpened.Descriptor.FullName).ToListAsync())
            .Count(m => PublishedEvents.TryParse<TicketOpened>(m.Payload)?.TicketId == ticketId));

    [Fact]
    public async Task A_retry_with_the_same_request_id_returns_the_first_ticket_and_opens_no_other()
    {
        var asset = await Data.NewAssetAsync(DemoIds.StationHangzhou);
        var request = Requests.Intake(asset.SerialNumber, requestId: Guid.NewGuid().ToString());

        var first = await Client.CreateTicketAsync(request);
        var retry = await Client.CreateTicketAsync(request);

        Assert.Equal(first, retry);
        Assert.Equal(1, await TicketsOnAsync(asset));
    }

    [Fact]
    public async Task The_same_request_id_with_another_payload_is_refused_and_changes_nothing()
    {
        var asset = await Data.NewAssetAsync(DemoIds.StationHangzhou);
        var request = Requests.Intake(asset.SerialNumber, requestId: Guid.NewGuid().ToString());
        await Client.CreateTicketAsync(request);
        var different = request.Clone();
        different.FaultDescription = "另一个故障";

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateTicketAsync(different).ResponseAsync);

        Problems.AssertFieldViolations(error, "request_id");
        Assert.Equal(1, await TicketsOnAsync(asset));
    }

    [Fact]
    public async Task Concurrent_calls_with_one_request_id_open_one_ticket()
    {
        var asset = await Data.NewAssetAsync(DemoIds.StationHangzhou);
        var request = Requests.Intake(asset.SerialNumber, requestId: Guid.NewGuid().ToString());

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.CreateTicketAsync(request).ResponseAsync));

        var ticketId = Assert.Single(answers.Select(a => a.TicketId).Distinct());
        Assert.Equal(1, await TicketsOnAsync(asset));
        Assert.Equal(1, await OutboxedForAsync(ticketId));
    }

    [Fact]
    public async Task Different_request_ids_open_different_tickets()
    {
        var asset = await Data.NewAssetAsync(DemoIds.StationHangzhou);

        await Client.CreateTicketAsync(Requests.Intake(asset.SerialNumber, requestId: Guid.NewGuid().ToString()));
        await Client.CreateTicketAsync(Requests.Intake(asset.SerialNumber, requestId: Guid.NewGuid().ToString()));

        Assert.Equal(2, await TicketsOnAsync(asset));
    }

    [Fact]
    public async Task An_opened_ticket_is_published_as_TicketOpened_on_its_stream()
    {
        var asset = await Data.NewAssetAsync(DemoIds.StationHangzhou);
        var ticket = await Client.CreateTicketAsync(Requests.Intake(asset.SerialNumber));

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Suite.Servers.Redis);
        var published = (await Eventually.ValueAsync(() => PublishedEvents.TicketOpenedAsync(redis.GetDatabase(), ticket.TicketId))).Event;

        Assert.Equal(ticket.Number, published.Number);
        Assert.Equal(ticket.Category, published.Category);
        // The relay stamps the row once Redis has taken the entry, in its own transaction just after.
        var outbox = await Eventually.ValueAsync(() => Suite.Tickets.WithDbAsync(async db =>
            (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.PublishedAt != null && m.Type == TicketOpened.Descriptor.FullName).ToListAsync())
                .SingleOrDefault(m => PublishedEvents.TryParse<TicketOpened>(m.Payload)?.TicketId == ticket.TicketId)));
        Assert.Equal(TicketOpened.Descriptor.FullName, outbox.Type);
    }
}
