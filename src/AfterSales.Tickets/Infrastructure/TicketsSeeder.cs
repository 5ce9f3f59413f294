using AfterSales.Platform.Data;
using AfterSales.Tickets.Model;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tickets.Infrastructure;

/// <summary>The demo service network: two partner stations and their technicians.</summary>
internal sealed class TicketsSeeder : IDbSeeder<TicketsDbContext>
{
    public async Task SeedAsync(TicketsDbContext context, CancellationToken cancellationToken)
    {
        if (await context.Stations.AnyAsync(cancellationToken))
        {
            return;
        }

        context.Stations.AddRange(
            new Station(DemoIds.StationHangzhou, "ST-HZ01", "杭州西湖特约服务站", "ZJ-HZ"),
            new Station(DemoIds.StationNingbo, "ST-NB01", "宁波北仑特约服务站", "ZJ-NB"));
        context.Technicians.AddRange(
            new Technician(Guid.Parse("0f000000-0000-4000-8000-000000000001"), DemoIds.StationHangzhou, "张伟", ["elevator", "electrical"],
                ["lift-maintenance-licence", "electrician-licence"], "ZJ-HZ"),
            new Technician(Guid.Parse("0f000000-0000-4000-8000-000000000002"), DemoIds.StationHangzhou, "刘洋", ["hvac"], ["refrigeration-licence"], "ZJ-HZ"),
            new Technician(Guid.Parse("0f000000-0000-4000-8000-000000000003"), DemoIds.StationHangzhou, "孙丽", ["access-control", "electrical"],
                [], "ZJ-HZ"),
            new Technician(Guid.Parse("0f000000-0000-4000-8000-000000000004"), DemoIds.StationNingbo, "周强", ["elevator"], ["lift-maintenance-licence"], "ZJ-NB"));
        // The demo technician's account (identity's user "technician") is 张伟's.
        context.Technicians.Local.Single(t => t.Name == "张伟").LinkAccount(DemoTechnicianUser);
        await context.SaveChangesAsync(cancellationToken);
    }

    private static readonly Guid DemoTechnicianUser = Guid.Parse("1d000000-0000-4000-8000-000000000003");
}
