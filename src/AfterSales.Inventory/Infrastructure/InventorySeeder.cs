using AfterSales.Inventory.Model;
using AfterSales.Platform;
using AfterSales.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Inventory.Infrastructure;

/// <summary>
/// The demo parts catalogue for the demo assets (lifts, a chiller, access control), the central warehouse
/// and the ledgers of the Hangzhou and Ningbo stations. The parts' classes come from running the ABC rule
/// over a year's demo consumption, as a periodic classification run would.
/// </summary>
internal sealed class InventorySeeder(TimeProvider time) : IDbSeeder<InventoryDbContext>
{
    public async Task SeedAsync(InventoryDbContext context, CancellationToken cancellationToken)
    {
        if (await context.Parts.AnyAsync(cancellationToken))
        {
            return;
        }

        var central = Warehouse.Central(Guid.Parse("1b000000-0000-4000-8000-000000000001"), "WH-CENTRAL", "备件中心库");
        var hangzhou = Warehouse.StationLedger(Guid.Parse("1b000000-0000-4000-8000-000000000002"), "WH-HZ01",
            "杭州西湖特约服务站备件账", DemoIds.StationHangzhou);
        var ningbo = Warehouse.StationLedger(Guid.Parse("1b000000-0000-4000-8000-000000000003"), "WH-NB01",
            "宁波北仑特约服务站备件账", DemoIds.StationNingbo);

        var encoder = new Part(Guid.Parse("1a000000-0000-4000-8000-000000000001"), "P-EL-1001", "曳引机编码器",
            "1024 线增量式, 适配 XO-Lift 2000/3000", 2800.00m);
        var belt = new Part(Guid.Parse("1a000000-0000-4000-8000-000000000002"), "P-EL-1002", "门机皮带",
            "HTD-5M, 长 1200 mm, 适配 XO-Lift 3000", 260.00m);
        var roller = new Part(Guid.Parse("1a000000-0000-4000-8000-000000000003"), "P-EL-1003", "层门滚轮",
            "Φ60 mm 聚氨酯, 全系列通用", 45.00m);
        var capacitor = new Part(Guid.Parse("1a000000-0000-4000-8000-000000000004"), "P-CH-2001", "压缩机启动电容",
            "450 V 60 µF, 适配 AquaChill 500", 380.00m);
        var seal = new Part(Guid.Parse("1a000000-0000-4000-8000-000000000005"), "P-CH-2002", "冷冻水泵机械密封",
            "轴径 35 mm, 适配 AquaChill 500", 620.00m);
        var reader = new Part(Guid.Parse("1a000000-0000-4000-8000-000000000006"), "P-AC-3001", "门禁读卡器",
            "IC/ID 双频, 适配 SecureGate 200", 430.00m);
        var magLock = new Part(Guid.Parse("1a000000-0000-4000-8000-000000000007"), "P-AC-3002", "电磁锁",
            "280 kg 单门, 适配 SecureGate 200", 210.00m);
        var filter = new Part(Guid.Parse("1a000000-0000-4000-8000-000000000008"), "P-GN-9001", "空调过滤网",
            "600×600 mm G4 初效", 85.00m);

        // Units issued from the central warehouse over the last year, booked as the issues they were, so the ABC
        // run (and the month's scheduled one) classifies the demo parts from them; the filter was never needed,
        // so it lands in C whatever its price.
        (Part Part, int UnitsPerYear)[] consumption =
        [
            (encoder, 24), (belt, 60), (roller, 200), (capacitor, 10), (seal, 4), (reader, 3), (magLock, 2), (filter, 0),
        ];
        var now = BusinessCalendar.ToStoredPrecision(time.GetUtcNow());
        var options = new AbcOptions();
        var year = consumption.ToDictionary(c => c.Part.Id, c => c.UnitsPerYear);
        foreach (var result in AbcPlanning.Plan([.. consumption.Select(c => c.Part)], year, options.WindowDays, options))
        {
            consumption.Single(c => c.Part.Id == result.PartId).Part.Plan(result);
        }

        context.Warehouses.AddRange(central, hangzhou, ningbo);
        context.Parts.AddRange(consumption.Select(c => c.Part));
        var opening = new List<Movement>();
        StockLevel Stock(Warehouse warehouse, Part part, int onHand, int reserved = 0)
        {
            var level = new StockLevel(warehouse.Id, part.Id);
            if (warehouse == central && year[part.Id] is > 0 and var units)
            {
                // The year's issues: received, promised and handed out, months ago.
                opening.Add(level.Receive(units, MovementKind.Receipt, DemoYear, DemoYear, now.AddDays(-300)));
                opening.Add(level.Reserve(units, part.PartNumber, DemoYear, DemoYear, now.AddDays(-200)));
                opening.Add(level.Issue(units, DemoYear, DemoYear, now.AddDays(-100)));
            }
            // Opening balances, booked as movements so each level is the sum of its ledger.
            opening.Add(level.Receive(onHand, MovementKind.Receipt, OpeningBalance, OpeningBalance, now));
            if (reserved > 0)
            {
                opening.Add(level.Reserve(reserved, part.PartNumber, OpeningBalance, OpeningBalance, now));
            }
            return level;
        }
        context.StockLevels.AddRange(
            Stock(central, encoder, onHand: 6, reserved: 2),
            Stock(central, belt, onHand: 20),
            Stock(central, roller, onHand: 150, reserved: 10),
            Stock(central, capacitor, onHand: 8),
            Stock(central, seal, onHand: 4),
            Stock(central, reader, onHand: 5),
            Stock(central, magLock, onHand: 6),
            Stock(central, filter, onHand: 40),
            Stock(hangzhou, encoder, onHand: 1, reserved: 1),
            Stock(hangzhou, belt, onHand: 4, reserved: 2),
            Stock(hangzhou, roller, onHand: 20),
            Stock(hangzhou, capacitor, onHand: 2),
            Stock(hangzhou, reader, onHand: 2, reserved: 1),
            Stock(ningbo, encoder, onHand: 1),
            Stock(ningbo, belt, onHand: 2),
            Stock(ningbo, roller, onHand: 10));
        context.Movements.AddRange(opening);
        await context.SaveChangesAsync(cancellationToken);
    }

    private const string OpeningBalance = "OPENING-BALANCE";
    private const string DemoYear = "DEMO-YEAR";
}
