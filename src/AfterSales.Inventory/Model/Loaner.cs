using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;

namespace AfterSales.Inventory.Model;

/// <summary>Where a loaner unit is.</summary>
public enum LoanerStatus
{
    Available = 1,
    Lent = 2,
    Retired = 3,
}

/// <summary>
/// A loaner unit (替补商品, §10 六.4) kept in the spare-parts warehouse: lent for a ticket while the customer's own unit
/// is repaired, due back on a day, returned to the warehouse after. One loan at a time; of two lenders, one wins.
/// </summary>
public sealed class Loaner
{
    public const int MaxTextLength = 500;

    private Loaner() { }

    public Loaner(Guid id, string code, string model, string serialNumber, string note)
    {
        Id = id;
        Code = code;
        Model = model;
        SerialNumber = serialNumber;
        Note = note;
        Status = LoanerStatus.Available;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Model { get; private set; } = "";
    public string SerialNumber { get; private set; } = "";
    public string Note { get; private set; } = "";
    public LoanerStatus Status { get; private set; }

    // The current loan, set while lent.
    public Guid? TicketId { get; private set; }
    public string? TicketNumber { get; private set; }
    public Guid? StationId { get; private set; }
    public string? LentBy { get; private set; }
    public DateTimeOffset? LentAt { get; private set; }
    public DateOnly? DueBackOn { get; private set; }

    public int TimesLent { get; private set; }
    public DateTimeOffset? LastReturnedAt { get; private set; }
    public string? LastCondition { get; private set; }
    public string? RetiredReason { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): lent, returned or retired by one caller only.</summary>
    public uint Version { get; private set; }

    public bool IsOverdue(DateOnly today) => Status == LoanerStatus.Lent && DueBackOn < today;

    public void Lend(Guid ticketId, string ticketNumber, Guid stationId, DateOnly dueBackOn, string actor, DateTimeOffset at)
    {
        Require(LoanerStatus.Available, "lent");
        (Status, TicketId, TicketNumber, StationId, DueBackOn, LentBy, LentAt) = (LoanerStatus.Lent, ticketId, ticketNumber, stationId, dueBackOn, actor, at);
        TimesLent++;
    }

    /// <summary>Takes the unit back into the warehouse, with the state it came back in.</summary>
    public void Return(string condition, DateTimeOffset at)
    {
        Require(LoanerStatus.Lent, "returned");
        (Status, LastReturnedAt, LastCondition) = (LoanerStatus.Available, at, condition);
        (TicketId, TicketNumber, StationId, DueBackOn, LentBy, LentAt) = (null, null, null, null, null, null);
    }

    public void Retire(string reason)
    {
        Require(LoanerStatus.Available, "retired");
        (Status, RetiredReason) = (LoanerStatus.Retired, reason);
    }

    private void Require(LoanerStatus status, string verb)
    {
        if (Status != status)
        {
            var where = Status == LoanerStatus.Lent ? $" (lent for ticket {TicketNumber})" : "";
            throw new PreconditionFailedException($"Loaner {Code} is {ProtoConversions.WireName(Status)}{where}: it is {verb} only when {ProtoConversions.WireName(status)}.");
        }
    }
}
