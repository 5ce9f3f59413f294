using AfterSales.Billing.V1;
using AfterSales.Common.V1;
using AfterSales.Events.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform.Events;
using AfterSales.Platform.V1;
using AfterSales.ServiceDefaults;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using FeeItem = AfterSales.Billing.V1.FeeItem;
using FeeKind = AfterSales.Billing.V1.FeeKind;

namespace AfterSales.FunctionalTests.Billing;

/// <summary>
/// The fee schedule charges parts at the inventory catalogue's price: a part staff catalogue or reprice in
/// inventory reaches billing through PartPriceChanged, and an older change delivered late does not undo a newer.
/// </summary>
public sealed class PartPriceTests(Suite suite) : SuiteTest(suite), IDisposable
{
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(suite.Servers.Redis);

    private InventoryService.InventoryServiceClient Catalogue => new(Suite.Gateway.ChannelAs(Suite.Callers.Staff("planner")));

    private BillingService.BillingServiceClient Billing => new(Suite.Gateway.ChannelAs(Suite.Callers.Staff("finance")));

    public void Dispose() => _redis.Dispose();

    private static Money Yuan(long units, int nanos = 0) => new() { CurrencyCode = "CNY", Units = units, Nanos = nanos };

    /// <summary>Catalogues a part of the test's own, as staff, through the gateway.</summary>
    private Task<Part> CataloguePartAsync(Money price) => Catalogue.CreatePartAsync(new CreatePartRequest
    {
        PartNumber = Unique.Name("P-FEE"), Name = "变频器风扇", Specification = "24V 0.3A", Unit = "个", UnitPrice = price,
        RequestId = Guid.NewGuid().ToString(),
    }).ResponseAsync;

    private Task<Part> RepriceAsync(Part part, Money price) => Catalogue.UpdatePartAsync(new UpdatePartRequest
    {
        PartId = part.PartId, UpdateMask = new FieldMask { Paths = { "unit_price" } }, UnitPrice = price, RequestId = Guid.NewGuid().ToString(),
    }).ResponseAsync;

    /// <summary>The fee item of the part, once billing has one at <paramref name="price"/>.</summary>
    private Task<FeeItem> FeeItemAtAsync(string code, Money price) => Eventually.ValueAsync(async () =>
    {
        var schedule = await Billing.ListFeeItemsAsync(new ListFeeItemsRequest());
        return schedule.FeeItems.SingleOrDefault(f => f.Code == code && f.Price.Equals(price));
    });

    private static string CodeOf(Part part) => "PRT-" + part.PartNumber;

    [Fact]
    public async Task A_part_catalogued_in_inventory_enters_the_fee_schedule_at_its_price()
    {
        var part = await CataloguePartAsync(Yuan(85));

        var item = await Eventually.AnsweredAsync(() => Billing.GetFeeItemAsync(new GetFeeItemRequest { FeeCode = CodeOf(part) }).ResponseAsync);

        Assert.Equal((part.PartNumber, "变频器风扇", FeeKind.Part, "个"), (item.PartNumber, item.Name, item.Kind, item.Unit));
        Assert.Equal(Yuan(85), item.Price);
    }

    [Fact]
    public async Task A_price_staff_change_in_inventory_is_the_fee_schedule_s_price_once_delivered_and_is_audited()
    {
        var part = await CataloguePartAsync(Yuan(85));
        await FeeItemAtAsync(CodeOf(part), Yuan(85));

        await RepriceAsync(part, Yuan(92, 500_000_000));

        var listed = await FeeItemAtAsync(CodeOf(part), Yuan(92, 500_000_000));
        var read = await Billing.GetFeeItemAsync(new GetFeeItemRequest { FeeCode = CodeOf(part) });
        var quote = await Billing.QuoteAsync(new QuoteRequest
        {
            Category = ServiceCategory.Paid, Lines = { new WorkLine { FeeCode = CodeOf(part), Quantity = 2 } },
        });
        Assert.Equal(listed, read);
        Assert.Equal(Yuan(185), quote.Total);
        var itemId = await Suite.Billing.WithDbAsync(db => db.FeeItems.Where(f => f.PartNumber == part.PartNumber).Select(f => f.Id).SingleAsync());
        var trail = (await new AuditService.AuditServiceClient(Suite.Billing.Channel).ListAuditEntriesAsync(
            new ListAuditEntriesRequest { Service = ResourceNames.Billing, EntityId = itemId.ToString() })).Entries;
        Assert.Equal(["MODIFIED", "ADDED"], trail.Select(e => e.Change));
        Assert.All(trail, e => Assert.Equal(("FeeItem", "system"), (e.EntityType, e.Actor)));
        Assert.All(trail, e => Assert.Contains(PartPriceChanged.Descriptor.FullName, e.Operation));
        Assert.Contains("92.5", trail[0].ValuesJson);
    }

