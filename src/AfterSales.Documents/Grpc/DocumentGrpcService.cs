using AfterSales.Documents.Infrastructure;
using AfterSales.Documents.V1;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Security;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ArchivedDocument = AfterSales.Documents.V1.ArchivedDocument;
using Template = AfterSales.Documents.V1.Template;

namespace AfterSales.Documents.Grpc;

public sealed class DocumentGrpcService(DocumentsDbContext db, Caller caller, BusinessCalendar calendar) : DocumentService.DocumentServiceBase
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
        var document = Model.ArchivedDocument.Archive(Guid.CreateVersion7(), request.ToSubmission(template), caller.StationId, calendar.Now);

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
    public override async Task<ArchivedDocument> GetDocument(GetDocumentRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("document_id", request.DocumentId, out var id).ThrowIfAny();
        var document = await db.ArchivedDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, context.CancellationToken);
        // Internal staff read every copy; a station only the copies it archived itself.
        if (document is null || !(caller.IsInternalStaff || (caller.StationId is { } station && document.OwnerStationId == station)))
        {
            throw new NotFoundException("Document", request.DocumentId);
        }

        var response = document.ToProto();
        // The document never changes its content, so the wire can share it instead of copying up to 10 MiB.
        response.Content = UnsafeByteOperations.UnsafeWrap(document.Content);
        return response;
    }

    private Task<Model.ArchivedDocument?> FindFirstCopyAsync(Model.ArchivedDocument copy, CancellationToken cancellationToken) =>
        db.ArchivedDocuments.AsNoTracking().SingleOrDefaultAsync(
            d => d.TemplateCode == copy.TemplateCode && d.SubjectId == copy.SubjectId && d.Sha256 == copy.Sha256
                && d.OwnerStationId == copy.OwnerStationId, cancellationToken);
}
