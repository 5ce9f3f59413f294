using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Inventory.Model;
using Part = AfterSales.Inventory.V1.Part;

namespace AfterSales.Inventory.Grpc;

public sealed class InventoryGrpcService(
    InventoryDbContext db,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<InventoryDbContext> requests,
    IEventOutbox outbox)
    : InventoryService.InventoryServiceBase
{
    /// <summary>The most one unit of a part may cost, in yuan.</summary>
    private const decimal MaxUnitPrice = 10_000_000m;

    private static readonly string[] EditableFields = ["name", "specification", "unit", "unit_price", "supplier", "substitute_part_ids"];

    [Access(StaffRoles.Manager, StaffRoles.MaterialsPlanner, StaffRoles.Admin)]
    public override Task<Part> CreatePart(CreatePartRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireText("part_number", request.PartNumber, 32)
            .RequireText("name", request.Name, 200)
            .OptionalText("specification", request.Specification, 500)
            .OptionalText("unit", request.Unit, 16)
            .RequireAmount("unit_price", request.UnitPrice, MaxUnitPrice, out var price)
            .OptionalText("supplier", request.Supplier, 200);
        var substitutes = CheckSubstitutes(violations, request.SubstitutePartIds);
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var number = request.PartNumber.Trim();
            if (await db.Parts.AnyAsync(p => p.PartNumber == number, context.CancellationToken))
            {
                throw new AlreadyExistsException($"Part {number} is in the catalogue already.");
            }
            await RequireCataloguedAsync(substitutes, context.CancellationToken);
            var part = new Model.Part(Guid.CreateVersion7(), number, request.Name.Trim(), request.Specification.Trim(), price);
            part.Edit(null, null, RequestText.NullIfBlank(request.Unit)?.Trim() ?? Model.Part.DefaultUnit, null, request.Supplier.Trim(), substitutes);
            db.Parts.Add(part);
            outbox.Enqueue(part.ToPriceChangedEvent(oldPrice: null, calendar.Now));
            return part.ToProto();
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.MaterialsPlanner, StaffRoles.Admin)]
    public override Task<Part> UpdatePart(UpdatePartRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("part_id", request.PartId, out var partId)
            .UpdateMask("update_mask", request.UpdateMask, EditableFields, out var fields);
        var price = 0m;
        if (fields.Contains("name"))
        {
            violations.RequireText("name", request.Name, 200);
        }
        if (fields.Contains("specification"))
        {
            violations.OptionalText("specification", request.Specification, 500);
        }
        if (fields.Contains("unit"))
        {
            violations.RequireText("unit", request.Unit, 16);
        }
        if (fields.Contains("unit_price"))
        {
            violations.RequireAmount("unit_price", request.UnitPrice, MaxUnitPrice, out price);
        }
        if (fields.Contains("supplier"))
        {
            violations.OptionalText("supplier", request.Supplier, 200);
        }
        var substitutes = fields.Contains("substitute_part_ids") ? CheckSubstitutes(violations, request.SubstitutePartIds) : null;
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var part = await db.Parts.SingleOrDefaultAsync(p => p.Id == partId, context.CancellationToken)
                ?? throw new NotFoundException("Part", request.PartId);
            if (substitutes is not null)
            {
                if (substitutes.Contains(part.Id))
                {
                    throw ValidationException.ForField("substitute_part_ids", "A part is no substitute for itself.");
                }
                await RequireCataloguedAsync(substitutes, context.CancellationToken);
            }
            var oldPrice = part.UnitPrice;
            part.Edit(fields.Contains("name") ? request.Name.Trim() : null, fields.Contains("specification") ? request.Specification.Trim() : null,
                fields.Contains("unit") ? request.Unit.Trim() : null, fields.Contains("unit_price") ? price : null,
                fields.Contains("supplier") ? request.Supplier.Trim() : null, substitutes);
            if (part.UnitPrice != oldPrice)
            {
                outbox.Enqueue(part.ToPriceChangedEvent(oldPrice, calendar.Now));
            }
            return part.ToProto();
        });
    }

    private static List<Guid> CheckSubstitutes(FieldViolations violations, IList<string> ids)
    {
        var substitutes = new List<Guid>();
        if (ids.Count > Model.Part.MaxSubstitutes)
        {
            violations.Add("substitute_part_ids", $"A part has at most {Model.Part.MaxSubstitutes} substitutes.");
            return substitutes;
        }
        for (var i = 0; i < ids.Count; i++)
        {
            violations.RequireId($"substitute_part_ids[{i}]", ids[i], out var id);
            substitutes.Add(id);
        }
        return substitutes;
    }

    private async Task RequireCataloguedAsync(List<Guid> partIds, CancellationToken cancellationToken)
    {
        var known = await db.Parts.Where(p => partIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        var unknown = new FieldViolations();
        for (var i = 0; i < partIds.Count; i++)
        {
            if (!known.Contains(partIds[i]))
            {
                unknown.Add($"substitute_part_ids[{i}]", "names no part of the catalogue.");
            }
        }
        unknown.ThrowIfAny();
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<Part> GetPart(GetPartRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("part_id", request.PartId, out var id).ThrowIfAny();
        var part = await db.Parts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Part", request.PartId);
        return part.ToProto();
    }

    public const int MaxLookUp = 50;

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<LookUpPartsResponse> LookUpParts(LookUpPartsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        if (request.PartNumbers.Count is 0 or > MaxLookUp)
        {
            violations.Add("part_numbers", $"part_numbers must name 1 to {MaxLookUp} parts.");
        }
        for (var i = 0; i < Math.Min(request.PartNumbers.Count, MaxLookUp); i++)
        {
            violations.RequireText($"part_numbers[{i}]", request.PartNumbers[i], 32);
        }
        violations.ThrowIfAny();
        var numbers = request.PartNumbers.Select(n => n.Trim()).Distinct().ToList();
        var parts = await db.Parts.AsNoTracking().Where(p => numbers.Contains(p.PartNumber)).OrderBy(p => p.PartNumber).ToListAsync(context.CancellationToken);
        return new LookUpPartsResponse { Parts = { parts.Select(p => p.ToProto()) } };
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListPartsResponse> ListParts(ListPartsRequest request, ServerCallContext context)
    {
        new FieldViolations().PageSize("page_size", request.PageSize, PageToken.MaxPageSize).ThrowIfAny();
        var size = PageToken.SizeOrDefault(request.PageSize);
        var after = PageToken.Decode(request.PageToken);

        var query = db.Parts.AsNoTracking().OrderBy(p => p.PartNumber).AsQueryable();
        if (after is not null)
        {
            query = query.Where(p => string.Compare(p.PartNumber, after) > 0);
        }
        var page = await query.Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListPartsResponse { Parts = { page.Take(size).Select(p => p.ToProto()) } };
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(page[size - 1].PartNumber);
        }
        return response;
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<Warehouse> GetWarehouse(GetWarehouseRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("warehouse_id", request.WarehouseId, out var id).ThrowIfAny();
        var warehouse = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, context.CancellationToken);
        // The central warehouse is read by every station, a station's ledger by that station alone (and staff).
        if (warehouse is null || (warehouse.StationId is { } owner && !caller.MaySee(owner)))
        {
            throw new NotFoundException("Warehouse", request.WarehouseId);
        }
        return warehouse.ToProto();
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<GetStockLevelsResponse> GetStockLevels(GetStockLevelsRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("part_id", request.PartId, out var id).ThrowIfAny();
        if (!await db.Parts.AnyAsync(p => p.Id == id, context.CancellationToken))
        {
            throw new NotFoundException("Part", request.PartId);
        }

        var levels = db.StockLevels.AsNoTracking()
            .Where(l => l.PartId == id)
            .Join(db.Warehouses, l => l.WarehouseId, w => w.Id, (l, w) => new { Level = l, Warehouse = w });
        if (!caller.IsInternalStaff)
        {
            // A station sees the central warehouse it draws from and its own ledger (§2 3.7.6), never
            // another station's.
            var own = caller.StationId;
            levels = levels.Where(x => x.Warehouse.StationId == null || x.Warehouse.StationId == own);
        }
        var ordered = await levels
            .OrderBy(x => x.Warehouse.StationId != null)
            .ThenBy(x => x.Warehouse.Code)
            .ToListAsync(context.CancellationToken);
        return new GetStockLevelsResponse
        {
            PartId = id.ToString(),
            StockLevels = { ordered.Select(x => x.Level.ToProto(x.Warehouse)) },
        };
    }
}
