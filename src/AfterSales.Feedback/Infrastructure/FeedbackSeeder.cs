using AfterSales.Feedback.Model;
using AfterSales.Platform;
using AfterSales.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Feedback.Infrastructure;

/// <summary>
/// Demo complaints of the demo customers (the customers service seeds them with these ids), at different
/// steps of their handling: one nearly through, one just assessed, one only recorded.
/// </summary>
internal sealed class FeedbackSeeder(BusinessCalendar calendar) : IDbSeeder<FeedbackDbContext>
{
    private static readonly Guid WestLakeTowers = Guid.Parse("0c000000-0000-4000-8000-000000000001");
    private static readonly Guid Hospital = Guid.Parse("0c000000-0000-4000-8000-000000000002");
    private static readonly Guid School = Guid.Parse("0c000000-0000-4000-8000-000000000003");

    public async Task SeedAsync(FeedbackDbContext context, CancellationToken cancellationToken)
    {
        if (await context.Complaints.AnyAsync(cancellationToken))
        {
            return;
        }

        var now = calendar.Now;

        var lateVisit = await FileAsync(context, Guid.Parse("3a000000-0000-4000-8000-000000000001"), now.AddDays(-6),
            new ComplaintReport(WestLakeTowers, null, ComplaintKind.Service, ComplaintSeverity.Normal,
                "技术员比约定时间晚到两小时，且未提前告知。"), cancellationToken);
        lateVisit.Advance(ComplaintStep.Assessed, "属实，属服务类有效投诉。", now.AddDays(-6).AddHours(2));
        lateVisit.Advance(ComplaintStep.DepartmentAssigned, "杭州西湖特约服务站。", now.AddDays(-6).AddHours(3));
        lateVisit.Advance(ComplaintStep.CauseInvestigated, "派工时两单时间冲突，调度未通知客户改期。", now.AddDays(-5));
        lateVisit.Advance(ComplaintStep.SolutionProposed, "调度改为派工前电话确认预约时间。", now.AddDays(-4));
        lateVisit.Advance(ComplaintStep.CustomerNotified, "电话告知王建国先生处理结果，客户表示接受。", now.AddDays(-4).AddHours(1));

        var chillerTrips = await FileAsync(context, Guid.Parse("3a000000-0000-4000-8000-000000000002"), now.AddDays(-2),
            new ComplaintReport(Hospital, null, ComplaintKind.Quality, ComplaintSeverity.Serious,
                "冷水机组压缩机一周内三次停机，门诊楼空调中断。"), cancellationToken);
        chillerTrips.Advance(ComplaintStep.Assessed, "属实，产品质量问题，影响医院运营，列为严重投诉，报总经理。", now.AddDays(-2).AddHours(1));

        await FileAsync(context, Guid.Parse("3a000000-0000-4000-8000-000000000003"), now.AddHours(-3),
            new ComplaintReport(School, null, ComplaintKind.Suggestion, ComplaintSeverity.Normal,
                "建议增加微信报修渠道，方便老师随时报修。"), cancellationToken);

        await context.SaveChangesAsync(cancellationToken);
    }

    private async Task<Complaint> FileAsync(FeedbackDbContext context, Guid id, DateTimeOffset recordedAt, ComplaintReport report,
        CancellationToken cancellationToken)
    {
        var sequence = await context.NextComplaintSequenceAsync(cancellationToken);
        var complaint = Complaint.File(id, Complaint.FormatNumber(calendar.DateOf(recordedAt), sequence), report, recordedAt);
        context.Complaints.Add(complaint);
        return complaint;
    }
}
