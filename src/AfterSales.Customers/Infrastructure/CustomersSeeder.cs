using AfterSales.Customers.Model;
using AfterSales.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Customers.Infrastructure;

/// <summary>
/// Demo customers a newcomer meets in Development: one of each kind of entitlement (free, contract,
/// paid) at the Hangzhou station and one customer of the Ningbo station.
/// </summary>
internal sealed class CustomersSeeder(TimeProvider time) : IDbSeeder<CustomersDbContext>
{
    public async Task SeedAsync(CustomersDbContext context, CancellationToken cancellationToken)
    {
        if (await context.Customers.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        var towers = new Customer(Guid.Parse("0c000000-0000-4000-8000-000000000001"), "C-0001", "西湖国际大厦物业管理有限公司",
            CustomerAttribute.AnnualContract, DemoIds.StationHangzhou, now);
        towers.ReplaceContacts([new Contact("王建国", "0571-8888-1001")]);
        var towersSite = new Site(Guid.Parse("05000000-0000-4000-8000-000000000001"), "西湖国际大厦", "杭州市西湖区文三路 100 号", "ZJ-HZ", 8);
        towers.Sites.Add(towersSite);

        var hospital = new Customer(Guid.Parse("0c000000-0000-4000-8000-000000000002"), "C-0002", "杭州市第七人民医院",
            CustomerAttribute.InWarranty, DemoIds.StationHangzhou, now);
        hospital.ReplaceContacts([new Contact("李敏", "0571-8888-2002")]);
        var hospitalSite = new Site(Guid.Parse("05000000-0000-4000-8000-000000000002"), "门诊楼", "杭州市西湖区天目山路 305 号", "ZJ-HZ", 15);
        hospital.Sites.Add(hospitalSite);

        var school = new Customer(Guid.Parse("0c000000-0000-4000-8000-000000000003"), "C-0003", "萧山实验中学",
            CustomerAttribute.ContactLetter, DemoIds.StationHangzhou, now);
        school.ReplaceContacts([new Contact("陈老师", "0571-8888-3003")]);
        var schoolSite = new Site(Guid.Parse("05000000-0000-4000-8000-000000000003"), "主校区", "杭州市萧山区市心路 12 号", "ZJ-HZ", 130);
        school.Sites.Add(schoolSite);

        var port = new Customer(Guid.Parse("0c000000-0000-4000-8000-000000000004"), "C-0004", "北仑港务集团",
            CustomerAttribute.PerVisitContract, DemoIds.StationNingbo, now);
        port.ReplaceContacts([new Contact("赵海", "0574-8666-4004")]);
        var portSite = new Site(Guid.Parse("05000000-0000-4000-8000-000000000004"), "三期码头", "宁波市北仑区港城路 8 号", "ZJ-NB", 20);
        port.Sites.Add(portSite);

        var lift = new Asset(Guid.Parse("0e000000-0000-4000-8000-000000000001"), towers.Id, towersSite.Id, "XO-Lift 3000",
            DemoIds.SerialUnderContract, new DateOnly(2019, 6, 1), "4.2.0", 24,
            [new Component("MOTOR", "曳引机", 60), new Component("DOOR", "门机系统", 24)]);
        var chiller = new Asset(Guid.Parse("0e000000-0000-4000-8000-000000000002"), hospital.Id, hospitalSite.Id, "AquaChill 500",
            DemoIds.SerialInWarranty, today.AddMonths(-2), "2.1.3", 24,
            [new Component("COMP", "压缩机", 60), new Component("PUMP", "冷冻水泵", 12)]);
        var gate = new Asset(Guid.Parse("0e000000-0000-4000-8000-000000000003"), school.Id, schoolSite.Id, "SecureGate 200",
            DemoIds.SerialOutOfWarranty, new DateOnly(2018, 3, 15), "1.0.7", 12, []);
        var craneLift = new Asset(Guid.Parse("0e000000-0000-4000-8000-000000000004"), port.Id, portSite.Id, "XO-Lift 2000",
            DemoIds.SerialNingbo, new DateOnly(2024, 1, 10), "4.1.0", 12, [new Component("MOTOR", "曳引机", 36)]);

        var maintenance = new Contract(Guid.Parse("0d000000-0000-4000-8000-000000000001"), towers.Id, "HT-2026-001",
            ContractKind.Maintenance, today.AddMonths(-6), today.AddMonths(6), 48000m, [lift.Id]);
        var perVisit = new Contract(Guid.Parse("0d000000-0000-4000-8000-000000000002"), port.Id, "HT-2026-002",
            ContractKind.PerVisit, today.AddMonths(-3), today.AddMonths(9), 800m, []);

        context.Customers.AddRange(towers, hospital, school, port);
        context.Assets.AddRange(lift, chiller, gate, craneLift);
        context.Contracts.AddRange(maintenance, perVisit);
        await context.SaveChangesAsync(cancellationToken);
    }
}
