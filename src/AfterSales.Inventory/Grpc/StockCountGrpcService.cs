using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.Services;
using AfterSales.Inventory.V1;
using AfterSales.Platform;
using AfterSales.Platform.Data;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.Inventory.Grpc;

/// <summary>
/// Stock counts: a station counts its own ledger and staff the central warehouse; the differences are booked only
/// when a manager of the company, not the person who entered the count, approves them.
/// </summary>
public sealed class StockCountGrpcService(
    InventoryDbContext db,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<InventoryDbContext> requests,
    AbcRunner abc)
    : StockCountService.StockCountServiceBase
{
    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override async Task<StockCount> OpenStockCount(OpenStockCountRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireId("warehouse_id", request.WarehouseId, out var warehouseId);
        var partIds = new HashSet<Guid>();
        if (request.PartIds.Count > Model.StockCount.MaxLines)
        {
            violations.Add("part_ids", $"At most {Model.StockCount.MaxLines} parts.");
        }
        for (var i = 0; i < Math.Min(request.PartIds.Count, Model.StockCount.MaxLines); i++)
        {
            violations.RequireId($"part_ids[{i}]", request.PartIds[i], out var partId);
            if (partId != Guid.Empty && !partIds.Add(partId))
            {
                violations.Add($"part_ids[{i}]", "A part is listed once.");
            }
        }
        violations.ThrowIfAny();
        return await requests.SaveOnceAsync(request, context, async () =>
        {
            var warehouse = await CountableAsync(warehouseId, request.WarehouseId, context.CancellationToken);
            var parts = await db.Parts.AsNoTracking()
                .Where(p => partIds.Count == 0 || partIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, context.CancellationToken);
            var unknown = new FieldViolations();
            foreach (var (id, i) in request.PartIds.Select((raw, i) => (Guid.Parse(raw), i)).Where(p => !parts.ContainsKey(p.Item1)))
            {
                unknown.Add($"part_ids[{i}]", "names no part of the catalogue.");
            }
            unknown.ThrowIfAny();
            var levels = await db.StockLevels.AsNoTracking().Where(l => l.WarehouseId == warehouse.Id)
                .ToDictionaryAsync(l => l.PartId, context.CancellationToken);
            // Asked-for parts are counted even where the books hold none (units may be found); otherwise what the warehouse holds.
            var candidates = partIds.Count > 0 ? partIds : [.. levels.Keys];
            var now = calendar.Now;
            var lines = candidates
                .Where(id => !request.DueOnly || IsDue(parts[id], levels.GetValueOrDefault(id), now))
                .Select(id => new Model.StockCountLine(id, parts[id].PartNumber))
                .OrderBy(l => l.PartNumber, StringComparer.Ordinal);
            var number = await db.NextNumberAsync(NumberedKind.StockCount, context.CancellationToken);
            var count = new Model.StockCount(Guid.CreateVersion7(), $"CNT-{number:D6}", warehouse.Id, warehouse.StationId, lines, caller.Subject, now);
            if (await db.StockCounts.AnyAsync(c => c.WarehouseId == warehouse.Id
                && (c.Status == Model.StockCountStatus.Open || c.Status == Model.StockCountStatus.Submitted), context.CancellationToken))
            {
                // The unique index settles two openers racing; this answers the common case by name.
                throw new PreconditionFailedException($"{warehouse.Code} has a count under way: finish or reject it first.");
            }
            db.StockCounts.Add(count);
            return count.ToProto();
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override async Task<StockCount> SubmitStockCount(SubmitStockCountRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireId("count_id", request.CountId, out var id);
        var counted = new Dictionary<Guid, int>();
        if (request.Lines.Count is 0 or > Model.StockCount.MaxLines)
        {
            violations.Add("lines", $"1 to {Model.StockCount.MaxLines} lines, one per line of the sheet.");
        }
        for (var i = 0; i < Math.Min(request.Lines.Count, Model.StockCount.MaxLines); i++)
        {
            violations.RequireId($"lines[{i}].part_id", request.Lines[i].PartId, out var partId);
            if (request.Lines[i].Counted is < 0 or > Model.StockCount.MaxCounted)
            {
                violations.Add($"lines[{i}].counted", $"counted must be 0 to {Model.StockCount.MaxCounted}.");
            }
            if (partId != Guid.Empty && !counted.TryAdd(partId, request.Lines[i].Counted))
            {
                violations.Add($"lines[{i}].part_id", "A part is counted once.");
            }
        }
        violations.ThrowIfAny();
        return await requests.SaveOnceAsync(request, context, async () =>
        {
            var count = await FindAsync(id, request.CountId, context.CancellationToken);
            var sheet = new FieldViolations();
            foreach (var (line, i) in request.Lines.Select((l, i) => (l, i)).Where(l => count.Lines.All(s => s.PartId != Guid.Parse(l.l.PartId))))
            {
                sheet.Add($"lines[{i}].part_id", $"is not on {count.Code}.");
            }
            foreach (var missing in count.Lines.Where(l => !counted.ContainsKey(l.PartId)))
            {
                sheet.Add("lines", $"{missing.PartNumber} is on {count.Code} and was not counted.");
            }
            sheet.ThrowIfAny();
            var levels = await db.StockLevels.AsNoTracking().Where(l => l.WarehouseId == count.WarehouseId)
                .ToDictionaryAsync(l => l.PartId, context.CancellationToken);
            count.Submit(counted, levels, caller.Subject, calendar.Now);
            return count.ToProto();
        });
    }

    /// <summary>Approvals are the company's: a station's ledger is the company's stock sent to it (§2 3.7.6).</summary>
    [Access(StaffRoles.Manager, StaffRoles.Admin)]
    public override Task<StockCount> ApproveStockCount(DecideStockCountRequest request, ServerCallContext context) =>
        DecideAsync(request, context, async count =>
        {
            var partIds = count.Lines.Select(l => l.PartId).ToList();
            var levels = await db.StockLevels.Where(l => l.WarehouseId == count.WarehouseId && partIds.Contains(l.PartId))
                .ToDictionaryAsync(l => l.PartId, context.CancellationToken);
            foreach (var missing in partIds.Where(p => !levels.ContainsKey(p)))
            {
                levels[missing] = new Model.StockLevel(count.WarehouseId, missing);
                db.StockLevels.Add(levels[missing]);
            }
            var before = levels.ToDictionary(l => l.Key, l => l.Value.Available);
            db.Movements.AddRange(count.Approve(levels, caller.Subject, calendar.Now));
            if (count.StationId is null)
            {
                await abc.StageStockLowAsync(before, levels, context.CancellationToken);
            }
        });

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<StockCount> RejectStockCount(DecideStockCountRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireText("reason", request.Reason, Model.StockCount.MaxReasonLength).ThrowIfAny();
        return DecideAsync(request, context, count =>
        {
            count.Reject(request.Reason.Trim(), caller.Subject, calendar.Now);
            return Task.CompletedTask;
        });
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<StockCount> GetStockCount(GetStockCountRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("count_id", request.CountId, out var id).ThrowIfAny();
        var count = await db.StockCounts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, context.CancellationToken);
        return Visible(count, request.CountId).ToProto();
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListStockCountsResponse> ListStockCounts(ListStockCountsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .OptionalId("warehouse_id", request.WarehouseId, out var warehouseId)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.OptionalChoice("status", request.Status, "status must be OPEN, SUBMITTED, APPROVED or REJECTED, or unspecified for all.");
        violations.ThrowIfAny();
        // A station sees its own ledger's counts; staff every count.
        var query = db.StockCounts.AsNoTracking().Where(c => caller.IsInternalStaff || c.StationId == caller.StationId);
        if (warehouseId is { } warehouse)
        {
            query = query.Where(c => c.WarehouseId == warehouse);
        }
        if (request.Status != StockCountStatus.Unspecified)
        {
            var status = (Model.StockCountStatus)request.Status;
            query = query.Where(c => c.Status == status);
        }
        var (page, next) = await query.NewestFirstPageAsync(c => c.Id, request.PageToken, request.PageSize, context.CancellationToken);
        return new ListStockCountsResponse { StockCounts = { page.Select(c => c.ToProto()) }, NextPageToken = next };
    }

    /// <summary>A part is due when its class's count period has passed since its last approved count; never counted, it is due.</summary>
    private bool IsDue(Model.Part part, Model.StockLevel? level, DateTimeOffset now) =>
        level?.LastCountedAt is not { } counted || counted.AddMonths(abc.Options.PlanOf(part.AbcClass ?? Model.AbcClass.C).CountEveryMonths) <= now;

    /// <summary>The warehouse, as the caller may count it: a station its own ledger, staff any.</summary>
    private async Task<Model.Warehouse> CountableAsync(Guid id, string rawId, CancellationToken cancellationToken)
    {
        var warehouse = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (warehouse is null || !(caller.IsInternalStaff || (warehouse.StationId is { } station && caller.StationId == station)))
        {
            // The central warehouse is read by every station but counted by staff: to a station it is not there to count.
            throw new NotFoundException("Warehouse", rawId);
        }
        return warehouse;
    }

    private Model.StockCount Visible(Model.StockCount? count, string rawId) =>
        count is not null && (caller.IsInternalStaff || (count.StationId is { } station && caller.StationId == station))
            ? count
            : throw new NotFoundException("Stock count", rawId);

    private async Task<Model.StockCount> FindAsync(Guid id, string rawId, CancellationToken cancellationToken) =>
        Visible(await db.StockCounts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken), rawId);

    private Task<StockCount> DecideAsync(DecideStockCountRequest request, ServerCallContext context, Func<Model.StockCount, Task> decide)
    {
        new FieldViolations()
            .RequireId("count_id", request.CountId, out var id)
            .OptionalText("reason", request.Reason, Model.StockCount.MaxReasonLength)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var count = await FindAsync(id, request.CountId, context.CancellationToken);
            await decide(count);
            return count.ToProto();
        });
    }
}
