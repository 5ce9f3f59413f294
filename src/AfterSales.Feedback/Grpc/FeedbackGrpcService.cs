using AfterSales.Feedback.Infrastructure;
using AfterSales.Feedback.V1;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Complaint = AfterSales.Feedback.V1.Complaint;

namespace AfterSales.Feedback.Grpc;

public sealed class FeedbackGrpcService(FeedbackDbContext db, BusinessCalendar calendar) : FeedbackService.FeedbackServiceBase
{
    public override async Task<Complaint> FileComplaint(FileComplaintRequest request, ServerCallContext context)
    {
        var report = request.ToComplaintReport();

        var now = calendar.Now;
        var sequence = await db.NextComplaintSequenceAsync(context.CancellationToken);
        var complaint = Model.Complaint.File(Guid.CreateVersion7(), Model.Complaint.FormatNumber(calendar.DateOf(now), sequence), report, now);
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(context.CancellationToken);
        return complaint.ToProto();
    }

    public override async Task<Complaint> GetComplaint(GetComplaintRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("complaint_id", request.ComplaintId, out var id).ThrowIfAny();
        var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Complaint", request.ComplaintId);
        return complaint.ToProto();
    }

    public override async Task<ListComplaintsResponse> ListComplaints(ListComplaintsRequest request, ServerCallContext context)
    {
        new FieldViolations().PageSize("page_size", request.PageSize, PageToken.MaxPageSize).ThrowIfAny();
        var size = PageToken.SizeOrDefault(request.PageSize);
        var after = PageToken.Decode(request.PageToken);

        // Numbers are the day recorded, then a sequence taken at recording: newest first is number order, reversed.
        var query = db.Complaints.AsNoTracking().OrderByDescending(c => c.Number).AsQueryable();
        if (after is not null)
        {
            query = query.Where(c => string.Compare(c.Number, after) < 0);
        }
        var page = await query.Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListComplaintsResponse { Complaints = { page.Take(size).Select(c => c.ToProto()) } };
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(page[size - 1].Number);
        }
        return response;
    }
}
