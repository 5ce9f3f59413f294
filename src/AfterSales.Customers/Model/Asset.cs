namespace AfterSales.Customers.Model;

/// <summary>An installed product at a customer site (§8 3.2); its warranty clocks start at acceptance.</summary>
public sealed class Asset
{
    private Asset() { }

    public Asset(Guid id, Guid customerId, Guid siteId, string model, string serialNumber, DateOnly acceptedOn,
        string softwareVersion, int warrantyMonths, IEnumerable<Component> components)
    {
        Id = id;
        CustomerId = customerId;
        SiteId = siteId;
        Model = model;
        SerialNumber = serialNumber;
        AcceptedOn = acceptedOn;
        SoftwareVersion = softwareVersion;
        WarrantyMonths = warrantyMonths;
        Components = [.. components];
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid SiteId { get; private set; }
    public string Model { get; private set; } = "";
    public string SerialNumber { get; private set; } = "";
    public DateOnly AcceptedOn { get; private set; }
    public string SoftwareVersion { get; private set; } = "";

    /// <summary>Warranty of the product as a whole, in months from acceptance.</summary>
    public int WarrantyMonths { get; private set; }

    /// <summary>Parts that carry their own warranty period (§10 五.1).</summary>
    public List<Component> Components { get; private set; } = [];
}

/// <summary>A component with its own warranty, in months from the asset's acceptance.</summary>
public sealed record Component(string Code, string Name, int WarrantyMonths);
