using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Common.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform.Events;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Inventory;

/// <summary>The catalogue kept by staff through the gateway: parts added and edited, each price (the first one too) published; stations read it only.</summary>
public class CatalogueTests(Suite suite) : SuiteTest(suite)
{
    private InventoryService.InventoryServiceClient As(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    [Fact]
    public async Task Staff_add_and_edit_parts_each_price_is_published_and_stations_only_read()
    {
        var planner = As(Suite.Callers.Staff("planner"));
        var substitute = await Data.NewPartAsync();
        var number = Unique.Name("P-CT");
        var request = new CreatePartRequest
        {
            PartNumber = number, Name = "变频器风扇", Specification = "24V 0.3A, 适配 AquaChill 500", Unit = "个",
            UnitPrice = new Money { CurrencyCode = "CNY", Units = 85 }, Supplier = "台达电子", SubstitutePartIds = { substitute.Id.ToString() },
            RequestId = Guid.NewGuid().ToString(),
        };

        var created = await planner.CreatePartAsync(request);
        request.RequestId = Guid.NewGuid().ToString();
        var duplicate = await Assert.ThrowsAsync<RpcException>(() => planner.CreatePartAsync(request).ResponseAsync);
        var station = await Data.NewStationAsync();
        var byStation = await Assert.ThrowsAsync<RpcException>(() => As(station.Caller).UpdatePartAsync(new UpdatePartRequest
        {
            PartId = created.PartId, UpdateMask = new FieldMask { Paths = { "name" } }, Name = "x",
        }).ResponseAsync);
        var repriced = await planner.UpdatePartAsync(new UpdatePartRequest
        {
            PartId = created.PartId, UpdateMask = new FieldMask { Paths = { "unit_price", "supplier" } },
            UnitPrice = new Money { CurrencyCode = "CNY", Units = 92, Nanos = 500_000_000 }, Supplier = "台达电子（华东）", RequestId = Guid.NewGuid().ToString(),
        });
        var bad = await Assert.ThrowsAsync<RpcException>(() => planner.UpdatePartAsync(new UpdatePartRequest
        {
            PartId = created.PartId, UpdateMask = new FieldMask { Paths = { "substitute_part_ids", "part_number" } },
            SubstitutePartIds = { created.PartId, "not-an-id" }, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        using var http = Suite.Gateway.HttpAs(station.Caller);
        var read = await http.GetFromJsonAsync<JsonElement>($"/api/inventory/v1/parts/{created.PartId}");
        var events = await Suite.Inventory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Type == "aftersales.events.v1.PartPriceChanged").Select(m => m.Payload).ToListAsync());

        Assert.Equal((number, "个", "台达电子", substitute.Id.ToString()), (created.PartNumber, created.Unit, created.Supplier, created.SubstitutePartIds.Single()));
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, byStation.StatusCode);
        Assert.Equal((92L, 500_000_000, "台达电子（华东）", "变频器风扇"), (repriced.UnitPrice.Units, repriced.UnitPrice.Nanos, repriced.Supplier, repriced.Name));
        Problems.AssertFieldViolations(bad, "substitute_part_ids[1]", "update_mask");
        Assert.Equal("台达电子（华东）", read.GetProperty("supplier").GetString());
        // Catalogued at 85 (no price before), then repriced.
        var published = events.Select(p => AfterSales.Events.V1.PartPriceChanged.Parser.ParseFrom(p)).Where(e => e.PartId == created.PartId).OrderBy(e => e.ChangedAt).ToList();
        Assert.Equal([(null, 85L), (85L, 92L)], published.Select(e => (e.OldPrice?.Units, e.NewPrice.Units)));
    }
}
