using AfterSales.Platform.Errors;
using Google.Protobuf.WellKnownTypes;
using Model = AfterSales.Feedback.Model;
using V1 = AfterSales.Feedback.V1;

namespace AfterSales.Feedback.Grpc;

/// <summary>Wire ↔ domain for complaints, by hand.</summary>
internal static class FeedbackMappings
{
    /// <summary>Checks every field of a filing and returns the complaint it reports.</summary>
    public static Model.ComplaintReport ToComplaintReport(this V1.FileComplaintRequest request)
    {
        var violations = new FieldViolations()
            .RequireId("customer_id", request.CustomerId, out var customerId)
            .RequireText("description", request.Description, 2000);
        Guid? ticketId = null;
        if (!string.IsNullOrEmpty(request.TicketId))
        {
            if (Guid.TryParse(request.TicketId, out var id))
            {
                ticketId = id;
            }
            else
            {
                violations.Add("ticket_id", "ticket_id is not a valid id.");
            }
        }
        violations.RequireChoice("kind", request.Kind, "kind must be one of QUALITY, SERVICE, SUGGESTION.");
        violations.RequireChoice("severity", request.Severity, "severity must be one of NORMAL, SERIOUS, CRISIS.");
        violations.ThrowIfAny();

        return new Model.ComplaintReport(customerId, ticketId, (Model.ComplaintKind)request.Kind,
            (Model.ComplaintSeverity)request.Severity, request.Description.Trim());
    }

    public static V1.Complaint ToProto(this Model.Complaint complaint) => new()
    {
        ComplaintId = complaint.Id.ToString(),
        Number = complaint.Number,
        CustomerId = complaint.CustomerId.ToString(),
        TicketId = complaint.TicketId?.ToString() ?? "",
        Kind = (V1.ComplaintKind)complaint.Kind,
        Severity = (V1.ComplaintSeverity)complaint.Severity,
        Description = complaint.Description,
        RecordedAt = Timestamp.FromDateTimeOffset(complaint.RecordedAt),
        Step = (V1.ComplaintStep)complaint.Step,
        Progress =
        {
            complaint.Progress.Select(p => new V1.ComplaintProgress
            {
                Step = (V1.ComplaintStep)p.Step,
                Record = p.Record,
                CompletedAt = Timestamp.FromDateTimeOffset(p.CompletedAt),
            }),
        },
    };
}
