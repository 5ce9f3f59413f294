using AfterSales.Documents.V1;
using AfterSales.Feedback.V1;
using AfterSales.Tickets.V1;
using Google.Protobuf;

namespace AfterSales.TestKit;

/// <summary>Well-formed requests as a partner or a front end sends them; a test changes only what it is about.</summary>
public static class Requests
{
    /// <summary>A repair reported for the unit <paramref name="serialNumber"/> through a partner's intake system.</summary>
    public static CreateTicketRequest Intake(string serialNumber, string componentCode = "", string requestId = "") => new()
    {
        SerialNumber = serialNumber,
        ComponentCode = componentCode,
        Channel = IntakeChannel.PartnerApi,
        ContactName = "王建国",
        ContactPhone = "0571-8888-1001",
        FaultDescription = "电梯运行时有异响",
        RequestId = requestId,
    };

    /// <summary>A service complaint of a customer (by default one nobody else complains for).</summary>
    public static FileComplaintRequest Complaint(string description, string? customerId = null, string ticketId = "") => new()
    {
        CustomerId = customerId ?? Guid.NewGuid().ToString(),
        TicketId = ticketId,
        Kind = ComplaintKind.Service,
        Severity = ComplaintSeverity.Normal,
        Description = description,
    };

    /// <summary>A signed service voucher (服务凭证) to archive against a ticket (by default one nobody else archives for).</summary>
    public static ArchiveDocumentRequest Voucher(byte[] content, string? ticketId = null) => new()
    {
        TemplateCode = "SERVICE-VOUCHER",
        SubjectId = ticketId ?? Guid.NewGuid().ToString(),
        Content = ByteString.CopyFrom(content),
        MediaType = "application/pdf",
    };
}
