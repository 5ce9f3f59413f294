using AfterSales.Platform.Grpc;
using Google.Protobuf.WellKnownTypes;
using Model = AfterSales.Customers.Model;
using V1 = AfterSales.Customers.V1;

namespace AfterSales.Customers.Grpc;

/// <summary>Domain → wire, by hand, so the contract never follows the database by accident.</summary>
internal static class CustomerMappings
{
    public static V1.Customer ToProto(this Model.Customer customer) => new()
    {
        CustomerId = customer.Id.ToString(),
        Code = customer.Code,
        Name = customer.Name,
        Attribute = (V1.CustomerAttribute)customer.Attribute,
        ServingStationId = customer.ServingStationId.ToString(),
        OpenedAt = Timestamp.FromDateTimeOffset(customer.OpenedAt),
        Etag = customer.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Contacts = { customer.Contacts.Select(c => new V1.Contact { Name = c.Name, Phone = c.Phone }) },
        Sites =
        {
            customer.Sites.OrderBy(s => s.Name).Select(s => new V1.Site
            {
                SiteId = s.Id.ToString(),
                Name = s.Name,
                Address = s.Address,
                Region = s.Region,
                DistanceKm = s.DistanceKm,
            }),
        },
    };

    public static V1.Asset ToProto(this Model.Asset asset) => new()
    {
        AssetId = asset.Id.ToString(),
        CustomerId = asset.CustomerId.ToString(),
        SiteId = asset.SiteId.ToString(),
        Model = asset.Model,
        SerialNumber = asset.SerialNumber,
        AcceptedOn = asset.AcceptedOn.ToProtoDate(),
        SoftwareVersion = asset.SoftwareVersion,
        WarrantyMonths = asset.WarrantyMonths,
        Components = { asset.Components.Select(c => new V1.Component { Code = c.Code, Name = c.Name, WarrantyMonths = c.WarrantyMonths }) },
        ProjectId = asset.ProjectId?.ToString() ?? "",
    };

    /// <param name="servingStationId">The station that serves the contract's customer.</param>
    public static V1.Contract ToProto(this Model.Contract contract, Guid servingStationId) => new()
    {
        ContractId = contract.Id.ToString(),
        CustomerId = contract.CustomerId.ToString(),
        ServingStationId = servingStationId.ToString(),
        Number = contract.Number,
        StartsOn = contract.StartsOn.ToProtoDate(),
        EndsOn = contract.EndsOn.ToProtoDate(),
        Kind = (V1.ContractKind)contract.Kind,
        Price = ProtoConversions.ToMoney(contract.Price),
        BillingBasis = (V1.BillingBasis)contract.BillingBasis,
        Services = new V1.ContractServices
        {
            Labour = contract.Services.Labour,
            Parts = contract.Services.Parts,
            Travel = contract.Services.Travel,
            PreventiveVisitsPerYear = contract.Services.PreventiveVisitsPerYear,
        },
        CoveredAssetIds = { contract.CoveredAssetIds.Select(a => a.ToString()) },
        RenewsContractId = contract.RenewsContractId?.ToString() ?? "",
        TerminatedOn = contract.TerminatedOn.ToProtoDate(),
        TerminationReason = contract.TerminationReason ?? "",
    };

    /// <param name="serialNumbers">The assets it covers.</param>
    public static Events.V1.ContractChanged ToChangedEvent(this Model.Contract contract, Guid servingStationId, IEnumerable<string> serialNumbers) => new()
    {
        ContractId = contract.Id.ToString(),
        Number = contract.Number,
        CustomerId = contract.CustomerId.ToString(),
        ServingStationId = servingStationId.ToString(),
        Kind = contract.Kind.WireName(),
        StartsOn = contract.StartsOn.ToProtoDate(),
        EndsOn = contract.EndsOn.ToProtoDate(),
        SerialNumbers = { serialNumbers },
        TerminatedOn = contract.TerminatedOn.ToProtoDate(),
    };

    public static V1.Entitlement ToProto(this Model.EntitlementDecision decision, Model.AssetCoverage coverage) => new()
    {
        AssetId = coverage.AssetId.ToString(),
        CustomerId = coverage.CustomerId.ToString(),
        ServingStationId = coverage.ServingStationId.ToString(),
        Category = decision.Category.ToProto(),
        LabourCategory = decision.Labour.ToProto(),
        PartsCategory = decision.Parts.ToProto(),
        Reason = decision.Reason,
        WarrantyEndsOn = decision.WarrantyEndsOn.ToProtoDate(),
        ContractId = decision.Contract?.ContractId.ToString() ?? "",
        ContractNumber = decision.Contract?.Number ?? "",
        ContractEndsOn = decision.Contract?.EndsOn.ToProtoDate(),
        SiteId = coverage.Site?.SiteId.ToString() ?? "",
        SiteAddress = coverage.Site?.Address ?? "",
        Region = coverage.Site?.Region ?? "",
        DistanceKm = coverage.Site?.DistanceKm ?? 0,
        ProjectId = coverage.ProjectId?.ToString() ?? "",
    };

    public static V1.WarrantyChange ToProto(this Model.WarrantyChange change, DateOnly acceptedOn) => new()
    {
        ComponentCode = change.ComponentCode ?? "",
        FromMonths = change.FromMonths,
        ToMonths = change.ToMonths,
        FromEndsOn = Model.EntitlementPolicy.WarrantyEnd(acceptedOn, change.FromMonths).ToProtoDate(),
        ToEndsOn = Model.EntitlementPolicy.WarrantyEnd(acceptedOn, change.ToMonths).ToProtoDate(),
        Reason = change.Reason,
        ChangedBy = change.ChangedBy,
        ChangedAt = Timestamp.FromDateTimeOffset(change.ChangedAt),
    };

    public static Events.V1.CustomerSiteChanged ToChangedEvent(this Model.Site site, Model.Customer customer, IEnumerable<string> serialNumbers) => new()
    {
        CustomerId = customer.Id.ToString(),
        SiteId = site.Id.ToString(),
        ServingStationId = customer.ServingStationId.ToString(),
        Name = site.Name,
        Address = site.Address,
        Region = site.Region,
        DistanceKm = site.DistanceKm,
        SerialNumbers = { serialNumbers },
    };

    public static Events.V1.WarrantyChanged ToEvent(this Model.WarrantyChange change, Model.Asset asset, Guid servingStationId) => new()
    {
        AssetId = asset.Id.ToString(),
        SerialNumber = asset.SerialNumber,
        CustomerId = asset.CustomerId.ToString(),
        ServingStationId = servingStationId.ToString(),
        ComponentCode = change.ComponentCode ?? "",
        FromMonths = change.FromMonths,
        ToMonths = change.ToMonths,
        Reason = change.Reason,
        ChangedAt = Timestamp.FromDateTimeOffset(change.ChangedAt),
    };

    private static Common.V1.ServiceCategory ToProto(this Model.ServiceCategory category) => category switch
    {
        Model.ServiceCategory.Paid => Common.V1.ServiceCategory.Paid,
        Model.ServiceCategory.Contract => Common.V1.ServiceCategory.Contract,
        Model.ServiceCategory.Free => Common.V1.ServiceCategory.Free,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown category."),
    };
}
