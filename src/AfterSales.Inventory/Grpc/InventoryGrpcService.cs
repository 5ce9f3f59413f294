using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Part = AfterSales.Inventory.V1.Part;

namespace AfterSales.Inventory.Grpc;

public sealed class InventoryGrpcService(InventoryDbContext db, Caller caller) : InventoryService.InventoryServiceBase
{
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
