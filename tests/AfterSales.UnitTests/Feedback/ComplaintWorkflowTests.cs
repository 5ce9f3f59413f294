using AfterSales.Feedback.Model;
using AfterSales.Platform.Errors;

namespace AfterSales.UnitTests.Feedback;

public class ComplaintWorkflowTests
{
    private static readonly DateTimeOffset RecordedAt = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    private static readonly ComplaintStep[] StepsAfterRecording =
    [
        ComplaintStep.Assessed, ComplaintStep.DepartmentAssigned, ComplaintStep.CauseInvestigated, ComplaintStep.SolutionProposed,
        ComplaintStep.CustomerNotified, ComplaintStep.Penalised, ComplaintStep.CorrectiveActionIssued,
    ];

    private static Complaint Filed() => Complaint.File(Guid.NewGuid(), "CP20261127-000001",
        new ComplaintReport(Guid.NewGuid(), null, ComplaintKind.Service, ComplaintSeverity.Normal, "技术员迟到"), RecordedAt);

    private static Complaint FiledAndAdvancedTo(ComplaintStep last)
    {
        var complaint = Filed();
        foreach (var (step, hour) in StepsAfterRecording.TakeWhile(s => s <= last).Select((s, i) => (s, i + 1)))
        {
            complaint.Advance(step, $"record of {step}", RecordedAt.AddHours(hour));
        }
        return complaint;
    }

    [Fact]
    public void Filing_a_complaint_records_step_one()
    {
        var complaint = Filed();

        Assert.Equal(ComplaintStep.Recorded, complaint.Step);
        Assert.Empty(complaint.Progress);
        Assert.False(complaint.IsClosed);
    }

    [Fact]
    public void The_eight_steps_complete_in_order_and_the_corrective_action_closes_the_complaint()
    {
        var complaint = FiledAndAdvancedTo(ComplaintStep.CorrectiveActionIssued);

        Assert.Equal(StepsAfterRecording, complaint.Progress.Select(p => p.Step));
        Assert.Equal(ComplaintStep.CorrectiveActionIssued, complaint.Step);
        Assert.True(complaint.IsClosed);
    }

    [Theory]
    [InlineData(ComplaintStep.Recorded, ComplaintStep.DepartmentAssigned)] // skipping assessment
    [InlineData(ComplaintStep.Recorded, ComplaintStep.CorrectiveActionIssued)] // straight to the end
    [InlineData(ComplaintStep.Assessed, ComplaintStep.Assessed)] // repeating a step
    [InlineData(ComplaintStep.CustomerNotified, ComplaintStep.SolutionProposed)] // going back
    [InlineData(ComplaintStep.Recorded, ComplaintStep.Recorded)] // recording twice
    public void An_out_of_order_step_is_refused_and_changes_nothing(ComplaintStep reached, ComplaintStep attempted)
    {
        var complaint = FiledAndAdvancedTo(reached);
        var progress = complaint.Progress.ToList();

        var error = Assert.Throws<PreconditionFailedException>(() => complaint.Advance(attempted, "record", RecordedAt.AddDays(1)));

        Assert.Contains($"the next step is {reached + 1}", error.Message);
        Assert.Equal(reached, complaint.Step);
        Assert.Equal(progress, complaint.Progress);
    }

    [Fact]
    public void A_closed_complaint_takes_no_further_step()
    {
        var complaint = FiledAndAdvancedTo(ComplaintStep.CorrectiveActionIssued);

        var error = Assert.Throws<PreconditionFailedException>(() => complaint.Advance(ComplaintStep.Assessed, "reopen", RecordedAt.AddDays(1)));

        Assert.Contains("closed", error.Message);
    }

    [Fact]
    public void A_step_cannot_be_completed_before_the_step_it_follows()
    {
        var complaint = FiledAndAdvancedTo(ComplaintStep.Assessed);

        Assert.Throws<ArgumentException>(() => complaint.Advance(ComplaintStep.DepartmentAssigned, "QA", RecordedAt.AddMinutes(30)));
        Assert.Equal(ComplaintStep.Assessed, complaint.Step);
    }

    [Fact]
    public void A_step_must_say_what_was_found_decided_or_done()
    {
        Assert.Throws<ArgumentException>(() => Filed().Advance(ComplaintStep.Assessed, " ", RecordedAt.AddHours(1)));
    }

    [Fact]
    public void Instants_are_kept_to_the_microsecond_as_the_database_keeps_them()
    {
        var complaint = Complaint.File(Guid.NewGuid(), "CP20261127-000001",
            new ComplaintReport(Guid.NewGuid(), null, ComplaintKind.Quality, ComplaintSeverity.Crisis, "媒体曝光"), RecordedAt.AddTicks(7));

        Assert.Equal(RecordedAt, complaint.RecordedAt);
    }

    [Fact]
    public void Complaint_numbers_carry_the_day_and_a_zero_padded_sequence()
    {
        Assert.Equal("CP20261127-000042", Complaint.FormatNumber(new DateOnly(2026, 11, 27), 42));
    }
}
