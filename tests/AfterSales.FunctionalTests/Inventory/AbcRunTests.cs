using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.FunctionalTests.Inventory;

/// <summary>
/// ABC classification from the parts really issued, through the gateway: every part gets the class its
/// consumption value gives among all parts', its safety stock and reorder point, the run is kept, and a part
/// whose central stock is below its reorder point is suggested for purchase. Exclusive: a run reclassifies
/// every part, the seeded ones other tests read included.
/// </summary>
[Collection(ExclusiveCollection.Name)]
public class AbcRunTests(Suite suite) : SuiteTest(suite)
{
    private PlanningService.PlanningServiceClient Planning(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    /// <summary>Issues <paramref name="units"/> of a new part, received centrally with <paramref name="extra"/> more, for a ticket of a station of its own.</summary>
    private async Task<TestPart> IssuedAsync(int units, int extra)
    {
        var part = await Data.NewPartAsync(onHand: units + extra);
        var station = await Data.NewStationAsync();
        var storekeeper = new StockService.StockServiceClient(Suite.Gateway.ChannelAs(Suite.Callers.Staff("manager")));
        await storekeeper.TransferStockAsync(new TransferStockRequest
        {
            ToStationId = station.Id.ToString(), Lines = { new StockLine { PartId = part.Id.ToString(), Quantity = units } }, RequestId = Guid.NewGuid().ToString(),
        });
        var asset = await Data.NewAssetAsync(station);
        var ticket = await new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller)).CreateTicketAsync(Requests.Intake(asset.SerialNumber));
        var stock = new StockService.StockServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var requisition = await stock.ProposeRequisitionAsync(new ProposeRequisitionRequest
        {
            TicketId = ticket.TicketId, Lines = { new StockLine { PartId = part.Id.ToString(), Quantity = units } }, RequestId = Guid.NewGuid().ToString(),
        });
        await stock.ApproveRequisitionAsync(new DecideRequisitionRequest { RequisitionId = requisition.RequisitionId, RequestId = Guid.NewGuid().ToString() });
        await stock.IssueRequisitionAsync(new DecideRequisitionRequest { RequisitionId = requisition.RequisitionId, RequestId = Guid.NewGuid().ToString() });
        return part;
    }

    [Fact]
    public async Task A_run_classifies_every_part_by_its_issues_keeps_its_history_and_suggests_what_runs_short()
    {
        var plenty = await IssuedAsync(units: 30, extra: 100);
        var gone = await IssuedAsync(units: 20, extra: 0);
        var manager = Planning(Suite.Callers.Staff("manager"));

        var run = await manager.RunAbcClassificationAsync(new RunAbcClassificationRequest { RequestId = Guid.NewGuid().ToString() });
        var listed = await manager.ListAbcRunsAsync(new ListAbcRunsRequest());
        var suggestions = await manager.ListPurchaseSuggestionsAsync(new ListPurchaseSuggestionsRequest());
        var part = await new InventoryService.InventoryServiceClient(Suite.Gateway.ChannelAs(Suite.Callers.Staff("manager")))
            .GetPartAsync(new GetPartRequest { PartId = gone.Id.ToString() });
        var station = await Data.NewStationAsync();
        var byStation = await Assert.ThrowsAsync<RpcException>(() =>
            Planning(station.Caller).RunAbcClassificationAsync(new RunAbcClassificationRequest()).ResponseAsync);
        var badShares = await Assert.ThrowsAsync<RpcException>(() =>
            manager.RunAbcClassificationAsync(new RunAbcClassificationRequest { AShare = 0.9, BShare = 0.2, WindowDays = 5 }).ResponseAsync);
        var notANumber = await Assert.ThrowsAsync<RpcException>(() =>
            manager.RunAbcClassificationAsync(new RunAbcClassificationRequest { AShare = double.NaN, BShare = double.PositiveInfinity }).ResponseAsync);

        // Each class is the one the rule gives the run's own consumption values, all parts together.
        var expected = Model.AbcClassification.Classify(
            run.Results.Select(r => new Model.PartConsumption(Guid.Parse(r.PartId), r.ConsumptionValue.Units + r.ConsumptionValue.Nanos / 1e9m)).ToList(),
            Model.AbcThresholds.Default);
        Assert.All(run.Results, r => Assert.Equal((AbcClass)expected[Guid.Parse(r.PartId)], r.AbcClass));
        var plentyResult = run.Results.Single(r => r.PartId == plenty.Id.ToString());
        var goneResult = run.Results.Single(r => r.PartId == gone.Id.ToString());
        Assert.Equal((30, 3000L), (plentyResult.IssuedUnits, plentyResult.ConsumptionValue.Units));
        Assert.Equal((20, 2000L), (goneResult.IssuedUnits, goneResult.ConsumptionValue.Units));
        Assert.True(goneResult.ReorderPoint > 0);
        Assert.Equal((goneResult.AbcClass, goneResult.ReorderPoint), (part.AbcClass, part.ReorderPoint));
        Assert.Equal(run.RunId, listed.Runs[0].RunId);
        Assert.Empty(listed.Runs[0].Results);
        Assert.Equal(run.Results.Count, run.ClassAParts + run.ClassBParts + run.ClassCParts);
        var suggestion = Assert.Single(suggestions.Suggestions, s => s.PartId == gone.Id.ToString());
        Assert.Equal(0, suggestion.Available);
        Assert.True(suggestion.SuggestedQuantity >= goneResult.ReorderPoint);
        Assert.DoesNotContain(suggestions.Suggestions, s => s.PartId == plenty.Id.ToString());
        Assert.Equal(StatusCode.PermissionDenied, byStation.StatusCode);
        Problems.AssertFieldViolations(badShares, "a_share", "window_days");
        Problems.AssertFieldViolations(notANumber, "a_share");
    }

    [Fact]
    public async Task The_month_s_scheduled_run_is_made_once_at_start()
    {
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var scheduled = await Eventually.ValueAsync(async () => await Suite.Inventory.WithDbAsync(db =>
            db.AbcRuns.Where(r => r.Period == month).ToListAsync()) is { Count: > 0 } runs ? runs : null);

        var run = Assert.Single(scheduled);
        Assert.Equal((Model.AbcTrigger.Scheduled, "scheduler"), (run.Trigger, run.RanBy));
    }
}
