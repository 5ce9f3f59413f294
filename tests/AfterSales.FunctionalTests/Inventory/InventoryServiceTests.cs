using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AfterSales.FunctionalTests.Inventory;

public class InventoryServiceTests(Suite suite) : SuiteTest(suite)
{
    private const string Encoder = "P-EL-1001";
    private const string Filter = "P-GN-9001";

    private InventoryService.InventoryServiceClient Client => new(Suite.Inventory.Channel);

    private async Task<Part> PartAsync(string partNumber)
    {
        var catalogue = await Paging.ReadAsync(
            token => Client.ListPartsAsync(new ListPartsRequest { PageSize = 100, PageToken = token }).ResponseAsync,
            page => page.Parts, page => page.NextPageToken, enough: read => read.Any(p => p.PartNumber == partNumber));
        return catalogue.Single(p => p.PartNumber == partNumber);
    }

    [Fact]
    public async Task GetPart_returns_the_part_with_its_price_in_yuan()
    {
        var encoder = await PartAsync(Encoder);

        var read = await Client.GetPartAsync(new GetPartRequest { PartId = encoder.PartId });

        Assert.Equal("曳引机编码器", read.Name);
        Assert.Equal(("CNY", 2800L, 0), (read.UnitPrice.CurrencyCode, read.UnitPrice.Units, read.UnitPrice.Nanos));
        Assert.Equal(encoder, read);
    }

    [Theory]
    [InlineData(Encoder, AbcClass.A)]
    [InlineData("P-EL-1002", AbcClass.A)]
    [InlineData("P-EL-1003", AbcClass.B)]
    [InlineData("P-CH-2002", AbcClass.C)]
    [InlineData(Filter, AbcClass.C)]
    public async Task The_seeded_parts_carry_the_class_of_their_consumption_value(string partNumber, AbcClass expected)
    {
        // As the month's scheduled run classified them at start, over the seeded year of issues alone: any later run
        // (the access matrix calls RunAbcClassification too) classifies every part again with what the tests issued.
        var run = await Suite.Inventory.WithDbAsync(db => db.AbcRuns.AsNoTracking().SingleAsync(r => r.Trigger == AfterSales.Inventory.Model.AbcTrigger.Scheduled));

        var result = run.Results.Single(r => r.PartNumber == partNumber);

        Assert.Equal(expected, (AbcClass)result.Class);
        Assert.Equal((await PartAsync(partNumber)).PartId, result.PartId.ToString());
    }

    [Fact]
    public async Task ListParts_pages_through_the_catalogue_in_part_number_order_once()
    {
        var own = new[] { await Data.NewPartAsync(), await Data.NewPartAsync() };

        var seen = await Paging.ReadAsync(async token =>
        {
            var page = await Client.ListPartsAsync(new ListPartsRequest { PageSize = 3, PageToken = token });
            Assert.InRange(page.Parts.Count, 1, 3);
            return page;
        }, page => page.Parts, page => page.NextPageToken);

        Assert.Equal(seen.Count, seen.Select(p => p.PartId).Distinct().Count());
        Assert.Equal(seen.Select(p => p.PartNumber).Order(StringComparer.Ordinal), seen.Select(p => p.PartNumber));
        Assert.Subset(seen.Select(p => p.PartId).ToHashSet(), own.Select(p => p.Id.ToString()).ToHashSet());
        Assert.Subset(seen.Select(p => p.PartNumber).ToHashSet(), new HashSet<string> { Encoder, Filter });
    }

    [Fact]
    public async Task GetStockLevels_lists_the_central_warehouse_first_then_each_station_ledger()
    {
        var encoder = await PartAsync(Encoder);

        var stock = await Client.GetStockLevelsAsync(new GetStockLevelsRequest { PartId = encoder.PartId });

        Assert.Equal(encoder.PartId, stock.PartId);
        Assert.Equal(
            [("WH-CENTRAL", "", 6, 2, 4), ("WH-HZ01", DemoIds.StationHangzhou.ToString(), 1, 1, 0), ("WH-NB01", DemoIds.StationNingbo.ToString(), 1, 0, 1)],
            stock.StockLevels.Select(l => (l.Warehouse.Code, l.Warehouse.StationId, l.OnHand, l.Reserved, l.Available)));
    }

