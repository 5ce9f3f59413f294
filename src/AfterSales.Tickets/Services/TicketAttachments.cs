namespace AfterSales.Tickets.Services;

/// <summary>The forms of documents a ticket's records point to (documents' template codes), checked by <see cref="Platform.Documents.ArchivedDocuments"/>.</summary>
public static class TicketAttachments
{
    public const string Subject = "ticket";
    public const string SitePhoto = "SITE-PHOTO";
    public const string RepairSketch = "REPAIR-SKETCH";
    public const string CompensationAgreement = "COMPENSATION-AGREEMENT";
}
