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

    private static FileComplaintRequest Filing(string description, string ticketId = "") => new()
    {
        CustomerId = Guid.NewGuid().ToString(),
        TicketId = ticketId,
        Kind = ComplaintKind.Service,
        Severity = ComplaintSeverity.Normal,
        Description = description,
    };

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

        var seen = new List<Complaint>();
        var token = "";
        do
        {
            var page = await Client.ListComplaintsAsync(new ListComplaintsRequest { PageSize = 4, PageToken = token });
            seen.AddRange(page.Complaints);
            token = page.NextPageToken;
        } while (token.Length > 0);

        Assert.Equal(6, seen.Select(c => c.ComplaintId).Distinct().Count());
        Assert.Equal(filed.Select(c => c.ComplaintId).Reverse(), seen.Take(3).Select(c => c.ComplaintId));
        Assert.Equal(seen.OrderByDescending(c => c.RecordedAt.ToDateTimeOffset()), seen);
    }

    [Fact]
    public async Task Completed_steps_are_read_back_in_order()
    {
        var all = await Client.ListComplaintsAsync(new ListComplaintsRequest());

        var nearlyDone = all.Complaints.Single(c => c.Step == ComplaintStep.CustomerNotified);

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

    [Fact]
    public async Task The_checked_in_migrations_match_the_model()
    {
        var pending = await Suite.Feedback.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, "The model has changes no migration captures: add a migration.");
    }

    [GeneratedRegex(@"^CP\d{8}-\d{6}$")]
    private static partial Regex ComplaintNumber();
}
