using AfterSales.Documents.Model;
using AfterSales.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Documents.Infrastructure;

/// <summary>The six forms the regulations name (§6), each at its first version.</summary>
internal sealed class DocumentsSeeder : IDbSeeder<DocumentsDbContext>
{
    public async Task SeedAsync(DocumentsDbContext context, CancellationToken cancellationToken)
    {
        if (await context.Templates.AnyAsync(cancellationToken))
        {
            return;
        }

        context.Templates.AddRange(
            new Template(Guid.Parse("4a000000-0000-4000-8000-000000000001"), "SERVICE-TICKET", "客户报修服务单", 1, SubjectKind.Ticket),
            new Template(Guid.Parse("4a000000-0000-4000-8000-000000000002"), "SERVICE-VOUCHER", "服务凭证", 1, SubjectKind.Ticket),
            new Template(Guid.Parse("4a000000-0000-4000-8000-000000000003"), "CONTACT-LETTER", "售后服务联络函", 1, SubjectKind.Customer),
            new Template(Guid.Parse("4a000000-0000-4000-8000-000000000004"), "WARRANTY-CERTIFICATE", "保修证书", 1, SubjectKind.Asset),
            new Template(Guid.Parse("4a000000-0000-4000-8000-000000000005"), "EXPIRY-NOTICE", "保养到期通知书", 1, SubjectKind.Contract),
            new Template(Guid.Parse("4a000000-0000-4000-8000-000000000006"), "MONTHLY-REPORT", "月度服务报告", 1, SubjectKind.Station));
        await context.SaveChangesAsync(cancellationToken);
    }
}
