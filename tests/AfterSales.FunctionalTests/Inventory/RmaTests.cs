using AfterSales.Common.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform.Events;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Inventory;

/// <summary>
/// A return to the manufacturer through the gateway: opened, its fault confirmed by the technical group and its
/// return approved by the manager (never out of order, never by the same person), sent, back (RmaReturned) and
/// closed by the fee paid against the supplier's confirmation.
/// </summary>
public class RmaTests(Suite suite) : SuiteTest(suite)
{
    private RmaService.RmaServiceClient As(string userName) => new(Suite.Gateway.ChannelAs(Suite.Callers.Staff(userName)));

    private static RmaStepRequest Step(Rma rma) => new() { RmaId = rma.RmaId, RequestId = Guid.NewGuid().ToString() };

    [Fact]
    public async Task A_faulty_part_goes_to_its_manufacturer_and_back_and_is_closed_by_its_fee()
    {
        var part = await Data.NewPartAsync();
        var opened = await As("techlead").OpenRmaAsync(new OpenRmaRequest
        {
            PartId = part.Id.ToString(), SerialNumber = Unique.Name("ENC"), Supplier = "多摩川精机", Fault = "编码器信号丢失", RequestId = Guid.NewGuid().ToString(),
        });

        var approvedTooEarly = await Assert.ThrowsAsync<RpcException>(() => As("manager").ApproveRmaAsync(Step(opened)).ResponseAsync);
        var confirmByManager = await Assert.ThrowsAsync<RpcException>(() => As("manager").ConfirmRmaAsync(Step(opened)).ResponseAsync);
        await As("techlead").ConfirmRmaAsync(Step(opened));
        var shippedTooEarly = await Assert.ThrowsAsync<RpcException>(() => As("techlead").ShipRmaAsync(new ShipRmaRequest
        {
            RmaId = opened.RmaId, Carrier = "顺丰速运", TrackingNumber = "SF1", RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        await As("manager").ApproveRmaAsync(Step(opened));
        await As("techlead").ShipRmaAsync(new ShipRmaRequest { RmaId = opened.RmaId, Carrier = "顺丰速运", TrackingNumber = Unique.Name("SF"), RequestId = Guid.NewGuid().ToString() });
        var atManufacturer = await As("finance").ListRmasAsync(new ListRmasRequest { Status = RmaStatus.Shipped, PageSize = 100 });
        var noOutcome = await Assert.ThrowsAsync<RpcException>(() => As("techlead").RecordRmaReturnAsync(
            new RecordRmaReturnRequest { RmaId = opened.RmaId, RequestId = Guid.NewGuid().ToString() }).ResponseAsync);
        var returned = await As("techlead").RecordRmaReturnAsync(new RecordRmaReturnRequest
        {
            RmaId = opened.RmaId, Outcome = RmaOutcome.Repaired, Note = "更换光栅盘", RequestId = Guid.NewGuid().ToString(),
        });
        var noConfirmation = await Assert.ThrowsAsync<RpcException>(() => As("finance").PayRmaFeeAsync(new PayRmaFeeRequest
        {
            RmaId = opened.RmaId, Fee = new Money { CurrencyCode = "CNY", Units = 350 }, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var closed = await As("finance").PayRmaFeeAsync(new PayRmaFeeRequest
        {
            RmaId = opened.RmaId, Fee = new Money { CurrencyCode = "CNY", Units = 350 }, SupplierConfirmation = "INV-2026-1187", RequestId = Guid.NewGuid().ToString(),
        });
        var station = await Data.NewStationAsync();
        var byStation = await Assert.ThrowsAsync<RpcException>(() =>
            new RmaService.RmaServiceClient(Suite.Gateway.ChannelAs(station.Caller)).ListRmasAsync(new ListRmasRequest()).ResponseAsync);
        var events = await Suite.Inventory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == "aftersales.events.v1.RmaReturned").Select(m => m.Payload).ToListAsync());

        Assert.StartsWith("RMA-", opened.Code, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, approvedTooEarly.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, confirmByManager.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, shippedTooEarly.StatusCode);
        Assert.Contains(atManufacturer.Rmas, r => r.RmaId == opened.RmaId);
        Problems.AssertFieldViolations(noOutcome, "outcome");
        Assert.Equal((RmaStatus.Returned, RmaOutcome.Repaired), (returned.Status, returned.Outcome));
        Problems.AssertFieldViolations(noConfirmation, "supplier_confirmation");
        Assert.Equal((RmaStatus.Closed, 350L, "INV-2026-1187"), (closed.Status, closed.Fee.Units, closed.SupplierConfirmation));
        Assert.Equal(StatusCode.PermissionDenied, byStation.StatusCode);
        var published = Assert.Single(events.Select(p => AfterSales.Events.V1.RmaReturned.Parser.ParseFrom(p)), e => e.RmaId == opened.RmaId);
        Assert.Equal(("REPAIRED", opened.SerialNumber), (published.Outcome, published.SerialNumber));
    }
}
