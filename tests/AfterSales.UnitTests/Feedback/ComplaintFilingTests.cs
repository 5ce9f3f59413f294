using AfterSales.Feedback.Grpc;
using AfterSales.Feedback.V1;
using AfterSales.Platform.Errors;
using Model = AfterSales.Feedback.Model;

namespace AfterSales.UnitTests.Feedback;

public class ComplaintFilingTests
{
    private static FileComplaintRequest Valid() => new()
    {
        CustomerId = Guid.NewGuid().ToString(),
        Kind = ComplaintKind.Quality,
        Severity = ComplaintSeverity.Serious,
        Description = " 压缩机频繁停机 ",
    };

    [Fact]
    public void A_valid_filing_becomes_a_trimmed_report_without_a_ticket()
    {
        var report = Valid().ToComplaintReport();

        Assert.Equal((Model.ComplaintKind.Quality, Model.ComplaintSeverity.Serious), (report.Kind, report.Severity));
        Assert.Equal("压缩机频繁停机", report.Description);
        Assert.Null(report.TicketId);
    }

    [Fact]
    public void A_filing_may_name_the_ticket_it_is_about()
    {
        var ticket = Guid.NewGuid();
        var request = Valid();
        request.TicketId = ticket.ToString();

        Assert.Equal(ticket, request.ToComplaintReport().TicketId);
    }

    [Fact]
    public void Every_missing_field_is_reported_at_once()
    {
        var error = Assert.Throws<ValidationException>(() => new FileComplaintRequest().ToComplaintReport());

        Assert.Equal(["customer_id", "description", "kind", "severity"], error.Violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void A_malformed_ticket_id_and_undefined_enums_are_rejected()
    {
        var request = Valid();
        request.TicketId = "T20261127-000001";
        request.Kind = (ComplaintKind)42;
        request.Severity = (ComplaintSeverity)42;

        var error = Assert.Throws<ValidationException>(request.ToComplaintReport);

        Assert.Equal(["kind", "severity", "ticket_id"], error.Violations.Select(v => v.Field).Order());
    }
}
