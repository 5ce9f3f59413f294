using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AfterSales.Feedback.V1;
using AfterSales.FunctionalTests.Infrastructure;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using ModelStep = AfterSales.Feedback.Model.ComplaintStep;

namespace AfterSales.FunctionalTests.Feedback;

public partial class FeedbackServiceTests(Suite suite) : SuiteTest(suite)
{
    private FeedbackService.FeedbackServiceClient Client => new(Suite.Feedback.Channel);

    private static FileComplaintRequest Filing(string description, string ticketId = "") => Requests.Complaint(description, ticketId: ticketId);

    [Fact]
    public async Task FileComplaint_records_step_one_and_reads_back_the_same()
    {
        var ticket = Guid.NewGuid().ToString();

        var filed = await Client.FileComplaintAsync(Filing("维修后三天故障复发", ticket));
        var read = await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = filed.ComplaintId });

        Assert.Equal(ComplaintStep.Recorded, read.Step);
        Assert.Empty(read.Progress);
        Assert.Equal(ticket, read.TicketId);
        Assert.Matches(ComplaintNumber(), read.Number);
        Assert.Equal(filed, read);
    }

    [Fact]
    public async Task ListComplaints_pages_newest_first_without_gaps_or_repeats()
    {
        var filed = new List<Complaint>();
        for (var i = 0; i < 3; i++)
        {
            filed.Add(await Client.FileComplaintAsync(Filing($"第 {i + 1} 次投诉")));
        }
        var ids = filed.Select(c => c.ComplaintId).ToList();

        // Newest first, so the test's own are on the first pages, whatever other tests file meanwhile.
        var seen = await Paging.ReadAsync(
            token => Client.ListComplaintsAsync(new ListComplaintsRequest { PageSize = 2, PageToken = token }).ResponseAsync,
            page => page.Complaints, page => page.NextPageToken, enough: read => ids.All(id => read.Any(c => c.ComplaintId == id)));

        Assert.Equal(seen.Count, seen.Select(c => c.ComplaintId).Distinct().Count());
        Assert.Equal(ids.AsEnumerable().Reverse(), seen.Select(c => c.ComplaintId).Where(ids.Contains));
        Assert.Equal(seen.OrderByDescending(c => c.RecordedAt.ToDateTimeOffset()), seen);
    }

    [Fact]
    public async Task Completed_steps_are_read_back_in_order()
    {
        var filed = await Client.FileComplaintAsync(Filing("技术员比约定时间晚到两小时"));
        var id = Guid.Parse(filed.ComplaintId);
        var start = DateTimeOffset.UtcNow;
        await Suite.Feedback.WithDbAsync(async db =>
        {
            var complaint = await db.Complaints.SingleAsync(c => c.Id == id);
            complaint.Advance(ModelStep.Assessed, "属实，属服务类有效投诉。", start.AddMinutes(1));
            complaint.Advance(ModelStep.DepartmentAssigned, "杭州西湖特约服务站。", start.AddMinutes(2));
            complaint.Advance(ModelStep.CauseInvestigated, "派工时两单时间冲突。", start.AddMinutes(3));
            complaint.Advance(ModelStep.SolutionProposed, "派工前电话确认预约时间。", start.AddMinutes(4));
            complaint.Advance(ModelStep.CustomerNotified, "电话告知客户处理结果。", start.AddMinutes(5));
            return await db.SaveChangesAsync();
        });

        var nearlyDone = await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = filed.ComplaintId });

        Assert.Equal(ComplaintStep.CustomerNotified, nearlyDone.Step);
        Assert.Equal(
            [ComplaintStep.Assessed, ComplaintStep.DepartmentAssigned, ComplaintStep.CauseInvestigated, ComplaintStep.SolutionProposed, ComplaintStep.CustomerNotified],
            nearlyDone.Progress.Select(p => p.Step));
        Assert.All(nearlyDone.Progress, p => Assert.NotEmpty(p.Record));
        Assert.Equal(nearlyDone.Progress.OrderBy(p => p.CompletedAt.ToDateTimeOffset()), nearlyDone.Progress);
    }

    [Fact]
    public async Task Two_handlers_completing_the_same_step_cannot_both_be_saved()
    {
        var filed = await Client.FileComplaintAsync(Filing("电梯困人"));
        var id = Guid.Parse(filed.ComplaintId);

        await Suite.Feedback.WithDbAsync(async first =>
        {
            var complaint = await first.Complaints.SingleAsync(c => c.Id == id);
            await Suite.Feedback.WithDbAsync(async second =>
            {
                (await second.Complaints.SingleAsync(c => c.Id == id)).Advance(ModelStep.Assessed, "属实", DateTimeOffset.UtcNow);
                return await second.SaveChangesAsync();
            });

            complaint.Advance(ModelStep.Assessed, "不属实", DateTimeOffset.UtcNow);

            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
            return 0;
        });

        var read = await Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = filed.ComplaintId });
        Assert.Equal("属实", Assert.Single(read.Progress).Record);
    }

    [Fact]
    public async Task FileComplaint_names_every_bad_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.FileComplaintAsync(new FileComplaintRequest { TicketId = "not-an-id" }).ResponseAsync);

        Problems.AssertFieldViolations(error, "customer_id", "ticket_id", "kind", "severity", "description");
    }

    [Fact]
    public async Task A_page_token_this_service_did_not_issue_is_a_field_violation()
    {
        var forged = AfterSales.Platform.Grpc.PageToken.Encode("CP20261127-000001");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ListComplaintsAsync(new ListComplaintsRequest { PageToken = forged }).ResponseAsync);

        Problems.AssertFieldViolations(error, "page_token");
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.GetComplaintAsync(new GetComplaintRequest { ComplaintId = Guid.NewGuid().ToString() }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Json_callers_file_and_read_complaints()
    {
        var response = await Suite.Feedback.Http.PostAsJsonAsync("/api/feedback/v1/complaints", new
        {
            customerId = Guid.NewGuid(),
            kind = "COMPLAINT_KIND_QUALITY",
            severity = "COMPLAINT_SEVERITY_CRISIS",
            description = "设备故障引发媒体报道",
        });
        response.EnsureSuccessStatusCode();
        var filed = await response.Content.ReadFromJsonAsync<JsonElement>();

        var read = await Suite.Feedback.Http.GetFromJsonAsync<JsonElement>(
            $"/api/feedback/v1/complaints/{filed.GetProperty("complaintId").GetString()}");

        Assert.Equal("COMPLAINT_STEP_RECORDED", read.GetProperty("step").GetString());
        Assert.Equal("COMPLAINT_SEVERITY_CRISIS", read.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Json_callers_get_a_problem_naming_a_malformed_complaint_id()
    {
        var response = await Suite.Feedback.Http.GetAsync("/api/feedback/v1/complaints/not-an-id");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        Assert.True(problem.GetProperty("errors").TryGetProperty("complaint_id", out _));
    }

    [GeneratedRegex(@"^CP\d{8}-\d{6}$")]
    private static partial Regex ComplaintNumber();
}
