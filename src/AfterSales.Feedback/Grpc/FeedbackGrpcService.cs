using AfterSales.Feedback.Infrastructure;
using AfterSales.Feedback.V1;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Complaint = AfterSales.Feedback.V1.Complaint;

namespace AfterSales.Feedback.Grpc;

/// <summary>Complaints are the company's own business (§4 一): partner stations neither file nor read them here.</summary>
public sealed class FeedbackGrpcService(
    FeedbackDbContext db, IdempotentRequests<FeedbackDbContext> requests, BusinessCalendar calendar)
    : FeedbackService.FeedbackServiceBase
{
    [Access(AccessAttribute.AnyRole)]
    public override Task<Complaint> FileComplaint(FileComplaintRequest request, ServerCallContext context) =>
        requests.SaveOnceAsync(request, context, async () =>
        {
            var report = request.ToComplaintReport();

            var now = calendar.Now;
            var sequence = await db.NextComplaintSequenceAsync(context.CancellationToken);
            var complaint = Model.Complaint.File(Guid.CreateVersion7(), Model.Complaint.FormatNumber(calendar.DateOf(now), sequence), report, now);
            db.Complaints.Add(complaint);
            return complaint.ToProto();
        });

    [Access(AccessAttribute.AnyRole)]
    public override async Task<Complaint> GetComplaint(GetComplaintRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("complaint_id", request.ComplaintId, out var id).ThrowIfAny();
        var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Complaint", request.ComplaintId);
        return complaint.ToProto();
    }

    [Access(AccessAttribute.AnyRole)]
    public override async Task<ListComplaintsResponse> ListComplaints(ListComplaintsRequest request, ServerCallContext context)
    {
        new FieldViolations().PageSize("page_size", request.PageSize, PageToken.MaxPageSize).ThrowIfAny();
        var size = PageToken.SizeOrDefault(request.PageSize);

        var query = db.Complaints.AsNoTracking().OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Number).AsQueryable();
        if (PageToken.DecodeInstant(request.PageToken) is var (recordedAt, number))
        {
            query = query.Where(c => c.RecordedAt < recordedAt || (c.RecordedAt == recordedAt && string.Compare(c.Number, number) < 0));
        }
        var page = await query.Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListComplaintsResponse { Complaints = { page.Take(size).Select(c => c.ToProto()) } };
        if (page.Count > size)
        {
            var last = page[size - 1];
            response.NextPageToken = PageToken.EncodeInstant(last.RecordedAt, last.Number);
        }
        return response;
    }
}
