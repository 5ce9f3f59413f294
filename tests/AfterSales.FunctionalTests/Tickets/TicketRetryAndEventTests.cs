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

    private static CreateTicketRequest Intake(string requestId) => new()
    {
        SerialNumber = DemoIds.SerialOutOfWarranty,
        Channel = IntakeChannel.PartnerApi,
        ContactName = "陈老师",
        ContactPhone = "0571-8888-3003",
        FaultDescription = "门禁无法识别卡片",
        RequestId = requestId,
    };

    [Fact]
    public async Task A_retry_with_the_same_request_id_returns_the_first_ticket_and_opens_no_other()
    {
        var requestId = Guid.NewGuid().ToString();

        var first = await Client.CreateTicketAsync(Intake(requestId));
        var retry = await Client.CreateTicketAsync(Intake(requestId));

        Assert.Equal(first, retry);
        Assert.Equal(1, await Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync()));
    }

    [Fact]
    public async Task The_same_request_id_with_another_payload_is_refused_and_changes_nothing()
    {
        var requestId = Guid.NewGuid().ToString();
        await Client.CreateTicketAsync(Intake(requestId));
        var different = Intake(requestId);
        different.FaultDescription = "另一个故障";

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateTicketAsync(different).ResponseAsync);

        Problems.AssertFieldViolations(error, "request_id");
        Assert.Equal(1, await Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync()));
    }

    [Fact]
    public async Task Concurrent_calls_with_one_request_id_open_one_ticket()
    {
        var requestId = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.CreateTicketAsync(Intake(requestId)).ResponseAsync));

        Assert.Single(answers.Select(a => a.TicketId).Distinct());
        Assert.Equal(1, await Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync()));
        Assert.Equal(1, await Suite.Tickets.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task Different_request_ids_open_different_tickets()
    {
        await Client.CreateTicketAsync(Intake(Guid.NewGuid().ToString()));
        await Client.CreateTicketAsync(Intake(Guid.NewGuid().ToString()));

        Assert.Equal(2, await Suite.Tickets.WithDbAsync(db => db.Tickets.CountAsync()));
    }

    [Fact]
    public async Task An_opened_ticket_is_published_as_TicketOpened_on_its_stream()
    {
        var ticket = await Client.CreateTicketAsync(Intake(""));

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Suite.Servers.Redis);
        var stream = EventStreams.StreamOf(TicketOpened.Descriptor);
        var published = await Eventually.ValueAsync(async () =>
        {
            var entries = await redis.GetDatabase().StreamRangeAsync(stream);
            return entries.Select(e => TicketOpened.Parser.ParseFrom((byte[])e[EventStreams.PayloadField]!))
                .FirstOrDefault(e => e.TicketId == ticket.TicketId);
        });

        Assert.Equal(ticket.Number, published.Number);
        Assert.Equal(ticket.Category, published.Category);
        // The relay stamps the row once Redis has taken the entry, in its own transaction just after.
        var outbox = await Eventually.ValueAsync(() =>
            Suite.Tickets.WithDbAsync(db => db.Set<OutboxMessage>().SingleOrDefaultAsync(m => m.PublishedAt != null)));
        Assert.Equal(TicketOpened.Descriptor.FullName, outbox.Type);
    }
}
