using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Peers;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.Inventory.Grpc;

/// <summary>Service tools kept by technicians: a station keeps its own technicians' register, staff every station's.</summary>
public sealed class ToolGrpcService(
    InventoryDbContext db,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<InventoryDbContext> requests,
    StationDirectory stations,
    IOptions<Model.ToolOptions> options)
    : ToolService.ToolServiceBase
{
    private const decimal MaxValue = 10_000_000m;

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Tool> RegisterTool(RegisterToolRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireText("name", request.Name, 200)
            .OptionalText("specification", request.Specification, Model.Tool.MaxTextLength)
            .OptionalText("serial_number", request.SerialNumber, 64)
            .RequireAmount("value", request.Value, MaxValue, out var value)
            .RequireId("station_id", request.StationId, out var stationId)
            .RequireId("technician_id", request.TechnicianId, out var technicianId)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var technician = await TechnicianAsync(stationId, technicianId, context.CancellationToken);
            var number = await db.NextNumberAsync(NumberedKind.Tool, context.CancellationToken);
            var tool = new Model.Tool(Guid.CreateVersion7(), $"TL-{number:D6}", request.Name.Trim(), request.Specification.Trim(),
                request.SerialNumber.Trim(), value, value >= options.Value.FixedAssetThreshold, stationId, technicianId, technician.Name, calendar.Now);
            db.Tools.Add(tool);
            return tool.ToProto();
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Tool> HandOverTool(HandOverToolRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("tool_id", request.ToolId, out var toolId)
            .RequireId("technician_id", request.TechnicianId, out var technicianId)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var tool = await FindAsync(toolId, request.ToolId, context.CancellationToken);
            var technician = await TechnicianAsync(tool.StationId, technicianId, context.CancellationToken);
            tool.HandOver(technicianId, technician.Name, caller.Subject, calendar.Now);
            return tool.ToProto();
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Tool> ReportToolLoss(ReportToolLossRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("tool_id", request.ToolId, out var toolId)
            .RequireText("cause", request.Cause, Model.Tool.MaxTextLength);
        var compensation = 0m;
        switch (request.Kind)
        {
            case ToolStatus.Lost or ToolStatus.Damaged:
                // Zero is a decision too (e.g. damaged through no fault of the technician), but it is stated, not left out.
                if (request.Compensation is null)
                {
                    violations.Add("compensation", "compensation is required for a lost or damaged tool (zero if none is owed).");
                }
                else if (request.Compensation.Units != 0 || request.Compensation.Nanos != 0)
                {
                    violations.RequireAmount("compensation", request.Compensation, MaxValue, out compensation);
                }
                break;
            case ToolStatus.WornOut:
                if (request.Compensation is { } given && (given.Units != 0 || given.Nanos != 0))
                {
                    violations.Add("compensation", "Normal wear is not compensated: leave compensation unset.");
                }
                break;
            default:
                violations.Add("kind", "kind must be LOST, DAMAGED or WORN_OUT.");
                break;
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var tool = await FindAsync(toolId, request.ToolId, context.CancellationToken);
            tool.ReportLoss((Model.ToolStatus)request.Kind, request.Cause.Trim(), compensation, caller.Subject, calendar.Now);
            return tool.ToProto();
        });
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListToolsResponse> ListTools(ListToolsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .OptionalId("station_id", request.StationId, out var stationId)
            .OptionalId("technician_id", request.TechnicianId, out var technicianId)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.OptionalChoice("status", request.Status, "status must be IN_USE, LOST, DAMAGED or WORN_OUT, or unspecified for all.");
        violations.ThrowIfAny();
        var after = PageToken.Decode(request.PageToken);
        var query = db.Tools.AsNoTracking().VisibleTo(caller, t => t.StationId);
        if (stationId is { } station)
        {
            query = query.Where(t => t.StationId == station);
        }
        if (technicianId is { } technician)
        {
            query = query.Where(t => t.TechnicianId == technician);
        }
        if (request.Status != ToolStatus.Unspecified)
        {
            var status = (Model.ToolStatus)request.Status;
            query = query.Where(t => t.Status == status);
        }
        if (request.FixedAssetsOnly)
        {
            query = query.Where(t => t.FixedAsset);
        }
        if (after is { } last)
        {
            query = query.Where(t => string.Compare(t.Code, last) > 0);
        }
        var size = PageToken.SizeOrDefault(request.PageSize);
        var page = await query.OrderBy(t => t.Code).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new ListToolsResponse { Tools = { page.Take(size).Select(t => t.ToProto()) } };
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(page[size - 1].Code);
        }
        return response;
    }

    /// <summary>The station's technician as the caller may see them: another station's is as missing as none.</summary>
    private async Task<Tickets.V1.Technician> TechnicianAsync(Guid stationId, Guid technicianId, CancellationToken cancellationToken)
    {
        if (!caller.MaySee(stationId))
        {
            throw ValidationException.ForField("station_id", "station_id names no station of yours.");
        }
        return await stations.TechnicianAsync(stationId, technicianId, cancellationToken)
            ?? throw ValidationException.ForField("technician_id", "technician_id names no technician of the station.");
    }

    private async Task<Model.Tool> FindAsync(Guid id, string rawId, CancellationToken cancellationToken) =>
        caller.Visible(await db.Tools.SingleOrDefaultAsync(t => t.Id == id, cancellationToken), t => t.StationId, "Tool", rawId);
}
