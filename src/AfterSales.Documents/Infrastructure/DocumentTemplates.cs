using AfterSales.Documents.Model;
using AfterSales.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Documents.Infrastructure;

/// <summary>
/// The forms the regulations name (§6, §3 4.4), each at its first version: reference data every installation
/// needs, so each template missing by its code is added on start, and one already there is left as it is.
/// </summary>
internal sealed class DocumentTemplates : IReferenceDataSeeder<DocumentsDbContext>
{
    public const string SitePhoto = "SITE-PHOTO";
    public const string RepairSketch = "REPAIR-SKETCH";
    public const string CompensationAgreement = "COMPENSATION-AGREEMENT";
    public const string ReceivingSlip = "RECEIVING-SLIP";

    private static readonly Template[] All =
    [
        new(Guid.Parse("4a000000-0000-4000-8000-000000000001"), "SERVICE-TICKET", "客户报修服务单", 1, SubjectKind.Ticket),
        new(Guid.Parse("4a000000-0000-4000-8000-000000000002"), "SERVICE-VOUCHER", "服务凭证", 1, SubjectKind.Ticket),
        new(Guid.Parse("4a000000-0000-4000-8000-000000000003"), "CONTACT-LETTER", "售后服务联络函", 1, SubjectKind.Customer),
        new(Guid.Parse("4a000000-0000-4000-8000-000000000004"), "WARRANTY-CERTIFICATE", "保修证书", 1, SubjectKind.Asset),
        new(Guid.Parse("4a000000-0000-4000-8000-000000000005"), "EXPIRY-NOTICE", "保养到期通知书", 1, SubjectKind.Contract),
        new(Guid.Parse("4a000000-0000-4000-8000-000000000006"), "MONTHLY-REPORT", "月度服务报告", 1, SubjectKind.Station),
        // Photos of the repaired part at a site survey or visit, and the sketch of a major job (§3 4.4.1).
        new(Guid.Parse("4a000000-0000-4000-8000-000000000007"), SitePhoto, "现场照片", 1, SubjectKind.Ticket),
        new(Guid.Parse("4a000000-0000-4000-8000-000000000008"), RepairSketch, "维修草图", 1, SubjectKind.Ticket),
        // The signed settlement for damage to an owner's property (§3 4.4.3).
        new(Guid.Parse("4a000000-0000-4000-8000-000000000009"), CompensationAgreement, "赔偿协议书", 1, SubjectKind.Ticket),
        // The record of a yearly return visit, signed by the customer (§8 3.1).
        new(Guid.Parse("4a000000-0000-4000-8000-00000000000a"), "RETURN-VISIT-RECORD", "回访记录", 1, SubjectKind.Customer),
        // A project's handover, step by step (§8 1–2, §9).
        new(Guid.Parse("4a000000-0000-4000-8000-00000000000b"), "DELIVERY-NOTICE", "发货通知单", 1, SubjectKind.Project),
        new(Guid.Parse("4a000000-0000-4000-8000-00000000000c"), "INSTALLATION-REPORT", "安装报告", 1, SubjectKind.Project),
        new(Guid.Parse("4a000000-0000-4000-8000-00000000000d"), "COMMISSIONING-REPORT", "调试报告", 1, SubjectKind.Project),
        new(Guid.Parse("4a000000-0000-4000-8000-00000000000e"), "ACCEPTANCE-REPORT", "验收报告", 1, SubjectKind.Project),
        // The receiving slip a receipt is booked on, in duplicate (§2 3.7.2), about the warehouse it enters.
        new(Guid.Parse("4a000000-0000-4000-8000-00000000000f"), ReceivingSlip, "备用件接收单", 1, SubjectKind.Warehouse),
    ];

    public async Task SeedAsync(DocumentsDbContext context, CancellationToken cancellationToken)
    {
        var existing = await context.Templates.Select(t => t.Code).ToListAsync(cancellationToken);
        context.Templates.AddRange(All.Where(t => !existing.Contains(t.Code)));
        await context.SaveChangesAsync(cancellationToken);
    }
}
