namespace AfterSales.Inventory.Model;

/// <summary>How stock moved.</summary>
public enum MovementKind
{
    Receipt = 1,
    TransferOut = 2,
    TransferIn = 3,
    Reservation = 4,
    Release = 5,
    Issue = 6,
    CountAdjustment = 7,
    Return = 8,
    WriteOff = 9,
}

/// <summary>
/// One line of a warehouse's ledger: a change of one part's on-hand and reserved units, with both after it,
/// who booked it and the document it came from. A stock level is the sum of its movements.
/// </summary>
public sealed record Movement(
    Guid Id,
    Guid WarehouseId,
    Guid PartId,
    MovementKind Kind,
    int OnHandChange,
    int ReservedChange,
    int OnHandAfter,
    int ReservedAfter,
    string Reference,
    string BookedBy,
    DateTimeOffset BookedAt)
{
    public const int MaxReferenceLength = 64;
}

/// <summary>A receiving slip (接收单, §2 3.7.2) booked into the central warehouse: one booking per number.</summary>
public sealed record ReceivingSlip(string Number, string Supplier, string BookedBy, DateTimeOffset BookedAt)
{
    /// <summary>The slip as filled in duplicate, archived in documents (null for slips booked before slips were archived).</summary>
    public Guid? DocumentId { get; init; }

    public const int MaxNumberLength = 64;
    public const int MaxSupplierLength = 200;
}
