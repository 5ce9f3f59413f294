using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.Inventory.Grpc;

/// <summary>Lines of parts and quantities as receipts, transfers, requisitions and purchase requests take them: checked one way.</summary>
internal static class StockLines
{
    private const int MaxQuantity = 10_000;

    public static List<(Guid PartId, int Quantity)> Check(FieldViolations violations, IList<StockLine> lines, int max)
    {
        var checkedLines = new List<(Guid, int)>();
        if (lines.Count is 0 || lines.Count > max)
        {
            violations.Add("lines", $"1 to {max} lines.");
            return checkedLines;
        }
        var seen = new HashSet<Guid>();
        for (var i = 0; i < lines.Count; i++)
        {
            violations.RequireId($"lines[{i}].part_id", lines[i].PartId, out var partId);
            if (lines[i].Quantity is < 1 or > MaxQuantity)
            {
                violations.Add($"lines[{i}].quantity", $"quantity must be 1 to {MaxQuantity}.");
            }
            if (partId != Guid.Empty && !seen.Add(partId))
            {
                violations.Add($"lines[{i}].part_id", "A part is listed once; add its quantities up.");
            }
            checkedLines.Add((partId, lines[i].Quantity));
        }
        return checkedLines;
    }

    /// <summary>The catalogue parts of the lines; a line naming no part is a field violation.</summary>
    public static async Task<Dictionary<Guid, Model.Part>> PartsAsync(InventoryDbContext db, List<(Guid PartId, int Quantity)> lines, CancellationToken cancellationToken)
    {
        var ids = lines.Select(l => l.PartId).ToList();
        var parts = await db.Parts.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var unknown = new FieldViolations();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!parts.ContainsKey(lines[i].PartId))
            {
                unknown.Add($"lines[{i}].part_id", "names no part of the catalogue.");
            }
        }
        unknown.ThrowIfAny();
        return parts;
    }
}