    [Fact]
    public async Task A_part_item_tied_to_a_catalogue_part_takes_the_catalogue_s_price_under_its_own_code()
    {
        var number = Unique.Name("P-FEE");
        var code = Unique.Name("PRT-HAND");
        await Suite.Billing.WithDbAsync(db =>
        {
            db.FeeItems.Add(new AfterSales.Billing.Model.FeeItem(Guid.NewGuid(), code, "手工皮带", AfterSales.Billing.Model.FeeKind.Part, "件", 1.00m, number));
            return db.SaveChangesAsync();
        });

        await Catalogue.CreatePartAsync(new CreatePartRequest
        {
            PartNumber = number, Name = "门机皮带", Unit = "件", UnitPrice = Yuan(260), RequestId = Guid.NewGuid().ToString(),
        });

        var item = await FeeItemAtAsync(code, Yuan(260));
        Assert.Equal((number, "手工皮带"), (item.PartNumber, item.Name));
        Assert.Equal(0, await Suite.Billing.WithDbAsync(db => db.FeeItems.CountAsync(f => f.Code == "PRT-" + number)));
    }

    [Fact]
    public async Task An_older_price_change_delivered_after_a_newer_one_does_not_undo_it()
    {
        var part = await CataloguePartAsync(Yuan(85));
        await RepriceAsync(part, Yuan(92, 500_000_000));
        await FeeItemAtAsync(CodeOf(part), Yuan(92, 500_000_000));
        // The part's first price, as inventory published it, arriving again late (a relay's re-send, a replay).
        var first = await Suite.Inventory.WithDbAsync(async db => (await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.Type == PartPriceChanged.Descriptor.FullName).Select(m => m.Payload).ToListAsync())
            .Select(p => PartPriceChanged.Parser.ParseFrom(p))
            .Single(e => e.PartId == part.PartId && e.OldPrice is null));
        var late = Guid.NewGuid();

        await PublishedEvents.AddAsync(_redis.GetDatabase(), late, first);
        await Eventually.TrueAsync(() => Suite.Billing.WithDbAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.EventId == late)));

        Assert.Equal(Yuan(85), first.NewPrice);
        var item = await Billing.GetFeeItemAsync(new GetFeeItemRequest { FeeCode = CodeOf(part) });
        Assert.Equal(Yuan(92, 500_000_000), item.Price);
    }

    [Fact]
    public async Task The_seeded_part_items_carry_their_catalogue_part_s_price()
    {
        var schedule = await Billing.ListFeeItemsAsync(new ListFeeItemsRequest());
        var seeded = schedule.FeeItems.Where(f => f.Code is "PRT-BELT" or "PRT-CAPACITOR" or "PRT-READER").ToList();

        var catalogue = await Catalogue.LookUpPartsAsync(new LookUpPartsRequest { PartNumbers = { seeded.Select(f => f.PartNumber) } });

        Assert.Equal(["P-AC-3001", "P-CH-2001", "P-EL-1002"], seeded.Select(f => f.PartNumber).Order(StringComparer.Ordinal));
        Assert.Equal(
            catalogue.Parts.Select(p => (p.PartNumber, p.Name, p.Unit, p.UnitPrice)).OrderBy(p => p.PartNumber, StringComparer.Ordinal),
            seeded.Select(f => (f.PartNumber, f.Name, f.Unit, f.Price)).OrderBy(p => p.PartNumber, StringComparer.Ordinal));
    }
}
