using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;

namespace AfterSales.Inventory.Model;

/// <summary>Where a claim against a supplier is.</summary>
public enum SupplierClaimStatus
{
    Open = 1,
    Settled = 2,
    Refused = 3,
}

/// <summary>One failed warranty part claimed, at the price it was written off at.</summary>
public sealed record ClaimedPart(Guid OldPartId, string TicketNumber, string PartNumber, int Quantity, decimal UnitPrice);

/// <summary>
/// A secondary claim (二次索赔, §2 3.8): the cost of warranty parts that failed, which the company bore, claimed back
/// from their supplier; tracked until the supplier settles (in full or in part) or refuses.
/// </summary>
public sealed class SupplierClaim
{
    public const int MaxParts = 100;

    private SupplierClaim() { }

    public SupplierClaim(Guid id, string code, string supplier, IReadOnlyCollection<OldPart> oldParts, string openedBy, DateTimeOffset openedAt)
    {
        Id = id;
        Code = code;
        Supplier = supplier;
        foreach (var oldPart in oldParts)
        {
            oldPart.Claim(id, code);
        }
        Parts = [.. oldParts.Select(o => new ClaimedPart(o.Id, o.TicketNumber, o.PartNumber, o.Quantity, o.UnitPrice ?? 0))];
        Claimed = Parts.Sum(p => p.Quantity * p.UnitPrice);
        OpenedBy = openedBy;
        OpenedAt = openedAt;
        Status = SupplierClaimStatus.Open;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Supplier { get; private set; } = "";
    public SupplierClaimStatus Status { get; private set; }
    public List<ClaimedPart> Parts { get; private set; } = [];
    public decimal Claimed { get; private set; }
    public decimal? Recovered { get; private set; }
    public string? SupplierReference { get; private set; }
    public string? RefusalReason { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>The supplier paid: all of the claim, or part of it.</summary>
    public void Settle(decimal recovered, string supplierReference, string actor, DateTimeOffset at)
    {
        RequireOpen("settled");
        if (recovered > Claimed)
        {
            throw new PreconditionFailedException($"{Code} claims {Claimed:0.00} CNY: no more than that is recovered.");
        }
        (Status, Recovered, SupplierReference, ClosedBy, ClosedAt) = (SupplierClaimStatus.Settled, recovered, supplierReference, actor, at);
    }

    public void Refuse(string reason, string actor, DateTimeOffset at)
    {
        RequireOpen("refused");
        (Status, RefusalReason, ClosedBy, ClosedAt) = (SupplierClaimStatus.Refused, reason, actor, at);
    }

    private void RequireOpen(string verb)
    {
        if (Status != SupplierClaimStatus.Open)
        {
            throw new PreconditionFailedException($"{Code} is {ProtoConversions.WireName(Status)}: only an open claim is {verb}.");
        }
    }
}
