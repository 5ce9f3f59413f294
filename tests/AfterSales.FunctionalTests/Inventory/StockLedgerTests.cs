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
/// Stock that moves, through the gateway: a receiving slip booked once into the central warehouse (and archived in
/// duplicate in documents), a transfer
/// that opens a station's ledger, requisitions for a ticket proposed, approved, issued or rejected; many
/// callers drawing on one scarce part never drive it negative nor issue a unit twice, and the ledger balances.
/// </summary>
public class StockLedgerTests(Suite suite) : SuiteTest(suite)
{
    private StockService.StockServiceClient Stock(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    private StockService.StockServiceClient Storekeeper => Stock(Suite.Callers.Staff("manager"));

    private static StockLine Line(TestPart part, int quantity) => new() { PartId = part.Id.ToString(), Quantity = quantity };

    /// <summary>A station of its own holding <paramref name="units"/> of a new part in its ledger, and a ticket of it.</summary>
    private async Task<(TestStation Station, TestPart Part, Ticket Ticket)> StationWithStockAsync(int units)
    {
        var station = await Data.NewStationAsync();
        var part = await Data.NewPartAsync(onHand: units);
        await Storekeeper.TransferStockAsync(new TransferStockRequest
        {
            ToStationId = station.Id.ToString(), Lines = { Line(part, units) }, Reason = "TR-" + part.PartNumber, RequestId = Guid.NewGuid().ToString(),
        });
        var asset = await Data.NewAssetAsync(station);
        var ticket = await new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller)).CreateTicketAsync(Requests.Intake(asset.SerialNumber));
        return (station, part, ticket);
    }

    private Task<(int OnHand, int Reserved, int MovedOnHand, int MovedReserved)> LedgerAsync(Guid stationId, Guid partId) =>
        Suite.Inventory.WithDbAsync(async db =>
        {
            var ledger = await db.Warehouses.SingleAsync(w => w.StationId == stationId);
            var level = await db.StockLevels.AsNoTracking().SingleAsync(l => l.WarehouseId == ledger.Id && l.PartId == partId);
            var movements = await db.Movements.AsNoTracking().Where(m => m.WarehouseId == ledger.Id && m.PartId == partId).ToListAsync();
            return (level.OnHand, level.Reserved, movements.Sum(m => m.OnHandChange), movements.Sum(m => m.ReservedChange));
        });

    /// <summary>Calls until the answer is not ABORTED (a concurrent change won), as a client retrying with its request id does.</summary>
    private static async Task<StatusCode> WithRetriesAsync(Func<Task> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await call();
                return StatusCode.OK;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Aborted && attempt < 20)
            {
                await Task.Delay(Random.Shared.Next(5, 40));
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }
    }

    [Fact]
    public async Task A_slip_is_booked_once_a_transfer_opens_the_station_s_ledger_and_each_reads_only_what_it_may()
    {
        var part = await Data.NewPartAsync();
        var slip = Unique.Name("SLIP");
        var receipt = new ReceiveStockRequest { SlipNumber = slip, Supplier = "奥的斯配件公司", Lines = { Line(part, 12) }, RequestId = Guid.NewGuid().ToString() };

        var received = await Storekeeper.ReceiveStockAsync(receipt);
        var again = await Assert.ThrowsAsync<RpcException>(() => Storekeeper.ReceiveStockAsync(
            new ReceiveStockRequest { SlipNumber = slip, Supplier = "奥的斯配件公司", Lines = { Line(part, 12) }, RequestId = Guid.NewGuid().ToString() }).ResponseAsync);
        var bad = await Assert.ThrowsAsync<RpcException>(() => Storekeeper.ReceiveStockAsync(new ReceiveStockRequest
        {
            SlipNumber = Unique.Name("SLIP"), Supplier = "x", Lines = { Line(part, 0), Line(part, 3) }, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var unknownPart = await Assert.ThrowsAsync<RpcException>(() => Storekeeper.ReceiveStockAsync(new ReceiveStockRequest
        {
            SlipNumber = Unique.Name("SLIP"), Supplier = "x", Lines = { new StockLine { PartId = Guid.NewGuid().ToString(), Quantity = 1 } },
            RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var station = await Data.NewStationAsync();
        var byStation = await Assert.ThrowsAsync<RpcException>(() => Stock(station.Caller).ReceiveStockAsync(
            new ReceiveStockRequest { SlipNumber = Unique.Name("SLIP"), Supplier = "x", Lines = { Line(part, 1) } }).ResponseAsync);
        var tooMuch = await Assert.ThrowsAsync<RpcException>(() => Storekeeper.TransferStockAsync(new TransferStockRequest
        {
            ToStationId = station.Id.ToString(), Lines = { Line(part, 13) }, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var transferred = await Storekeeper.TransferStockAsync(new TransferStockRequest
        {
            ToStationId = station.Id.ToString(), Lines = { Line(part, 5) }, Reason = "调拨单 DB-0001", RequestId = Guid.NewGuid().ToString(),
        });
        var ledgerId = transferred.Movements.Single(m => m.Kind == MovementKind.TransferIn).WarehouseId;
        var own = await Stock(station.Caller).ListMovementsAsync(new ListMovementsRequest { WarehouseId = ledgerId });
        var centralId = transferred.Movements.Single(m => m.Kind == MovementKind.TransferOut).WarehouseId;
        var central = await Stock(station.Caller).ListMovementsAsync(new ListMovementsRequest { WarehouseId = centralId, PartId = part.Id.ToString(), PageSize = 1 });
        var older = await Stock(station.Caller).ListMovementsAsync(new ListMovementsRequest
        {
            WarehouseId = centralId, PartId = part.Id.ToString(), PageSize = 1, PageToken = central.NextPageToken,
        });
        var other = await Data.NewStationAsync();
        var others = await Assert.ThrowsAsync<RpcException>(() => Stock(other.Caller).ListMovementsAsync(new ListMovementsRequest { WarehouseId = ledgerId }).ResponseAsync);
        var unknownStation = await Assert.ThrowsAsync<RpcException>(() => Storekeeper.TransferStockAsync(new TransferStockRequest
        {
            ToStationId = Guid.NewGuid().ToString(), Lines = { Line(part, 1) }, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var levels = await new InventoryService.InventoryServiceClient(Suite.Gateway.ChannelAs(station.Caller))
            .GetStockLevelsAsync(new GetStockLevelsRequest { PartId = part.Id.ToString() });
        // The slip, in duplicate, archived about the central warehouse: the company's, which a station does not read.
        var documents = new AfterSales.Documents.V1.DocumentService.DocumentServiceClient(Suite.Gateway.ChannelAs(Suite.Callers.Staff("manager")));
        var slipCopy = await documents.GetDocumentAsync(new AfterSales.Documents.V1.GetDocumentRequest { DocumentId = received.SlipDocumentId });
        var slipByStation = await Assert.ThrowsAsync<RpcException>(() => new AfterSales.Documents.V1.DocumentService.DocumentServiceClient(
            Suite.Gateway.ChannelAs(station.Caller)).GetDocumentAsync(new AfterSales.Documents.V1.GetDocumentRequest { DocumentId = received.SlipDocumentId }).ResponseAsync);
        var retried = await Storekeeper.ReceiveStockAsync(receipt);

        var booked = Assert.Single(received.Movements);
        Assert.Equal((MovementKind.Receipt, 12, 12, slip), (booked.Kind, booked.OnHandChange, booked.OnHandAfter, booked.Reference));
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.Equal(("RECEIVING-SLIP", booked.WarehouseId), (slipCopy.TemplateCode, slipCopy.SubjectId));
        var slipText = slipCopy.Content.ToStringUtf8();
        Assert.Contains("第一联", slipText, StringComparison.Ordinal);
        Assert.Contains("第二联", slipText, StringComparison.Ordinal);
        Assert.Equal(2, slipText.Split(part.PartNumber).Length - 1);
        Assert.Contains("奥的斯配件公司", slipText, StringComparison.Ordinal);
        Assert.Contains("经办: 林志强", slipText, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, slipByStation.StatusCode);
        Assert.Equal(received.SlipDocumentId, retried.SlipDocumentId);
        Problems.AssertFieldViolations(bad, "lines[0].quantity", "lines[1].part_id");
        Problems.AssertFieldViolations(unknownPart, "lines[0].part_id");
        Assert.Equal(StatusCode.PermissionDenied, byStation.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, tooMuch.StatusCode);
        Assert.Equal([(MovementKind.TransferOut, -5, 7), (MovementKind.TransferIn, 5, 5)], transferred.Movements.Select(m => (m.Kind, m.OnHandChange, m.OnHandAfter)));
        Assert.Equal("调拨单 DB-0001", Assert.Single(own.Movements).Reference);
        // The central ledger, newest first, a page at a time: the transfer, then the receipt.
        Assert.Equal((MovementKind.TransferOut, MovementKind.Receipt, ""), (central.Movements.Single().Kind, older.Movements.Single().Kind, older.NextPageToken));
        Assert.Equal(StatusCode.NotFound, others.StatusCode);
        Problems.AssertFieldViolations(unknownStation, "to_station_id");
        Assert.Equal([("", 7), (station.Id.ToString(), 5)], levels.StockLevels.Select(l => (l.Warehouse.StationId, l.OnHand)));
    }

    [Fact]
    public async Task Many_requisitions_racing_for_a_scarce_part_issue_exactly_the_stock_and_the_ledger_balances()
    {
        const int units = 5, requisitions = 12;
        var (station, part, ticket) = await StationWithStockAsync(units);
        var stock = Stock(station.Caller);

        var proposed = await Task.WhenAll(Enumerable.Range(0, requisitions).Select(_ => stock.ProposeRequisitionAsync(new ProposeRequisitionRequest
        {
            TicketId = ticket.TicketId, Lines = { Line(part, 1) }, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync));
        var approvals = await Task.WhenAll(proposed.Select(r =>
        {
            var request = new DecideRequisitionRequest { RequisitionId = r.RequisitionId, RequestId = Guid.NewGuid().ToString() };
            return WithRetriesAsync(() => stock.ApproveRequisitionAsync(request).ResponseAsync);
        }));
        var approved = proposed.Where((_, i) => approvals[i] == StatusCode.OK).ToList();
        var issues = await Task.WhenAll(approved.Concat(approved).Select(r =>
        {
            var request = new DecideRequisitionRequest { RequisitionId = r.RequisitionId, RequestId = Guid.NewGuid().ToString() };
            return WithRetriesAsync(() => stock.IssueRequisitionAsync(request).ResponseAsync);
        }));
        var ledger = await LedgerAsync(station.Id, part.Id);
        var issuedEvents = await Suite.Inventory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == "aftersales.events.v1.PartsIssued").Select(m => m.Payload).ToListAsync());

        Assert.Equal(units, approvals.Count(a => a == StatusCode.OK));
        Assert.All(approvals.Where(a => a != StatusCode.OK), a => Assert.Equal(StatusCode.FailedPrecondition, a));
        // Each approved requisition was issued by one of its two racing issues; the other was refused.
        Assert.Equal(units, issues.Count(i => i == StatusCode.OK));
        Assert.All(issues.Where(i => i != StatusCode.OK), i => Assert.Equal(StatusCode.FailedPrecondition, i));
        Assert.Equal((0, 0, 0, 0), ledger);
        Assert.Equal(units, issuedEvents.Select(p => AfterSales.Events.V1.PartsIssued.Parser.ParseFrom(p)).Count(e => e.TicketId == ticket.TicketId));
    }

    [Fact]
    public async Task A_requisition_is_proposed_for_the_station_s_own_ticket_only_and_a_rejection_releases_what_was_reserved()
    {
        var (station, part, ticket) = await StationWithStockAsync(4);
        var stock = Stock(station.Caller);
        var other = await Data.NewStationAsync();

        var foreign = await Assert.ThrowsAsync<RpcException>(() => Stock(other.Caller).ProposeRequisitionAsync(new ProposeRequisitionRequest
        {
            TicketId = ticket.TicketId, Lines = { Line(part, 1) }, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var requisition = await stock.ProposeRequisitionAsync(new ProposeRequisitionRequest
        {
            TicketId = ticket.TicketId, Lines = { Line(part, 3) }, RequestId = Guid.NewGuid().ToString(),
        });
        var approved = await stock.ApproveRequisitionAsync(new DecideRequisitionRequest { RequisitionId = requisition.RequisitionId, RequestId = Guid.NewGuid().ToString() });
        var reserved = await LedgerAsync(station.Id, part.Id);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => stock.RejectRequisitionAsync(
            new DecideRequisitionRequest { RequisitionId = requisition.RequisitionId, RequestId = Guid.NewGuid().ToString() }).ResponseAsync);
        using var http = Suite.Gateway.HttpAs(station.Caller);
        var rejected = await http.PostAsJsonAsync($"/api/inventory/v1/requisitions/{requisition.RequisitionId}:reject",
            new { reason = "客户取消维修", requestId = Guid.NewGuid().ToString() });
        var released = await LedgerAsync(station.Id, part.Id);
        var othersRead = await Assert.ThrowsAsync<RpcException>(() => Stock(other.Caller).GetRequisitionAsync(
            new GetRequisitionRequest { RequisitionId = requisition.RequisitionId }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);
        Assert.Equal((RequisitionStatus.Proposed, ticket.Number), (requisition.Status, requisition.TicketNumber));
        Assert.StartsWith("RQ-", requisition.Code, StringComparison.Ordinal);
        Assert.Equal(RequisitionStatus.Approved, approved.Status);
        Assert.Equal((4, 3, 4, 3), reserved);
        Problems.AssertFieldViolations(noReason, "reason");
        rejected.EnsureSuccessStatusCode();
        Assert.Equal("REQUISITION_STATUS_REJECTED", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal((4, 0, 4, 0), released);
        Assert.Equal(StatusCode.NotFound, othersRead.StatusCode);
    }

    [Fact]
    public async Task A_transfer_that_takes_a_central_part_below_its_reorder_point_raises_StockLow_once()
    {
        var part = await Data.NewPartAsync(onHand: 8);
        await Suite.Inventory.WithDbAsync(async db =>
        {
            var stored = await db.Parts.SingleAsync(p => p.Id == part.Id);
            stored.Plan(new AfterSales.Inventory.Model.AbcResult(part.Id, part.PartNumber, 0, 0m, AfterSales.Inventory.Model.AbcClass.B, SafetyStock: 2, ReorderPoint: 5));
            return await db.SaveChangesAsync();
        });
        var station = await Data.NewStationAsync();
        Task Send(int units) => Storekeeper.TransferStockAsync(new TransferStockRequest
        {
            ToStationId = station.Id.ToString(), Lines = { Line(part, units) }, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync;

        await Send(3);
        var atReorderPoint = await StockLowsAsync(part);
        await Send(1);
        await Send(1);

        Assert.Empty(atReorderPoint);
        var low = Assert.Single(await StockLowsAsync(part));
        Assert.Equal((4, 5, "B"), (low.Available, low.ReorderPoint, low.AbcClass));
        Assert.True(low.SuggestedQuantity > 0);
    }

    [Fact]
    public async Task Unfitted_units_come_back_under_their_requisition_at_most_as_issued_and_only_free_units_are_scrapped()
    {
        var (station, part, ticket) = await StationWithStockAsync(10);
        var stock = Stock(station.Caller);
        var requisition = await stock.ProposeRequisitionAsync(new ProposeRequisitionRequest { TicketId = ticket.TicketId, Lines = { Line(part, 4) }, RequestId = Guid.NewGuid().ToString() });
        DecideRequisitionRequest Decide() => new() { RequisitionId = requisition.RequisitionId, RequestId = Guid.NewGuid().ToString() };
        await stock.ApproveRequisitionAsync(Decide());
        ReturnToStockRequest Back(int units) => new() { RequisitionId = requisition.RequisitionId, Lines = { Line(part, units) }, RequestId = Guid.NewGuid().ToString() };
        var beforeIssue = await Assert.ThrowsAsync<RpcException>(() => stock.ReturnToStockAsync(Back(1)).ResponseAsync);
        await stock.IssueRequisitionAsync(Decide());
        var second = await stock.ProposeRequisitionAsync(new ProposeRequisitionRequest { TicketId = ticket.TicketId, Lines = { Line(part, 5) }, RequestId = Guid.NewGuid().ToString() });
        await stock.ApproveRequisitionAsync(new DecideRequisitionRequest { RequisitionId = second.RequisitionId, RequestId = Guid.NewGuid().ToString() });

        var returned = await stock.ReturnToStockAsync(Back(3));
        var tooMany = await Assert.ThrowsAsync<RpcException>(() => stock.ReturnToStockAsync(Back(2)).ResponseAsync);
        var ledgerId = Guid.Parse(returned.Movements.Single().WarehouseId);
        WriteOffStockRequest Scrap(int units) => new() { WarehouseId = ledgerId.ToString(), Lines = { Line(part, units) }, Reason = "受潮报废", RequestId = Guid.NewGuid().ToString() };
        var promised = await Assert.ThrowsAsync<RpcException>(() => Storekeeper.WriteOffStockAsync(Scrap(5)).ResponseAsync);
        var byStation = await Assert.ThrowsAsync<RpcException>(() => stock.WriteOffStockAsync(Scrap(1)).ResponseAsync);
        var scrapped = await Storekeeper.WriteOffStockAsync(Scrap(4));
        var ledger = await LedgerAsync(station.Id, part.Id);

        Assert.Equal(StatusCode.FailedPrecondition, beforeIssue.StatusCode);
        Assert.Equal((MovementKind.Return, 3, 9, requisition.Code), (returned.Movements[0].Kind, returned.Movements[0].OnHandChange, returned.Movements[0].OnHandAfter, returned.Movements[0].Reference));
        Assert.Equal(StatusCode.FailedPrecondition, tooMany.StatusCode);
        Assert.Contains("1 may still come back", tooMany.Status.Detail, StringComparison.Ordinal);
        // 9 on hand, 5 promised to the second requisition: 4 free.
        Assert.Equal(StatusCode.FailedPrecondition, promised.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, byStation.StatusCode);
        Assert.Equal((MovementKind.WriteOff, -4, "受潮报废"), (scrapped.Movements[0].Kind, scrapped.Movements[0].OnHandChange, scrapped.Movements[0].Reference));
        Assert.Equal((5, 5, 5, 5), ledger);
    }

    private Task<List<AfterSales.Events.V1.StockLow>> StockLowsAsync(TestPart part) =>
        Suite.Inventory.WithDbAsync(async db => (await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.Type == "aftersales.events.v1.StockLow").Select(m => m.Payload).ToListAsync())
            .Select(p => AfterSales.Events.V1.StockLow.Parser.ParseFrom(p)).Where(e => e.PartId == part.Id.ToString()).ToList());
}
