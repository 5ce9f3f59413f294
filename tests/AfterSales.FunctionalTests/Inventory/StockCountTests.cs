using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform.Events;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.FunctionalTests.Inventory;

/// <summary>
/// Stock counts through the gateway: a station counts its ledger, the difference is booked as an adjustment only
/// when a company manager approves it, never below what requisitions hold; the central warehouse is counted by
/// staff, by due class, and a count that takes a part below its reorder point raises StockLow.
/// </summary>
public class StockCountTests(Suite suite) : SuiteTest(suite)
{
    private StockCountService.StockCountServiceClient Counts(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    private static string NewId() => Guid.NewGuid().ToString();

    private static SubmitStockCountRequest Counted(StockCount count, int units) => new()
    {
        CountId = count.CountId, Lines = { new CountedLine { PartId = count.Lines.Single().PartId, Counted = units } }, RequestId = NewId(),
    };

    private static DecideStockCountRequest Decide(StockCount count, string reason = "") => new() { CountId = count.CountId, Reason = reason, RequestId = NewId() };

    [Fact]
    public async Task A_station_counts_its_ledger_and_a_company_manager_books_the_difference_never_below_what_is_promised()
    {
        var station = await Data.NewStationAsync();
        var part = await Data.NewPartAsync(onHand: 10);
        var manager = new StockService.StockServiceClient(Suite.Gateway.ChannelAs(Suite.Callers.Staff("manager")));
        await manager.TransferStockAsync(new TransferStockRequest
        {
            ToStationId = station.Id.ToString(), Lines = { new StockLine { PartId = part.Id.ToString(), Quantity = 10 } }, RequestId = NewId(),
        });
        var asset = await Data.NewAssetAsync(station);
        var ticket = await new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller)).CreateTicketAsync(Requests.Intake(asset.SerialNumber));
        var stationStock = new StockService.StockServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var requisition = await stationStock.ProposeRequisitionAsync(new ProposeRequisitionRequest
        {
            TicketId = ticket.TicketId, Lines = { new StockLine { PartId = part.Id.ToString(), Quantity = 3 } }, RequestId = NewId(),
        });
        await stationStock.ApproveRequisitionAsync(new DecideRequisitionRequest { RequisitionId = requisition.RequisitionId, RequestId = NewId() });
        var ledger = await Suite.Inventory.WithDbAsync(db => db.Warehouses.Where(w => w.StationId == station.Id).Select(w => w.Id).SingleAsync());
        var (byStation, byManager, byOther) = (Counts(station.Caller), Counts(Suite.Callers.Staff("manager")), Counts((await Data.NewStationAsync()).Caller));
        var open = new OpenStockCountRequest { WarehouseId = ledger.ToString(), RequestId = NewId() };

        var first = await byStation.OpenStockCountAsync(open);
        var second = await Assert.ThrowsAsync<RpcException>(() => byStation.OpenStockCountAsync(new OpenStockCountRequest { WarehouseId = ledger.ToString(), RequestId = NewId() }).ResponseAsync);
        var othersView = await Assert.ThrowsAsync<RpcException>(() => byOther.GetStockCountAsync(new GetStockCountRequest { CountId = first.CountId }).ResponseAsync);
        var nothingCounted = await Assert.ThrowsAsync<RpcException>(() => byStation.SubmitStockCountAsync(new SubmitStockCountRequest
        {
            CountId = first.CountId, Lines = { new CountedLine { PartId = NewId(), Counted = 1 } }, RequestId = NewId(),
        }).ResponseAsync);
        await byStation.SubmitStockCountAsync(Counted(first, 1));
        var belowPromised = await Assert.ThrowsAsync<RpcException>(() => byManager.ApproveStockCountAsync(Decide(first)).ResponseAsync);
        var rejected = await byStation.RejectStockCountAsync(Decide(first, "复盘"));
        var recount = await byStation.OpenStockCountAsync(new OpenStockCountRequest { WarehouseId = ledger.ToString(), RequestId = NewId() });
        var submitted = await byStation.SubmitStockCountAsync(Counted(recount, 8));
        var approvedByStation = await Assert.ThrowsAsync<RpcException>(() => byStation.ApproveStockCountAsync(Decide(recount)).ResponseAsync);
        var approved = await byManager.ApproveStockCountAsync(Decide(recount));
        var (level, movements) = await Suite.Inventory.WithDbAsync(async db => (
            await db.StockLevels.AsNoTracking().SingleAsync(l => l.WarehouseId == ledger && l.PartId == part.Id),
            await db.Movements.AsNoTracking().Where(m => m.WarehouseId == ledger && m.PartId == part.Id).ToListAsync()));

