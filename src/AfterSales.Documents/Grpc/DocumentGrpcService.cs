using AfterSales.Documents.Infrastructure;
using AfterSales.Documents.Services;
using AfterSales.Documents.V1;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Security;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ArchivedDocument = AfterSales.Documents.V1.ArchivedDocument;
using Template = AfterSales.Documents.V1.Template;

namespace AfterSales.Documents.Grpc;

public sealed class DocumentGrpcService(DocumentsDbContext db, SubjectDirectory subjects, Caller caller, BusinessCalendar calendar)
    : DocumentService.DocumentServiceBase
{
    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListTemplatesResponse> ListTemplates(ListTemplatesRequest request, ServerCallContext context)
    {
        var templates = await db.Templates.AsNoTracking().OrderBy(t => t.Code).ToListAsync(context.CancellationToken);
        return new ListTemplatesResponse { Templates = { templates.Select(t => t.ToProto()) } };
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<Template> GetTemplate(GetTemplateRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireText("template_code", request.TemplateCode, 32).ThrowIfAny();
        var template = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Code == request.TemplateCode, context.CancellationToken)
            ?? throw new NotFoundException("Template", request.TemplateCode);
        return template.ToProto();
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Qa, StaffRoles.Admin, Stations = true)]
    public override async Task<ArchivedDocument> ArchiveDocument(ArchiveDocumentRequest request, ServerCallContext context)
    {
        var template = string.IsNullOrEmpty(request.TemplateCode) ? null
            : await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Code == request.TemplateCode, context.CancellationToken);
        var submission = request.ToSubmission(template);
        // The subject must be one the caller may see: a station's own, or any for internal staff. The check
        // here repeats the owning service's, so no answer of it can let a station archive beyond its own.
        var kind = submission.Template.SubjectKind;
        if (await subjects.FindOwnerAsync(kind, submission.SubjectId, context.CancellationToken) is not { } owner
            || !(owner.StationId is { } subjectStation ? caller.MaySee(subjectStation) : caller.IsInternalStaff))
        {
            throw DocumentMappings.UnknownSubject(kind);
        }
        var document = Model.ArchivedDocument.Archive(Guid.CreateVersion7(), submission, caller.StationId, owner.StationId, calendar.Now);

        // Archiving is what a caller retries when an answer is lost: the same copy again is the first one.
        if (await FindFirstCopyAsync(document, context.CancellationToken) is { } firstCopy)
        {
            return firstCopy.ToProto();
        }
        db.ArchivedDocuments.Add(document);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A retry running alongside this call archived the same copy first.
            db.ChangeTracker.Clear();
            return (await FindFirstCopyAsync(document, context.CancellationToken))!.ToProto();
        }
        return document.ToProto();
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListDocumentsResponse> ListDocuments(ListDocumentsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("subject_id", request.SubjectId, out var subjectId)
            .OptionalText("template_code", request.TemplateCode, 32)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.ThrowIfAny();
        var after = PageToken.DecodeId(request.PageToken);

        // Readable as by GetDocument: the subject's station and internal staff. Ids are time-ordered (v7).
        var query = db.ArchivedDocuments.AsNoTracking().Where(d => d.SubjectId == subjectId);
        query = caller.StationId is { } station ? query.Where(d => d.SubjectStationId == station)
            : caller.IsInternalStaff ? query
            : query.Where(d => false);
        if (!string.IsNullOrEmpty(request.TemplateCode))
        {
            query = query.Where(d => d.TemplateCode == request.TemplateCode);
        }
        if (after is { } last)
        {
            query = query.Where(d => d.Id.CompareTo(last) > 0);
        }
        var size = PageToken.SizeOrDefault(request.PageSize);
        var page = await query.OrderBy(d => d.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new ListDocumentsResponse { Documents = { page.Take(size).Select(d => d.ToProto()) } };
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(page[size - 1].Id.ToString());
        }
        return response;
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ArchivedDocument> GetDocument(GetDocumentRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("document_id", request.DocumentId, out var id).ThrowIfAny();
        var document = await db.ArchivedDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, context.CancellationToken);
        // A copy is read by the station its subject belongs to, whoever archived it, and by internal staff.
        if (document is null || !(document.SubjectStationId is { } subjectStation ? caller.MaySee(subjectStation) : caller.IsInternalStaff))
        {
            throw new NotFoundException("Document", request.DocumentId);
        }

        var response = document.ToProto();
        // The document never changes its content, so the wire can share it instead of copying up to 10 MiB.
        response.Content = UnsafeByteOperations.UnsafeWrap(document.Content);
        return response;
    }

    /// <summary>
    /// The copy of the same content, template and subject that the same readers see. Who archived it does not
    /// matter, as it does not for reading; the subject's station does, so the copy returned is always one the
    /// caller may read (a customer that moved to another station gets a copy of its own).
    /// </summary>
    private Task<Model.ArchivedDocument?> FindFirstCopyAsync(Model.ArchivedDocument copy, CancellationToken cancellationToken) =>
        db.ArchivedDocuments.AsNoTracking().SingleOrDefaultAsync(
            d => d.TemplateCode == copy.TemplateCode && d.SubjectId == copy.SubjectId && d.Sha256 == copy.Sha256
                && d.SubjectStationId == copy.SubjectStationId, cancellationToken);
}
