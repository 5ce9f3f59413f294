using AfterSales.Platform.Errors;

namespace AfterSales.Inventory.Model;

/// <summary>Where an old part (旧件) is on its way back.</summary>
public enum OldPartStatus
{
    /// <summary>Kept by the technician at the repair; to be handed in.</summary>
    Pending = 1,

    /// <summary>Handed in to the station's store.</summary>
    Returned = 2,

    /// <summary>Written off against the customer-signed service report (warranty parts).</summary>
    WrittenOff = 3,

    /// <summary>Sent back to the company with the month's old-part run.</summary>
    Shipped = 4,
}

/// <summary>
/// A part taken out at a repair and kept for return (§2 3.6.2–3.6.3, 3.7.4–3.7.5), booked from the ticket's work
/// record. A warranty part is written off only once the customer signed the service report and the old part is
/// back; the month's old-part run ships what was written off, with its postage.
/// </summary>
public sealed class OldPart
{
    private OldPart() { }

    public OldPart(Guid id, Guid ticketId, string ticketNumber, Guid stationId, Guid workRecordId, Guid? technicianId,
        Guid partId, string partNumber, int quantity, bool warranty, DateTimeOffset recordedAt)
    {
        Id = id;
        TicketId = ticketId;
        TicketNumber = ticketNumber;
        StationId = stationId;
        WorkRecordId = workRecordId;
        TechnicianId = technicianId;
        PartId = partId;
        PartNumber = partNumber;
        Quantity = quantity;
        Warranty = warranty;
        RecordedAt = recordedAt;
        Status = OldPartStatus.Pending;
    }

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public string TicketNumber { get; private set; } = "";
    public Guid StationId { get; private set; }
    public Guid WorkRecordId { get; private set; }

    /// <summary>The technician who recorded the work and holds the old part until it is handed in.</summary>
    public Guid? TechnicianId { get; private set; }

    public Guid PartId { get; private set; }
    public string PartNumber { get; private set; } = "";
    public int Quantity { get; private set; }

    /// <summary>Fitted free under warranty (category C): the company's cost, written off against the signed report.</summary>
    public bool Warranty { get; private set; }

    public OldPartStatus Status { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public DateTimeOffset? ReturnedAt { get; private set; }
    public string? ReturnedTo { get; private set; }
    public DateTimeOffset? WrittenOffAt { get; private set; }
    public string? WrittenOffBy { get; private set; }
    public Guid? ShipmentId { get; private set; }

    /// <summary>The catalogue price it was written off at: the cost the company bore, and claims back from the supplier.</summary>
    public decimal? UnitPrice { get; private set; }

    /// <summary>The secondary claim (二次索赔) the failed part is in; a part is claimed once.</summary>
    public Guid? ClaimId { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public void Return(string receivedBy, DateTimeOffset at)
    {
        if (Status != OldPartStatus.Pending)
        {
            throw new PreconditionFailedException($"The old {PartNumber} of ticket {TicketNumber} is {Status.ToString().ToUpperInvariant()}: it was handed in already.");
        }
        (Status, ReturnedAt, ReturnedTo) = (OldPartStatus.Returned, at, receivedBy);
    }

    /// <summary>Writes the warranty part off: only with the old part back and the service report signed by the customer (§2 3.6.3).</summary>
    public void WriteOff(SignedTicket? signed, decimal unitPrice, string actor, DateTimeOffset at)
    {
        if (!Warranty)
        {
            throw new PreconditionFailedException($"The {PartNumber} of ticket {TicketNumber} was not fitted under warranty: the customer pays for it, nothing is written off.");
        }
        if (Status != OldPartStatus.Returned)
        {
            throw new PreconditionFailedException(Status == OldPartStatus.Pending
                ? $"The old {PartNumber} of ticket {TicketNumber} is not back yet: a warranty part is written off against the returned old part."
                : $"The {PartNumber} of ticket {TicketNumber} is {Status.ToString().ToUpperInvariant()} already.");
        }
        if (signed is null)
        {
            throw new PreconditionFailedException($"Ticket {TicketNumber}'s service report is not signed by the customer yet: a warranty part is written off against it.");
        }
        (Status, WrittenOffAt, WrittenOffBy, UnitPrice) = (OldPartStatus.WrittenOff, at, actor, unitPrice);
    }

    /// <summary>Puts the failed warranty part in a claim against its supplier: written off (or shipped), and in no other claim.</summary>
    public void Claim(Guid claimId, string claimCode)
    {
        if (Status is not (OldPartStatus.WrittenOff or OldPartStatus.Shipped))
        {
            throw new PreconditionFailedException(
                $"The {PartNumber} of ticket {TicketNumber} is {Status.ToString().ToUpperInvariant()}: only a written-off warranty part is claimed from its supplier.");
        }
        if (ClaimId is not null)
        {
            throw new PreconditionFailedException($"The {PartNumber} of ticket {TicketNumber} is claimed already; {claimCode} cannot claim it again.");
        }
        ClaimId = claimId;
    }

    public void Ship(Guid shipmentId)
    {
        if (Status != OldPartStatus.WrittenOff)
        {
            throw new InvalidOperationException("Only written-off old parts are shipped.");
        }
        (Status, ShipmentId) = (OldPartStatus.Shipped, shipmentId);
    }
}

/// <summary>A ticket whose service report (voucher) the customer signed, as the tickets service published it.</summary>
public sealed record SignedTicket(Guid TicketId, string TicketNumber, string SignedBy, DateTimeOffset SignedAt, Guid? VoucherDocumentId);

/// <summary>The month's old-part run of one station: the written-off old parts sent back to the company, and the postage (§2 3.7.5).</summary>
public sealed record OldPartShipment(Guid Id, Guid StationId, string Month, string Carrier, string TrackingNumber, decimal Postage, int Parts,
    string ShippedBy, DateTimeOffset ShippedAt)
{
    public const int MaxTextLength = 100;
}
