using AfterSales.Customers.Infrastructure;
using AfterSales.Customers.V1;
using AfterSales.Platform.Errors;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Customers.Model;

namespace AfterSales.Customers.Grpc;

/// <summary>An installed asset's fields as RegisterAsset and a project's acceptance take them: checked one way, made one way.</summary>
internal static class AssetFields
{
    private const string SerialNumberField = "serial_number";

    /// <param name="prefix">Where the fields sit in the request: "" or e.g. "assets[2].".</param>
    public static FieldViolations Check(this FieldViolations violations, string prefix, string model, string serialNumber, string softwareVersion,
        int warrantyMonths, IList<Component> components)
    {
        violations.RequireText($"{prefix}model", model, 100)
            .RequireText($"{prefix}{SerialNumberField}", serialNumber, 64)
            .OptionalText($"{prefix}software_version", softwareVersion, 32);
        if (serialNumber.Contains('%', StringComparison.Ordinal))
        {
            violations.Add($"{prefix}{SerialNumberField}", "serial_number cannot contain '%'.");
        }
        if (warrantyMonths is < 0 or > Model.Asset.MaxWarrantyMonths)
        {
            violations.Add($"{prefix}warranty_months", $"warranty_months must be 1 to {Model.Asset.MaxWarrantyMonths}, or 0 for the default {Model.Asset.DefaultWarrantyMonths}.");
        }
        if (components.Count > Model.Asset.MaxComponents)
        {
            violations.Add($"{prefix}components", $"An asset has at most {Model.Asset.MaxComponents} components.");
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < components.Count && i < Model.Asset.MaxComponents; i++)
        {
            var component = components[i];
            violations.RequireText($"{prefix}components[{i}].code", component.Code, 32).RequireText($"{prefix}components[{i}].name", component.Name, 100);
            if (!string.IsNullOrWhiteSpace(component.Code) && !codes.Add(component.Code.Trim()))
            {
                violations.Add($"{prefix}components[{i}].code", $"Component code {component.Code.Trim()} is listed twice.");
            }
            if (component.WarrantyMonths is < 1 or > Model.Asset.MaxWarrantyMonths)
            {
                violations.Add($"{prefix}components[{i}].warranty_months", $"warranty_months must be 1 to {Model.Asset.MaxWarrantyMonths}.");
            }
        }
        return violations;
    }

    /// <summary>A new asset from checked fields; 0 months takes the default warranty.</summary>
    public static Model.Asset New(Guid customerId, Guid siteId, DateOnly acceptedOn, string model, string serialNumber, string softwareVersion,
        int warrantyMonths, IEnumerable<Component> components) =>
        new(Guid.CreateVersion7(), customerId, siteId, model.Trim(), serialNumber.Trim(), acceptedOn, softwareVersion.Trim(),
            warrantyMonths == 0 ? Model.Asset.DefaultWarrantyMonths : warrantyMonths,
            components.Select(c => new Model.Component(c.Code.Trim(), c.Name.Trim(), c.WarrantyMonths)));

    /// <summary>Refuses serial numbers registered already, whoever's they are: the answer says only that one is taken.</summary>
    public static async Task RequireUnregisteredAsync(CustomersDbContext db, IReadOnlyCollection<string> serialNumbers, CancellationToken cancellationToken)
    {
        var taken = await db.Assets.Where(a => serialNumbers.Contains(a.SerialNumber)).Select(a => a.SerialNumber).FirstOrDefaultAsync(cancellationToken);
        if (taken is not null)
        {
            throw new AlreadyExistsException($"An asset with serial number {taken} is registered already.");
        }
    }
}
