using AfterSales.Platform.Errors;

namespace AfterSales.Inventory.Model;

/// <summary>Where a return to the manufacturer is, in order.</summary>
public enum RmaStatus
{
    /// <summary>Opened: the fault awaits the technical group's confirmation.</summary>
    Opened = 1,

    /// <summary>The fault is confirmed; the department manager's approval is awaited.</summary>
    Confirmed = 2,

    /// <summary>Approved: to be sent.</summary>
    Approved = 3,

    /// <summary>Sent to the manufacturer.</summary>
    Shipped = 4,

    /// <summary>Back from the manufacturer (repaired, replaced or refused).</summary>
    Returned = 5,

    /// <summary>Its fee paid against the supplier's confirmation: closed.</summary>
    Closed = 6,
}

/// <summary>What the manufacturer did.</summary>
public enum RmaOutcome
{
    Repaired = 1,
    Replaced = 2,
    Refused = 3,
}

/// <summary>
/// A faulty device or part returned to its manufacturer (RMA, §12 5.2.1–5.2.2, §2 3.8): the fault confirmed by the
/// technical group and the return approved by the department manager (two people), sent, tracked until it is
/// back, and closed when its fee is paid against the supplier's confirmation.
/// </summary>
public sealed class RmaCase
{
    public const int MaxTextLength = 500;

    private RmaCase() { }

    public RmaCase(Guid id, string code, Guid partId, string partNumber, string serialNumber, string supplier, string fault, string openedBy, DateTimeOffset openedAt)
    {
        Id = id;
        Code = code;
        PartId = partId;
        PartNumber = partNumber;
        SerialNumber = serialNumber;
        Supplier = supplier;
        Fault = fault;
        OpenedBy = openedBy;
        OpenedAt = openedAt;
        Status = RmaStatus.Opened;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public Guid PartId { get; private set; }
    public string PartNumber { get; private set; } = "";
    public string SerialNumber { get; private set; } = "";
    public string Supplier { get; private set; } = "";
    public string Fault { get; private set; } = "";
    public RmaStatus Status { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public string? ConfirmedBy { get; private set; }
    public string? ApprovedBy { get; private set; }
    public string? Carrier { get; private set; }
    public string? TrackingNumber { get; private set; }
    public DateTimeOffset? ShippedAt { get; private set; }
    public RmaOutcome? Outcome { get; private set; }
    public string? ReturnNote { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }
    public decimal? Fee { get; private set; }
    public string? SupplierConfirmation { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public void Confirm(string actor)
    {
        Require(RmaStatus.Opened, "confirmed");
        (Status, ConfirmedBy) = (RmaStatus.Confirmed, actor);
    }

    public void Approve(string actor)
    {
        Require(RmaStatus.Confirmed, "approved");
        if (actor == ConfirmedBy)
        {
            throw new PreconditionFailedException($"{Code} was confirmed by you: its return is approved by another person.");
        }
        (Status, ApprovedBy) = (RmaStatus.Approved, actor);
    }

    public void Ship(string carrier, string trackingNumber, DateTimeOffset at)
    {
        Require(RmaStatus.Approved, "shipped");
        (Status, Carrier, TrackingNumber, ShippedAt) = (RmaStatus.Shipped, carrier, trackingNumber, at);
    }

    public void RecordReturn(RmaOutcome outcome, string note, DateTimeOffset at)
    {
        Require(RmaStatus.Shipped, "back");
        (Status, Outcome, ReturnNote, ReturnedAt) = (RmaStatus.Returned, outcome, note, at);
    }

    /// <summary>Pays the fee against the supplier's confirmation (its reference), which closes the case.</summary>
    public void PayFee(decimal fee, string supplierConfirmation, DateTimeOffset at)
    {
        Require(RmaStatus.Returned, "paid");
        (Status, Fee, SupplierConfirmation, ClosedAt) = (RmaStatus.Closed, fee, supplierConfirmation, at);
    }

    private void Require(RmaStatus status, string verb)
    {
        if (Status != status)
        {
            throw new PreconditionFailedException(
                $"{Code} is {Platform.Grpc.ProtoConversions.WireName(Status)}: it is {verb} only when {Platform.Grpc.ProtoConversions.WireName(status)}.");
        }
    }
}
