namespace AfterSales.Billing.Model;

/// <summary>
/// The cost of a warranty repair the company took over from the original builder, as allocated at its
/// acceptance (§5 4): the builder's part is deducted from its retention money under the contract (§3 5.1),
/// the owner's part charged to the customer. One per ticket; booked from the tickets service's event.
/// </summary>
public sealed class BuilderCharge
{
    public const int MaxNameLength = 100;

    private BuilderCharge() { }

    public BuilderCharge(Guid ticketId, string ticketNumber, Guid stationId, Guid? customerId, string builder, string contractReference,
        string allocation, decimal totalCost, decimal builderAmount, DateTimeOffset acceptedAt)
    {
        if (builderAmount < 0 || builderAmount > totalCost)
        {
            throw new ArgumentOutOfRangeException(nameof(builderAmount), builderAmount, "The builder's part is between nothing and the whole cost.");
        }
        TicketId = ticketId;
        TicketNumber = ticketNumber;
        StationId = stationId;
        CustomerId = customerId;
        Builder = builder;
        ContractReference = contractReference;
        Allocation = allocation;
        TotalCost = totalCost;
        BuilderAmount = builderAmount;
        AcceptedAt = acceptedAt;
    }

    public Guid TicketId { get; private set; }
    public string TicketNumber { get; private set; } = "";
    public Guid StationId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string Builder { get; private set; } = "";
    public string ContractReference { get; private set; } = "";
    public string Allocation { get; private set; } = "";
    public decimal TotalCost { get; private set; }

    /// <summary>Deducted from the builder's retention money.</summary>
    public decimal BuilderAmount { get; private set; }

    /// <summary>Charged to the owner.</summary>
    public decimal OwnerAmount => TotalCost - BuilderAmount;
    public DateTimeOffset AcceptedAt { get; private set; }
}
