using AfterSales.Platform.Errors;

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

    /// <summary>The project that installed it, when it was registered at the project's acceptance.</summary>
    public Guid? ProjectId { get; private set; }

    /// <summary>Its warranty certificate (保修证书) in documents, and when it was recorded as issued.</summary>
    public Guid? CertificateDocumentId { get; private set; }
    public DateTimeOffset? CertificateIssuedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>Records the software version now installed: an upgrade, never a step back to an older one.</summary>
    public void UpgradeSoftware(string version)
    {
        if (!SoftwareVersions.IsOlder(SoftwareVersion, version))
        {
            throw new PreconditionFailedException($"{SerialNumber} runs software {SoftwareVersion}, which is not older than {version}.");
        }
        SoftwareVersion = version;
    }

    /// <summary>Registered by <paramref name="projectId"/>'s acceptance.</summary>
    public void InstalledBy(Guid projectId) => ProjectId = projectId;

    /// <summary>Records its warranty certificate as issued; once.</summary>
    public void IssueCertificate(Guid documentId, DateTimeOffset at)
    {
        if (CertificateIssuedAt is not null)
        {
            throw new PreconditionFailedException($"The warranty certificate of {SerialNumber} was issued at {CertificateIssuedAt:yyyy-MM-dd HH:mm} already.");
        }
        (CertificateDocumentId, CertificateIssuedAt) = (documentId, at);
    }

    /// <summary>When a contract names no warranty: two years from acceptance (§5, as the tender documents set it).</summary>
    public const int DefaultWarrantyMonths = 24;
    public const int MaxWarrantyMonths = 240;
    public const int MaxComponents = 50;

    /// <summary>
    /// Changes the warranty of the asset, or of one of its components, and returns the record of it: a
    /// warranty is never edited silently (§10 五.2).
    /// </summary>
    public WarrantyChange ChangeWarranty(string? componentCode, int months, string reason, string actor, DateTimeOffset at)
    {
        if (months is < 1 or > MaxWarrantyMonths)
        {
            throw new ArgumentOutOfRangeException(nameof(months), months, $"A warranty is 1 to {MaxWarrantyMonths} months.");
        }
        int from;
        if (string.IsNullOrEmpty(componentCode))
        {
            from = WarrantyMonths;
            WarrantyMonths = months;
        }
        else
        {
            var index = Components.FindIndex(c => c.Code == componentCode);
            if (index < 0)
            {
                throw ValidationException.ForField("component_code", $"The asset has no component '{componentCode}'.");
            }
            from = Components[index].WarrantyMonths;
            Components[index] = Components[index] with { WarrantyMonths = months };
        }
        if (from == months)
        {
            throw new PreconditionFailedException($"The warranty is {months} months already.");
        }
        return new WarrantyChange(Guid.CreateVersion7(), Id, string.IsNullOrEmpty(componentCode) ? null : componentCode, from, months, reason, actor, at);
    }
}

/// <summary>A change of an asset's or a component's warranty term, with its reason and author (§10 五.2).</summary>
public sealed record WarrantyChange(Guid Id, Guid AssetId, string? ComponentCode, int FromMonths, int ToMonths, string Reason, string ChangedBy, DateTimeOffset ChangedAt)
{
    public const int MaxReasonLength = 500;
}

/// <summary>A component with its own warranty, in months from the asset's acceptance.</summary>
public sealed record Component(string Code, string Name, int WarrantyMonths);
