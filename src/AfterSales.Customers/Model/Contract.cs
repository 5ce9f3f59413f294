namespace AfterSales.Customers.Model;

/// <summary>The kinds of service contract (§1 六.2).</summary>
public enum ContractKind
{
    /// <summary>保养合同: routine maintenance and repairs for a period.</summary>
    Maintenance = 1,

    /// <summary>按次合同: agreed prices per visit.</summary>
    PerVisit = 2,
}

/// <summary>What a contract's price buys (§4 四, §10 五.3): billing applies exactly these.</summary>
/// <param name="Labour">The technicians' work.</param>
/// <param name="Parts">Spare parts fitted.</param>
/// <param name="Travel">Getting to the site.</param>
/// <param name="PreventiveVisitsPerYear">Scheduled maintenance visits a year (0 for none).</param>
public sealed record ContractServices(bool Labour, bool Parts, bool Travel, int PreventiveVisitsPerYear)
{
    public const int MaxPreventiveVisitsPerYear = 52;

    /// <summary>A maintenance contract's usual scope: everything, with quarterly visits.</summary>
    public static readonly ContractServices Maintenance = new(Labour: true, Parts: true, Travel: true, PreventiveVisitsPerYear: 4);

    /// <summary>A per-visit contract's usual scope: the visit's labour and travel at the agreed price, parts paid.</summary>
    public static readonly ContractServices PerVisit = new(Labour: true, Parts: false, Travel: true, PreventiveVisitsPerYear: 0);

    public static ContractServices DefaultFor(ContractKind kind) => kind == ContractKind.Maintenance ? Maintenance : PerVisit;
}

/// <summary>How a contract's price is charged.</summary>
public enum BillingBasis
{
    PerYear = 1,
    PerVisit = 2,
}

/// <summary>A service contract of a customer, covering some or all of its assets for a period.</summary>
public sealed class Contract
{
    public const int MaxNumberLength = 32;
    public const int MaxCoveredAssets = 500;

    private Contract() { }

    public Contract(Guid id, Guid customerId, string number, ContractKind kind, DateOnly startsOn, DateOnly endsOn,
        decimal price, IEnumerable<Guid> coveredAssetIds, ContractServices? services = null, BillingBasis? billingBasis = null,
        Guid? renewsContractId = null)
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
        Services = services ?? ContractServices.DefaultFor(kind);
        BillingBasis = billingBasis ?? (kind == ContractKind.Maintenance ? Model.BillingBasis.PerYear : Model.BillingBasis.PerVisit);
        RenewsContractId = renewsContractId;
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Number { get; private set; } = "";
    public ContractKind Kind { get; private set; }

    /// <summary>First day covered.</summary>
    public DateOnly StartsOn { get; private set; }

    /// <summary>Last day covered.</summary>
    public DateOnly EndsOn { get; private set; }

    /// <summary>Contract price in CNY, per <see cref="BillingBasis"/>.</summary>
    public decimal Price { get; private set; }

    public BillingBasis BillingBasis { get; private set; }

    public ContractServices Services { get; private set; } = ContractServices.Maintenance;

    /// <summary>The contract this one renews, if it is a renewal.</summary>
    public Guid? RenewsContractId { get; private set; }

    /// <summary>When and why it was ended before its term, if it was.</summary>
    public DateOnly? TerminatedOn { get; private set; }
    public string? TerminationReason { get; private set; }

    /// <summary>The assets covered; empty means every asset of the customer.</summary>
    public List<Guid> CoveredAssetIds { get; private set; } = [];

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public bool Covers(Guid assetId) => CoveredAssetIds.Count == 0 || CoveredAssetIds.Contains(assetId);

    /// <summary>Whether this and <paramref name="other"/>, of the same kind, cover one asset on one day: a contract has one term per asset at a time.</summary>
    public bool Overlaps(Contract other) =>
        other.Kind == Kind && other.StartsOn <= EndsOn && StartsOn <= other.EndsOn
        && (CoveredAssetIds.Count == 0 || other.CoveredAssetIds.Count == 0 || CoveredAssetIds.Intersect(other.CoveredAssetIds).Any());

    /// <summary>
    /// Ends the contract early, after <paramref name="lastDay"/>: from the next day its assets are no longer
    /// covered by it. A contract ends at most once, within its term and not before it started.
    /// </summary>
    public void Terminate(DateOnly lastDay, string reason)
    {
        if (TerminatedOn is not null)
        {
            throw new Platform.Errors.PreconditionFailedException($"Contract {Number} was terminated on {TerminatedOn:yyyy-MM-dd} already.");
        }
        if (lastDay < StartsOn || lastDay >= EndsOn)
        {
            throw Platform.Errors.ValidationException.ForField("last_day",
                $"last_day must be from the contract's first day ({StartsOn:yyyy-MM-dd}) to before its end ({EndsOn:yyyy-MM-dd}).");
        }
        (TerminatedOn, TerminationReason, EndsOn) = (lastDay, reason, lastDay);
    }
}
