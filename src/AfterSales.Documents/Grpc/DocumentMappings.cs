using System.Net.Http.Headers;
using AfterSales.Platform.Errors;
using Google.Protobuf.WellKnownTypes;
using Model = AfterSales.Documents.Model;
using V1 = AfterSales.Documents.V1;

namespace AfterSales.Documents.Grpc;

/// <summary>Wire ↔ domain for templates and archived documents, by hand.</summary>
internal static class DocumentMappings
{
    private const int MaxMediaTypeLength = 100;

    /// <summary>
    /// Checks every field of an archive request, the template code against <paramref name="template"/> (the
    /// template of that code, or null when there is none), and returns the copy to archive.
    /// </summary>
    public static Model.DocumentSubmission ToSubmission(this V1.ArchiveDocumentRequest request, Model.Template? template)
    {
        var violations = new FieldViolations().RequireId("subject_id", request.SubjectId, out var subjectId);
        if (string.IsNullOrEmpty(request.TemplateCode))
        {
            violations.Add("template_code", "template_code is required.");
        }
        else if (template is null)
        {
            violations.Add("template_code", "template_code names no document template.");
        }
        if (request.Content.IsEmpty)
        {
            violations.Add("content", "content is required.");
        }
        else if (request.Content.Length > Model.ArchivedDocument.MaxContentBytes)
        {
            violations.Add("content", "content must be at most 10 MiB.");
        }
        if (string.IsNullOrWhiteSpace(request.MediaType))
        {
            violations.Add("media_type", "media_type is required.");
        }
        else if (request.MediaType.Length > MaxMediaTypeLength || !MediaTypeHeaderValue.TryParse(request.MediaType, out _))
        {
            violations.Add("media_type", $"media_type must be a media type such as application/pdf, at most {MaxMediaTypeLength} characters.");
        }
        violations.ThrowIfAny();

        return new Model.DocumentSubmission(template!, subjectId, request.MediaType.Trim(), request.Content.Memory);
    }

    /// <summary>
    /// The one answer for a subject the caller may not archive against: missing, of another kind, or another
    /// station's. All three read the same, so the answer tells a station nothing about other stations.
    /// </summary>
    public static ValidationException UnknownSubject(Model.SubjectKind kind) =>
        ValidationException.ForField("subject_id", $"subject_id names no {kind.ToString().ToLowerInvariant()} you may archive documents about.");

    public static V1.Template ToProto(this Model.Template template) => new()
    {
        Code = template.Code,
        Title = template.Title,
        Version = template.Version,
        SubjectKind = (V1.SubjectKind)template.SubjectKind,
    };

    /// <summary>The archived copy's metadata and hash, without its content.</summary>
    public static V1.ArchivedDocument ToProto(this Model.ArchivedDocument document) => new()
    {
        DocumentId = document.Id.ToString(),
        TemplateCode = document.TemplateCode,
        TemplateVersion = document.TemplateVersion,
        SubjectId = document.SubjectId.ToString(),
        MediaType = document.MediaType,
        SizeBytes = document.SizeBytes,
        Sha256 = document.Sha256,
        ArchivedAt = Timestamp.FromDateTimeOffset(document.ArchivedAt),
        OwnerStationId = document.OwnerStationId?.ToString() ?? "",
        SubjectStationId = document.SubjectStationId?.ToString() ?? "",
    };
}
