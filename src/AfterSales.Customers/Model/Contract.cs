namespace AfterSales.Customers.Model;

/// <summary>The kinds of service contract (§1 六.2).</summary>
public enum ContractKind
{
    /// <summary>保养合同: routine maintenance and repairs for a period.</summary>
    Maintenance = 1,

    /// <summary>按次合同: agreed prices per visit.</summary>
    PerVisit = 2,
}

/// <summary>A service contract of a customer, covering some or all of its assets for a period.</summary>
public sealed class Contract
{
    private Contract() { }

    public Contract(Guid id, Guid customerId, string number, ContractKind kind, DateOnly startsOn, DateOnly endsOn,
        decimal price, IEnumerable<Guid> coveredAssetIds)
    {
        if (endsOn < startsOn)
        {
            throw new ArgumentException("A contract cannot end before it starts.", nameof(endsOn));
        }
        Id = id;
        CustomerId = customerId;
        Number = number;
        Kind = kind;
        StartsOn = startsOn;
        EndsOn = endsOn;
        Price = price;
        CoveredAssetIds = [.. coveredAssetIds];
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Number { get; private set; } = "";
    public ContractKind Kind { get; private set; }

    /// <summary>First day covered.</summary>
    public DateOnly StartsOn { get; private set; }

    /// <summary>Last day covered.</summary>
    public DateOnly EndsOn { get; private set; }

    /// <summary>Contract price in CNY.</summary>
    public decimal Price { get; private set; }

    /// <summary>The assets covered; empty means every asset of the customer.</summary>
    public List<Guid> CoveredAssetIds { get; private set; } = [];

    public bool Covers(Guid assetId) => CoveredAssetIds.Count == 0 || CoveredAssetIds.Contains(assetId);
}
