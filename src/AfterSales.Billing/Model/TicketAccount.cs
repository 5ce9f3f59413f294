namespace AfterSales.Billing.Model;

/// <summary>
/// Billing's account of one repair ticket, opened when the ticket is (from the TicketOpened event):
/// who is served, by which station, and the category that decides who pays (§1 六). Charges and the
/// invoice are booked against it, without asking the tickets service at billing time.
/// </summary>
public sealed class TicketAccount
{
    private TicketAccount() { }

    public TicketAccount(Guid ticketId, string ticketNumber, Guid stationId, Guid customerId, ServiceCategory category, DateTimeOffset openedAt)
    {
        if (!Enum.IsDefined(category))
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown service category.");
        }
        TicketId = ticketId;
        TicketNumber = ticketNumber;
        StationId = stationId;
        CustomerId = customerId;
        Category = category;
        OpenedAt = openedAt;
    }

    public Guid TicketId { get; private set; }
    public string TicketNumber { get; private set; } = "";
    public Guid StationId { get; private set; }
    public Guid CustomerId { get; private set; }
    public ServiceCategory Category { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>When the category was last revised (after diagnosis, by the tickets service), if it was.</summary>
    public DateTimeOffset? CategoryRevisedAt { get; private set; }

    /// <summary>
    /// Follows a revision of the ticket's category. Revisions can arrive out of order (a replayed event);
    /// only a later one than the last applied changes the category.
    /// </summary>
    public void ReviseCategory(ServiceCategory category, DateTimeOffset revisedAt)
    {
        if (!Enum.IsDefined(category))
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown service category.");
        }
        if (CategoryRevisedAt is { } last && revisedAt <= last)
        {
            return;
        }
        (Category, CategoryRevisedAt) = (category, revisedAt);
    }
}