        Assert.Equal(part.PartNumber, Assert.Single(first.Lines).PartNumber);
        Assert.Equal(StatusCode.FailedPrecondition, second.StatusCode);
        Assert.Equal(StatusCode.NotFound, othersView.StatusCode);
        Problems.AssertFieldViolations(nothingCounted, "lines[0].part_id", "lines");
        Assert.Equal(StatusCode.FailedPrecondition, belowPromised.StatusCode);
        Assert.Equal(StockCountStatus.Rejected, rejected.Status);
        Assert.Equal((10, 8, -2), (submitted.Lines[0].BookOnHand, submitted.Lines[0].Counted, submitted.Lines[0].Difference));
        Assert.Equal(StatusCode.PermissionDenied, approvedByStation.StatusCode);
        Assert.Equal(StockCountStatus.Approved, approved.Status);
        Assert.Equal((8, 3), (level.OnHand, level.Reserved));
        Assert.Equal((8, 3), (movements.Sum(m => m.OnHandChange), movements.Sum(m => m.ReservedChange)));
        var adjustment = Assert.Single(movements, m => m.Kind == Model.MovementKind.CountAdjustment);
        Assert.Equal((-2, recount.Code), (adjustment.OnHandChange, adjustment.Reference));
        Assert.NotNull(level.LastCountedAt);
    }

    [Fact]
    public async Task Staff_count_the_central_warehouse_by_due_class_and_a_count_that_takes_a_part_below_its_reorder_point_raises_StockLow()
    {
        var part = await Data.NewPartAsync(onHand: 6);
        await Suite.Inventory.WithDbAsync(async db =>
        {
            var stored = await db.Parts.SingleAsync(p => p.Id == part.Id);
            stored.Plan(new Model.AbcResult(part.Id, part.PartNumber, 0, 0m, Model.AbcClass.C, SafetyStock: 2, ReorderPoint: 5));
            return await db.SaveChangesAsync();
        });
        var central = await Suite.Inventory.WithDbAsync(db => db.Warehouses.Where(w => w.StationId == null).Select(w => w.Id).SingleAsync());
        var manager = Counts(Suite.Callers.Staff("manager"));
        var otherManager = Counts((await Data.NewStaffAsync("manager")).Caller);
        OpenStockCountRequest Due() => new() { WarehouseId = central.ToString(), PartIds = { part.Id.ToString() }, DueOnly = true, RequestId = NewId() };

        var station = await Data.NewStationAsync();
        var byStation = await Assert.ThrowsAsync<RpcException>(() => Counts(station.Caller).OpenStockCountAsync(Due()).ResponseAsync);
        var count = await manager.OpenStockCountAsync(Due());
        await manager.SubmitStockCountAsync(Counted(count, 4));
        var bySameManager = await Assert.ThrowsAsync<RpcException>(() => manager.ApproveStockCountAsync(Decide(count)).ResponseAsync);
        await otherManager.ApproveStockCountAsync(Decide(count));
        var notDue = await Assert.ThrowsAsync<RpcException>(() => manager.OpenStockCountAsync(Due()).ResponseAsync);
        var lows = await Suite.Inventory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == "aftersales.events.v1.StockLow").Select(m => m.Payload).ToListAsync());

        Assert.Equal(StatusCode.NotFound, byStation.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, bySameManager.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, notDue.StatusCode);
        var low = Assert.Single(lows.Select(p => AfterSales.Events.V1.StockLow.Parser.ParseFrom(p)), e => e.PartId == part.Id.ToString());
        Assert.Equal((4, 5), (low.Available, low.ReorderPoint));
    }
}
