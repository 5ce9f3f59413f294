using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.V1;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Tickets;

/// <summary>
/// The service network kept through the API, as in production where there is no demo seed: the company registers a
/// station under its agreement, and the station's roster of technicians is kept by the company's staff or the
/// station itself; dispatch ranks the technicians by what was registered.
/// </summary>
public class StationNetworkTests(Suite suite) : SuiteTest(suite)
{
    private static string NewId() => Guid.NewGuid().ToString();

    private StationService.StationServiceClient StationsAs(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    /// <summary>A code no other test uses, in the lower case a person might type.</summary>
    private static string NewCode() => Unique.Name("st").ToLowerInvariant();

    [Fact]
    public async Task An_administrator_registers_a_station_once_per_request_and_each_code_once()
    {
        var admin = StationsAs(Suite.Callers.Staff("admin"));
        var code = NewCode();
        var request = new RegisterStationRequest { Code = code, Name = "温州鹿城特约服务站", Region = "ZJ-WZ", RequestId = NewId() };

        var station = await admin.RegisterStationAsync(request);
        var retried = await admin.RegisterStationAsync(request);
        var sameCode = await Assert.ThrowsAsync<RpcException>(() => admin.RegisterStationAsync(
            new RegisterStationRequest { Code = code.ToUpperInvariant(), Name = "另一个站", Region = "ZJ-WZ", RequestId = NewId() }).ResponseAsync);
        var byManager = await Assert.ThrowsAsync<RpcException>(() => StationsAs(Suite.Callers.Staff("manager")).RegisterStationAsync(
            new RegisterStationRequest { Code = NewCode(), Name = "经理登记的站", Region = "ZJ-WZ", RequestId = NewId() }).ResponseAsync);
        var byStation = await Assert.ThrowsAsync<RpcException>(() => StationsAs(Suite.Callers.Station("station-hangzhou")).RegisterStationAsync(
            new RegisterStationRequest { Code = NewCode(), Name = "服务站登记的站", Region = "ZJ-WZ", RequestId = NewId() }).ResponseAsync);
        var listed = await admin.ListStationsAsync(new ListStationsRequest());
        var trail = await new AuditService.AuditServiceClient(Suite.Tickets.ChannelAs(Suite.Callers.Staff("manager")))
            .ListAuditEntriesAsync(new ListAuditEntriesRequest { Service = ResourceNames.Tickets, EntityId = station.StationId });

        Assert.Equal((code.ToUpperInvariant(), "温州鹿城特约服务站", "ZJ-WZ"), (station.Code, station.Name, station.Region));
        Assert.Equal(station, retried);
        Assert.Equal(StatusCode.AlreadyExists, sameCode.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, byManager.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, byStation.StatusCode);
        Assert.Equal(station, Assert.Single(listed.Stations, s => s.Code == station.Code));
        var entry = Assert.Single(trail.Entries);
        Assert.Equal(("Station", "ADDED", "/aftersales.tickets.v1.StationService/RegisterStation"), (entry.EntityType, entry.Change, entry.Operation));
    }

    [Fact]
    public async Task A_station_keeps_its_own_roster_and_dispatch_ranks_by_what_was_registered()
    {
        var station = await Data.NewStationAsync();
        var other = await Data.NewStationAsync();
        var roster = StationsAs(station.Caller);
        var asset = await Data.NewAssetAsync(station);
        var lift = Requests.Intake(asset.SerialNumber);
        lift.FaultType = "LIFT";
        var ticket = await new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller)).CreateTicketAsync(lift);
        var dispatcher = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(Suite.Callers.Staff("dispatcher")));

        var technician = await roster.RegisterTechnicianAsync(new RegisterTechnicianRequest
        {
            StationId = station.Id.ToString(), Name = "  陈刚 ", Skills = { "Elevator", "electrical", "elevator" },
            Certifications = { "lift-maintenance-licence" }, Region = "ZJ-HZ", RequestId = NewId(),
        });
        var intoOthers = await Assert.ThrowsAsync<RpcException>(() => StationsAs(other.Caller).RegisterTechnicianAsync(new RegisterTechnicianRequest
        {
            StationId = station.Id.ToString(), Name = "冒名技术员", Skills = { "elevator" }, RequestId = NewId(),
        }).ResponseAsync);
        var editByOther = await Assert.ThrowsAsync<RpcException>(() => StationsAs(other.Caller).UpdateTechnicianAsync(new UpdateTechnicianRequest
        {
            TechnicianId = technician.TechnicianId, UpdateMask = new FieldMask { Paths = { "name" } }, Name = "改名", RequestId = NewId(),
        }).ResponseAsync);
        var listed = await roster.ListTechniciansAsync(new ListTechniciansRequest { StationId = station.Id.ToString() });
        var fit = await dispatcher.SuggestTechniciansAsync(new SuggestTechniciansRequest { TicketId = ticket.TicketId });

        var retrained = await StationsAs(Suite.Callers.Staff("manager")).UpdateTechnicianAsync(new UpdateTechnicianRequest
        {
            TechnicianId = technician.TechnicianId, UpdateMask = new FieldMask { Paths = { "skills" } }, Skills = { "hvac" }, RequestId = NewId(),
        });
        var refit = await dispatcher.SuggestTechniciansAsync(new SuggestTechniciansRequest { TicketId = ticket.TicketId });
        var dispatched = await dispatcher.DispatchTicketAsync(new DispatchTicketRequest { TicketId = ticket.TicketId, TechnicianId = technician.TechnicianId, RequestId = NewId() });

        Assert.Equal(("陈刚", station.Id.ToString(), "ZJ-HZ"), (technician.Name, technician.StationId, technician.Region));
        Assert.Equal(["elevator", "electrical"], technician.Skills);
        Assert.Equal(StatusCode.NotFound, intoOthers.StatusCode);
        Assert.Equal(StatusCode.NotFound, editByOther.StatusCode);
        Assert.Equal(technician, Assert.Single(listed.Technicians));
        var suggestion = Assert.Single(fit.Suggestions);
        Assert.True(suggestion.HasSkill && suggestion.Certified && suggestion.InRegion);
        Assert.Equal(["hvac"], retrained.Skills);
        Assert.Equal(technician.Name, retrained.Name);
        Assert.False(Assert.Single(refit.Suggestions).HasSkill);
        Assert.Equal(technician.TechnicianId, dispatched.TechnicianId);
    }

    [Fact]
    public async Task A_technician_who_left_is_retired_once_their_open_tickets_are_reassigned_and_then_takes_no_new_work()
    {
        var station = await Data.NewStationAsync(technicians: 2);
        var other = await Data.NewStationAsync();
        var ids = await Suite.Tickets.WithDbAsync(db => db.Technicians.Where(t => t.StationId == station.Id).Select(t => t.Id).ToListAsync());
        var (leaving, staying) = (ids[0].ToString(), ids[1].ToString());
        var intake = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var dispatcher = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(Suite.Callers.Staff("dispatcher")));
        var roster = StationsAs(station.Caller);
        var open = await intake.CreateTicketAsync(Requests.Intake((await Data.NewAssetAsync(station)).SerialNumber));
        await dispatcher.DispatchTicketAsync(new DispatchTicketRequest { TicketId = open.TicketId, TechnicianId = leaving, RequestId = NewId() });

        var whileAssigned = await Assert.ThrowsAsync<RpcException>(() => roster.RetireTechnicianAsync(
            new RetireTechnicianRequest { TechnicianId = leaving, RequestId = NewId() }).ResponseAsync);
        var byOther = await Assert.ThrowsAsync<RpcException>(() => StationsAs(other.Caller).RetireTechnicianAsync(
            new RetireTechnicianRequest { TechnicianId = leaving, RequestId = NewId() }).ResponseAsync);
        var notAnId = await Assert.ThrowsAsync<RpcException>(() => roster.RetireTechnicianAsync(
            new RetireTechnicianRequest { TechnicianId = "陈刚", RequestId = NewId() }).ResponseAsync);
        await dispatcher.DispatchTicketAsync(new DispatchTicketRequest { TicketId = open.TicketId, TechnicianId = staying, Reason = "技术员离职", RequestId = NewId() });
        var retire = new RetireTechnicianRequest { TechnicianId = leaving, RequestId = NewId() };
        var retired = await roster.RetireTechnicianAsync(retire);
        var retried = await roster.RetireTechnicianAsync(retire);
        var next = await intake.CreateTicketAsync(Requests.Intake((await Data.NewAssetAsync(station)).SerialNumber));
        var suggested = await dispatcher.SuggestTechniciansAsync(new SuggestTechniciansRequest { TicketId = next.TicketId });
        var toRetired = await Assert.ThrowsAsync<RpcException>(() => dispatcher.DispatchTicketAsync(
            new DispatchTicketRequest { TicketId = next.TicketId, TechnicianId = leaving, RequestId = NewId() }).ResponseAsync);
        var listed = await roster.ListTechniciansAsync(new ListTechniciansRequest { StationId = station.Id.ToString() });
        var trail = await new AuditService.AuditServiceClient(Suite.Tickets.ChannelAs(Suite.Callers.Staff("manager")))
            .ListAuditEntriesAsync(new ListAuditEntriesRequest { Service = ResourceNames.Tickets, EntityId = leaving });

        Assert.Equal(StatusCode.FailedPrecondition, whileAssigned.StatusCode);
        Assert.Contains("1 open ticket", whileAssigned.Status.Detail);
        Assert.Equal(StatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, notAnId.StatusCode);
        Assert.NotNull(retired.RetiredAt);
        Assert.Equal(retired, retried);
        Assert.Equal([staying], suggested.Suggestions.Select(s => s.Technician.TechnicianId));
        Assert.Equal(StatusCode.FailedPrecondition, toRetired.StatusCode);
        Assert.Equal(retired, Assert.Single(listed.Technicians, t => t.TechnicianId == leaving));
        Assert.Null(Assert.Single(listed.Technicians, t => t.TechnicianId == staying).RetiredAt);
        Assert.Contains(trail.Entries, e => e.Operation == "/aftersales.tickets.v1.StationService/RetireTechnician");
    }

    [Fact]
    public async Task Bad_registrations_get_field_violations_and_change_nothing()
    {
        var station = await Data.NewStationAsync();
        var admin = StationsAs(Suite.Callers.Staff("admin"));

        var badStation = await Assert.ThrowsAsync<RpcException>(() => admin.RegisterStationAsync(new RegisterStationRequest
        {
            Code = "号", Name = " ", Region = new string('R', 33), RequestId = NewId(),
        }).ResponseAsync);
        var badTechnician = await Assert.ThrowsAsync<RpcException>(() => admin.RegisterTechnicianAsync(new RegisterTechnicianRequest
        {
            StationId = station.Id.ToString(), Name = new string('名', 101), Skills = { "teleportation" }, Certifications = { "Bad Licence!" }, RequestId = NewId(),
        }).ResponseAsync);
        var noSkills = await Assert.ThrowsAsync<RpcException>(() => admin.RegisterTechnicianAsync(new RegisterTechnicianRequest
        {
            StationId = "not-an-id", Name = "无技能", RequestId = NewId(),
        }).ResponseAsync);
        var noMask = await Assert.ThrowsAsync<RpcException>(() => admin.UpdateTechnicianAsync(new UpdateTechnicianRequest
        {
            TechnicianId = Guid.NewGuid().ToString(), Name = "无掩码", RequestId = NewId(),
        }).ResponseAsync);
        var unknownStation = await Assert.ThrowsAsync<RpcException>(() => admin.RegisterTechnicianAsync(new RegisterTechnicianRequest
        {
            StationId = Guid.NewGuid().ToString(), Name = "无站", Skills = { "hvac" }, RequestId = NewId(),
        }).ResponseAsync);

        Problems.AssertFieldViolations(badStation, "code", "name", "region");
        Problems.AssertFieldViolations(badTechnician, "name", "skills", "certifications");
        Problems.AssertFieldViolations(noSkills, "station_id", "skills");
        Problems.AssertFieldViolations(noMask, "update_mask");
        Assert.Equal(StatusCode.NotFound, unknownStation.StatusCode);
        Assert.Equal(0, await Suite.Tickets.WithDbAsync(db => db.Technicians.CountAsync(t => t.StationId == station.Id)));
    }
}
