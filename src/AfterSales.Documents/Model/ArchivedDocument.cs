using System.Security.Cryptography;
using AfterSales.Platform;

namespace AfterSales.Documents.Model;

/// <summary>A copy to archive, checked: the template it was made from, what it is about, its content.</summary>
public sealed record DocumentSubmission(Template Template, Guid SubjectId, string MediaType, ReadOnlyMemory<byte> Content);

/// <summary>
/// A signed or issued copy of a document, archived for good: signatures cannot be altered (§2 3.3.2) and
/// archived copies are immutable (§6). The document keeps its own copy of the content, hands it out only
/// read-only, and carries the SHA-256 of it, so whoever holds a copy can prove it is the one archived.
/// </summary>
public sealed class ArchivedDocument
{
    /// <summary>10 MiB: a scanned multi-page form with signatures fits; a video of the site does not belong here.</summary>
    public const int MaxContentBytes = 10 * 1024 * 1024;

    private byte[] _content = [];

    private ArchivedDocument() { }

    /// <param name="ownerStationId">The partner station that archives the copy; null for the company's own staff.</param>
    /// <param name="subjectStationId">
    /// The station the subject belongs to: its ticket, its customer's asset or contract, itself; null for the company's own
    /// (the central warehouse), read by internal staff alone.
    /// </param>
    public static ArchivedDocument Archive(Guid id, DocumentSubmission submission, Guid? ownerStationId, Guid? subjectStationId,
        DateTimeOffset archivedAt)
    {
        if (submission.Content.IsEmpty || submission.Content.Length > MaxContentBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(submission), submission.Content.Length, $"Content must be 1 to {MaxContentBytes} bytes.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(submission.MediaType);

        // Our own copy: the caller's buffer may change after this call, the archived copy may not.
        var content = submission.Content.ToArray();
        return new ArchivedDocument
        {
            Id = id,
            TemplateCode = submission.Template.Code,
            TemplateVersion = submission.Template.Version,
            SubjectId = submission.SubjectId,
            OwnerStationId = ownerStationId,
            SubjectStationId = subjectStationId,
            MediaType = submission.MediaType,
            _content = content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            ArchivedAt = BusinessCalendar.ToStoredPrecision(archivedAt),
        };
    }

    public Guid Id { get; private set; }
    public string TemplateCode { get; private set; } = "";

    /// <summary>The template's version when the copy was archived.</summary>
    public int TemplateVersion { get; private set; }

    /// <summary>Id of what the document is about (a ticket, customer...), of its template's subject kind.</summary>
    public Guid SubjectId { get; private set; }

    /// <summary>The partner station that archived the copy; null when the company's own staff did.</summary>
    public Guid? OwnerStationId { get; private set; }

    /// <summary>
    /// The station the subject belonged to when the copy was archived: that station and internal staff read
    /// the copy, whoever archived it. Null for a subject that is the company's own (the central warehouse) and for
    /// copies staff archived before subjects were resolved: internal staff alone read those.
    /// </summary>
    public Guid? SubjectStationId { get; private set; }

    public string MediaType { get; private set; } = "";

    /// <summary>SHA-256 of the content, lowercase hex, computed when archived.</summary>
    public string Sha256 { get; private set; } = "";

    public DateTimeOffset ArchivedAt { get; private set; }

    public ReadOnlyMemory<byte> Content => _content;

    public int SizeBytes => _content.Length;
}
