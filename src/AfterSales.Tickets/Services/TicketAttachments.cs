using AfterSales.Documents.V1;
using AfterSales.Platform.Errors;

namespace AfterSales.Tickets.Services;

/// <summary>
/// Photos, sketches and signed agreements a ticket's records point to live in the documents service. Each id
/// must name a copy archived about this ticket with the expected template, as the caller can read it there
/// (documents applies the caller's isolation): another ticket's photo, or another station's, is as unknown
/// as an id that names nothing.
/// </summary>
public sealed class TicketAttachments(DocumentService.DocumentServiceClient documents)
{
    /// <summary>The forms of documents a ticket's records point to (documents' template codes).</summary>
    public const string SitePhoto = "SITE-PHOTO";
    public const string RepairSketch = "REPAIR-SKETCH";
    public const string CompensationAgreement = "COMPENSATION-AGREEMENT";

    /// <param name="ids">Each with the field that named it, e.g. ("photo_document_ids[2]", id).</param>
    public async Task RequireAsync(Guid ticketId, string templateCode, IReadOnlyList<(string Field, Guid Id)> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }
        var archived = new HashSet<Guid>();
        var request = new ListDocumentsRequest { SubjectId = ticketId.ToString(), TemplateCode = templateCode, PageSize = 100 };
        do
        {
            var page = await documents.ListDocumentsAsync(request, cancellationToken: cancellationToken);
            archived.UnionWith(page.Documents.Select(d => Guid.Parse(d.DocumentId)));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0 && !ids.All(i => archived.Contains(i.Id)));

        var violations = new FieldViolations();
        foreach (var (field, id) in ids.Where(i => !archived.Contains(i.Id)))
        {
            violations.Add(field, $"{field} names no {templateCode} document archived about this ticket.");
        }
        violations.ThrowIfAny();
    }
}
