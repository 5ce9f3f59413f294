using AfterSales.Billing.Model;
using AfterSales.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Billing.Infrastructure;

/// <summary>
/// The demo fee schedule: labour, travel, common parts, device additions and relocations. Each part item is tied
/// to its part of the inventory catalogue and carries the catalogue's demo price; from then on the catalogue's
/// price changes (PartPriceChanged) set it.
/// </summary>
internal sealed class BillingSeeder : IDbSeeder<BillingDbContext>
{
    public async Task SeedAsync(BillingDbContext context, CancellationToken cancellationToken)
    {
        if (await context.FeeItems.AnyAsync(cancellationToken))
        {
            return;
        }

        context.FeeItems.AddRange(
            new FeeItem(Guid.Parse("2a000000-0000-4000-8000-000000000001"), "LAB-STD", "标准工时", FeeKind.Labour, "小时", 120.00m),
            new FeeItem(Guid.Parse("2a000000-0000-4000-8000-000000000002"), "LAB-OFFHOURS", "夜间及节假日工时", FeeKind.Labour, "小时", 180.00m),
            new FeeItem(Guid.Parse("2a000000-0000-4000-8000-000000000003"), "TRV-CITY", "市区上门", FeeKind.Travel, "次", 50.00m),
            new FeeItem(Guid.Parse("2a000000-0000-4000-8000-000000000004"), "TRV-KM", "市区外路程", FeeKind.Travel, "公里", 2.50m),
            new FeeItem(Guid.Parse("2a000000-0000-4000-8000-000000000005"), "PRT-BELT", "门机皮带", FeeKind.Part, "件", 260.00m, "P-EL-1002"),
            new FeeItem(Guid.Parse("2a000000-0000-4000-8000-000000000006"), "PRT-CAPACITOR", "压缩机启动电容", FeeKind.Part, "件", 380.00m, "P-CH-2001"),
            new FeeItem(Guid.Parse("2a000000-0000-4000-8000-000000000007"), "PRT-READER", "门禁读卡器", FeeKind.Part, "件", 430.00m, "P-AC-3001"),
            new FeeItem(Guid.Parse("2a000000-0000-4000-8000-000000000008"), "ADD-READER", "新增门禁点位", FeeKind.DeviceAddition, "点", 800.00m),
            new FeeItem(Guid.Parse("2a000000-0000-4000-8000-000000000009"), "ADD-CAMERA", "新增监控摄像机", FeeKind.DeviceAddition, "台", 650.00m),
            new FeeItem(Guid.Parse("2a000000-0000-4000-8000-00000000000a"), "MOV-UNIT", "设备移机", FeeKind.Relocation, "台", 300.00m));
        await context.SaveChangesAsync(cancellationToken);
    }
}
