using AfterSales.Platform.Errors;

namespace AfterSales.Customers.Model;

/// <summary>Who pays for a piece of work (§1 六): A paid, B contract, C free.</summary>
public enum ServiceCategory
{
    Paid = 1,
    Contract = 2,
    Free = 3,
}

/// <summary>
/// Everything the entitlement rule needs to know about one asset, in one serialisable snapshot, so it can
/// be cached as a whole and the rule can run without I/O.
/// </summary>
public sealed record AssetCoverage(
    Guid AssetId,
    Guid CustomerId,
    Guid ServingStationId,
    DateOnly AcceptedOn,
    int WarrantyMonths,
    IReadOnlyList<Component> Components,
    IReadOnlyList<ContractTerm> Contracts,
    AssetSite? Site = null,
    Guid? ProjectId = null);

/// <summary>Where the asset is installed: what a ticket needs for routing and SLA (address, region, distance).</summary>
public sealed record AssetSite(Guid SiteId, string Address, string Region, int DistanceKm);

/// <summary>A contract as the entitlement rule sees it.</summary>
public sealed record ContractTerm(Guid ContractId, string Number, ContractKind Kind, DateOnly StartsOn, DateOnly EndsOn, ContractServices Services);

/// <summary>
/// The answer: the category, why, the warranty end that applied and the covering contract; and, as billing
/// charges them, the category of the labour and of the parts (a per-visit contract covers the visit, not the parts).
/// </summary>
public sealed record EntitlementDecision(ServiceCategory Category, string Reason, DateOnly WarrantyEndsOn, ContractTerm? Contract,
    ServiceCategory Labour, ServiceCategory Parts);

/// <summary>
/// The entitlement rule (§1 六, §4 四, §10 五.3): within the warranty of the asset, or of the named
/// component when it has its own, the work is free; otherwise a contract in force that day makes it
/// contract work (a maintenance contract before a per-visit one); otherwise the customer pays.
/// </summary>
public static class EntitlementPolicy
{
    public static EntitlementDecision Decide(AssetCoverage coverage, string? componentCode, DateOnly on)
    {
        if (on < coverage.AcceptedOn)
        {
            throw new PreconditionFailedException(
                $"The asset was accepted on {coverage.AcceptedOn:yyyy-MM-dd}; before that, installation is not after-sales service.");
        }

        var months = coverage.WarrantyMonths;
        var subject = "the asset";
        if (!string.IsNullOrEmpty(componentCode))
        {
            var component = coverage.Components.FirstOrDefault(c => c.Code == componentCode)
                ?? throw ValidationException.ForField("component_code", $"The asset has no component '{componentCode}'.");
            months = component.WarrantyMonths;
            subject = $"component {component.Code} ({component.Name})";
        }

        var warrantyEndsOn = WarrantyEnd(coverage.AcceptedOn, months);
        if (on <= warrantyEndsOn)
        {
            return new EntitlementDecision(ServiceCategory.Free,
                $"Within the warranty of {subject} until {warrantyEndsOn:yyyy-MM-dd}.", warrantyEndsOn, null, ServiceCategory.Free, ServiceCategory.Free);
        }

        var contract = coverage.Contracts
            .Where(c => c.StartsOn <= on && on <= c.EndsOn)
            .OrderBy(c => c.Kind)
            .ThenByDescending(c => c.EndsOn)
            .FirstOrDefault();
        if (contract is not null)
        {
            var kind = contract.Kind == ContractKind.Maintenance ? "maintenance" : "per-visit";
            var (labour, parts) = (contract.Services.Labour ? ServiceCategory.Contract : ServiceCategory.Paid,
                contract.Services.Parts ? ServiceCategory.Contract : ServiceCategory.Paid);
            var scope = (contract.Services.Labour, contract.Services.Parts) switch
            {
                (true, true) => "labour and parts",
                (true, false) => "labour (parts are paid)",
                (false, true) => "parts (labour is paid)",
                _ => "neither labour nor parts",
            };
            return new EntitlementDecision(ServiceCategory.Contract,
                $"Warranty of {subject} ended {warrantyEndsOn:yyyy-MM-dd}; {kind} contract {contract.Number} covers {scope} until {contract.EndsOn:yyyy-MM-dd}.",
                warrantyEndsOn, contract, labour, parts);
        }

        return new EntitlementDecision(ServiceCategory.Paid,
            $"Warranty of {subject} ended {warrantyEndsOn:yyyy-MM-dd} and no contract covers it; the service is paid.",
            warrantyEndsOn, null, ServiceCategory.Paid, ServiceCategory.Paid);
    }

    /// <summary>
    /// The last day of a warranty of <paramref name="months"/> months from acceptance, by the PRC Civil Code
    /// (art. 201–203): the period starts the day after acceptance and ends on the corresponding day
    /// <paramref name="months"/> later, or on that month's last day when it has none (15 Mar + 6 → 15 Sep,
    /// 31 Aug + 6 → 28 Feb, or 29 Feb in a leap year). <see cref="DateOnly.AddMonths"/> clamps to the month's
    /// end exactly so.
    /// </summary>
    public static DateOnly WarrantyEnd(DateOnly acceptedOn, int months) => acceptedOn.AddMonths(months);
}
