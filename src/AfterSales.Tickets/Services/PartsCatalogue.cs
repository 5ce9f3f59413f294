using AfterSales.Inventory.V1;
using AfterSales.Platform.Errors;
using PartUsed = AfterSales.Tickets.Model.PartUsed;

namespace AfterSales.Tickets.Services;

/// <summary>
/// The parts a work record names must be parts of the catalogue, which the inventory service keeps: a
/// part number it does not hold is a field violation, as an unknown technician is.
/// </summary>
public sealed class PartsCatalogue(InventoryService.InventoryServiceClient inventory)
{
    public async Task RequireInCatalogueAsync(IReadOnlyList<PartUsed> parts, CancellationToken cancellationToken)
    {
        if (parts.Count == 0)
        {
            return;
        }
        var found = await inventory.LookUpPartsAsync(new LookUpPartsRequest { PartNumbers = { parts.Select(p => p.PartNumber).Distinct() } },
            cancellationToken: cancellationToken);
        var known = found.Parts.Select(p => p.PartNumber).ToHashSet(StringComparer.Ordinal);
        var violations = new FieldViolations();
        for (var i = 0; i < parts.Count; i++)
        {
            if (!known.Contains(parts[i].PartNumber))
            {
                violations.Add($"parts[{i}].part_number", $"No part {parts[i].PartNumber} is in the catalogue.");
            }
        }
        violations.ThrowIfAny();
    }
}
