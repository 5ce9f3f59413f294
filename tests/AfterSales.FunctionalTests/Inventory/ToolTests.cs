using AfterSales.Common.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Inventory.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Inventory;

/// <summary>
/// The tool register through the gateway: a station registers its technicians' tools (valuable ones fixed assets),
/// hands one over, and records one lost with the compensation due; another station sees none of it.
/// </summary>
public class ToolTests(Suite suite) : SuiteTest(suite)
{
    private ToolService.ToolServiceClient Tools(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    private static string NewId() => Guid.NewGuid().ToString();

    private static Money Yuan(long units) => new() { CurrencyCode = "CNY", Units = units };

    [Fact]
    public async Task A_station_registers_hands_over_and_loses_its_technicians_tools_valuable_ones_as_fixed_assets()
    {
        var station = await Data.NewStationAsync(technicians: 2);
        var other = await Data.NewStationAsync(technicians: 1);
        var technicians = await Suite.Tickets.WithDbAsync(db => db.Technicians.Where(t => t.StationId == station.Id || t.StationId == other.Id)
            .Select(t => new { t.Id, t.StationId, t.Name }).ToListAsync());
        var (first, second) = (technicians.Single(t => t.StationId == station.Id && t.Name == "技术员 1").Id, technicians.Single(t => t.StationId == station.Id && t.Name == "技术员 2").Id);
        var othersTechnician = technicians.Single(t => t.StationId == other.Id).Id;
        var tools = Tools(station.Caller);
        RegisterToolRequest Register(string name, long value, Guid technician) => new()
        {
            Name = name, Value = Yuan(value), StationId = station.Id.ToString(), TechnicianId = technician.ToString(), SerialNumber = Unique.Name("SN"), RequestId = NewId(),
        };

        var tester = await tools.RegisterToolAsync(Register("绝缘电阻测试仪", 3500, first));
        var wrench = await tools.RegisterToolAsync(Register("力矩扳手", 800, first));
        var foreignTechnician = await Assert.ThrowsAsync<RpcException>(() => tools.RegisterToolAsync(Register("万用表", 600, othersTechnician)).ResponseAsync);
        var handedOver = await tools.HandOverToolAsync(new HandOverToolRequest { ToolId = tester.ToolId, TechnicianId = second.ToString(), RequestId = NewId() });
        var noCompensation = await Assert.ThrowsAsync<RpcException>(() => tools.ReportToolLossAsync(new ReportToolLossRequest
        {
            ToolId = tester.ToolId, Kind = ToolStatus.Lost, Cause = "现场遗失", RequestId = NewId(),
        }).ResponseAsync);
        var wornOutPaid = await Assert.ThrowsAsync<RpcException>(() => tools.ReportToolLossAsync(new ReportToolLossRequest
        {
            ToolId = wrench.ToolId, Kind = ToolStatus.WornOut, Cause = "正常磨损", Compensation = Yuan(10), RequestId = NewId(),
        }).ResponseAsync);
        var othersLoss = await Assert.ThrowsAsync<RpcException>(() => Tools(other.Caller).ReportToolLossAsync(new ReportToolLossRequest
        {
            ToolId = tester.ToolId, Kind = ToolStatus.WornOut, Cause = "正常磨损", RequestId = NewId(),
        }).ResponseAsync);
        var lost = await tools.ReportToolLossAsync(new ReportToolLossRequest
        {
            ToolId = tester.ToolId, Kind = ToolStatus.Lost, Cause = "现场遗失", Compensation = Yuan(500), RequestId = NewId(),
        });
        var afterLoss = await Assert.ThrowsAsync<RpcException>(() => tools.HandOverToolAsync(
            new HandOverToolRequest { ToolId = tester.ToolId, TechnicianId = first.ToString(), RequestId = NewId() }).ResponseAsync);
        var fixedAssets = await Tools(Suite.Callers.Staff("manager")).ListToolsAsync(new ListToolsRequest { StationId = station.Id.ToString(), FixedAssetsOnly = true });
        var othersList = await Tools(other.Caller).ListToolsAsync(new ListToolsRequest { PageSize = 100 });

        Assert.Equal((true, false), (tester.FixedAsset, wrench.FixedAsset));
        Assert.Equal("技术员 1", tester.TechnicianName);
        Problems.AssertFieldViolations(foreignTechnician, "technician_id");
        Assert.Equal((second.ToString(), first.ToString()), (handedOver.TechnicianId, Assert.Single(handedOver.HandOvers).FromTechnicianId));
        Problems.AssertFieldViolations(noCompensation, "compensation");
        Problems.AssertFieldViolations(wornOutPaid, "compensation");
        Assert.Equal(StatusCode.NotFound, othersLoss.StatusCode);
        Assert.Equal((ToolStatus.Lost, 500L, "现场遗失"), (lost.Status, lost.Compensation.Units, lost.LossCause));
        Assert.Equal(StatusCode.FailedPrecondition, afterLoss.StatusCode);
        Assert.Equal([tester.ToolId], fixedAssets.Tools.Select(t => t.ToolId));
        Assert.Empty(othersList.Tools);
    }
}