    [Fact]
    public async Task A_part_never_sent_to_a_station_is_only_in_the_central_warehouse()
    {
        var filter = await PartAsync(Filter);

        var stock = await Client.GetStockLevelsAsync(new GetStockLevelsRequest { PartId = filter.PartId });

        Assert.Equal("WH-CENTRAL", Assert.Single(stock.StockLevels).Warehouse.Code);
    }

    [Fact]
    public async Task Json_callers_read_stock_levels()
    {
        var encoder = await PartAsync(Encoder);

        var stock = await Suite.Inventory.Http.GetFromJsonAsync<JsonElement>($"/api/inventory/v1/parts/{encoder.PartId}/stock-levels");

        var central = stock.GetProperty("stockLevels")[0];
        Assert.Equal("WH-CENTRAL", central.GetProperty("warehouse").GetProperty("code").GetString());
        Assert.Equal(4, central.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task Json_callers_get_a_problem_naming_a_malformed_part_id()
    {
        var response = await Suite.Inventory.Http.GetAsync("/api/inventory/v1/parts/not-an-id");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        Assert.True(problem.GetProperty("errors").TryGetProperty("part_id", out _));
    }

    [Fact]
    public async Task A_page_size_beyond_the_maximum_is_a_field_violation()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ListPartsAsync(new ListPartsRequest { PageSize = 101 }).ResponseAsync);

        Problems.AssertFieldViolations(error, "page_size");
    }

    [Fact]
    public async Task An_unknown_part_is_not_found_and_has_no_stock_levels()
    {
        var unknown = Guid.NewGuid().ToString();

        var part = await Assert.ThrowsAsync<RpcException>(() => Client.GetPartAsync(new GetPartRequest { PartId = unknown }).ResponseAsync);
        var stock = await Assert.ThrowsAsync<RpcException>(() =>
            Client.GetStockLevelsAsync(new GetStockLevelsRequest { PartId = unknown }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, part.StatusCode);
        Assert.Equal(StatusCode.NotFound, stock.StatusCode);
    }

    [Fact]
    public async Task Two_reservations_read_from_the_same_stock_level_cannot_both_be_saved()
    {
        var part = await Data.NewPartAsync(onHand: 6, reserved: 2);

        await Suite.Inventory.WithDbAsync(async first =>
        {
            var level = await CentralStockAsync(first, part.Id);
            await Suite.Inventory.WithDbAsync(async second =>
            {
                (await CentralStockAsync(second, part.Id)).Reserve(4, part.PartNumber, "RQ-1", "test", DateTimeOffset.UtcNow);
                return await second.SaveChangesAsync();
            });

            level.Reserve(4, part.PartNumber, "RQ-2", "test", DateTimeOffset.UtcNow);

            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
            return 0;
        });

        var saved = await Suite.Inventory.WithDbAsync(db => CentralStockAsync(db, part.Id));
        Assert.Equal((6, 6), (saved.OnHand, saved.Reserved));
    }

    [Fact]
    public async Task The_database_refuses_more_reserved_than_on_hand()
    {
        var part = await Data.NewPartAsync(onHand: 3);

        var error = await Assert.ThrowsAsync<PostgresException>(() => Suite.Inventory.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE inventory.\"StockLevels\" SET \"Reserved\" = \"OnHand\" + 1 WHERE \"PartId\" = {part.Id}")));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    private static Task<AfterSales.Inventory.Model.StockLevel> CentralStockAsync(AfterSales.Inventory.Infrastructure.InventoryDbContext db, Guid partId) =>
        db.StockLevels.SingleAsync(l => l.PartId == partId && l.WarehouseId == db.Warehouses.Single(w => w.StationId == null).Id);
}
