using AfterSales.Documents.V1;
using AfterSales.Platform.Errors;

namespace AfterSales.Platform.Peers;

/// <summary>
/// Photos, reports and signed records a service's objects point to live in the documents service. Each id
/// must name a copy archived about the given subject with the expected template, as the caller can read it
/// there (documents applies the caller's isolation): another subject's copy, or another station's, is as
/// unknown as an id that names nothing.
/// </summary>
public sealed class ArchivedDocuments(DocumentService.DocumentServiceClient documents)
{
    /// <param name="subjectNoun">What the subject is, for the error: "ticket", "customer".</param>
    /// <param name="ids">Each with the field that named it, e.g. ("photo_document_ids[2]", id).</param>
    public async Task RequireAsync(Guid subjectId, string subjectNoun, string templateCode, IReadOnlyList<(string Field, Guid Id)> ids,
        CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }
        var archived = new HashSet<Guid>();
        var request = new ListDocumentsRequest { SubjectId = subjectId.ToString(), TemplateCode = templateCode, PageSize = 100 };
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
            violations.Add(field, $"{field} names no {templateCode} document archived about this {subjectNoun}.");
        }
        violations.ThrowIfAny();
    }
}
