using AfterSales.Platform.Errors;
using Google.Protobuf.WellKnownTypes;
using Model = AfterSales.Tickets.Model;
using V1 = AfterSales.Tickets.V1;

namespace AfterSales.Tickets.Grpc;

/// <summary>Wire ↔ domain for tickets and the service network, by hand.</summary>
internal static class TicketMappings
{
    /// <summary>Checks every field of a create request and returns the intake report it describes.</summary>
    public static Model.IntakeReport ToIntakeReport(this V1.CreateTicketRequest request, Model.IntakeClock clock)
    {
        var violations = new FieldViolations()
            .RequireText("serial_number", request.SerialNumber, 64)
            .OptionalText("component_code", request.ComponentCode, 32)
            .RequireText("contact_name", request.ContactName, 100)
            .RequireText("contact_phone", request.ContactPhone, 32)
            .RequireText("fault_description", request.FaultDescription, 2000);
        if (request.Channel == V1.IntakeChannel.Unspecified || !System.Enum.IsDefined(request.Channel))
        {
            violations.Add("channel", "channel must be one of PHONE, LETTER, FAX, VISIT, PARTNER_API.");
        }
        var (receivedAt, late) = (clock.Now, false);
        if (request.ReceivedAt is not null && !clock.CallerMayRegisterLate)
        {
            violations.Add("received_at", "Only the company's staff may set received_at; a station's request is received when it is registered.");
        }
        else if (request.ReceivedAt is not null)
        {
            receivedAt = request.ReceivedAt.ToDateTimeOffset();
            late = receivedAt < clock.Now - Model.IntakeClock.AllowedClockSkew;
            if (receivedAt > clock.Now + Model.IntakeClock.AllowedClockSkew)
            {
                violations.Add("received_at", "received_at cannot be in the future.");
            }
            else if (receivedAt < clock.Now - clock.LateRegistrationWindow)
            {
                violations.Add("received_at", $"A request may be registered at most {clock.LateRegistrationWindow.TotalDays:0.##} days after it was received.");
            }
        }
        var reason = request.LateRegistrationReason.Trim();
        if (late && reason.Length == 0)
        {
            violations.Add("late_registration_reason", "late_registration_reason is required when received_at is earlier than now.");
        }
        else if (!late && reason.Length > 0)
        {
            violations.Add("late_registration_reason", "late_registration_reason is only for a request registered after it was received.");
        }
        violations.OptionalText("late_registration_reason", reason, Model.IntakeClock.MaxReasonLength).ThrowIfAny();

        return new Model.IntakeReport(
            request.SerialNumber.Trim(),
            string.IsNullOrWhiteSpace(request.ComponentCode) ? null : request.ComponentCode.Trim(),
            (Model.IntakeChannel)request.Channel,
            request.ContactName.Trim(),
            request.ContactPhone.Trim(),
            request.FaultDescription.Trim(),
            receivedAt,
            late ? reason : null);
    }

    public static V1.Ticket ToProto(this Model.Ticket ticket) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        CustomerId = ticket.CustomerId.ToString(),
        AssetId = ticket.AssetId.ToString(),
        SerialNumber = ticket.SerialNumber,
        ComponentCode = ticket.ComponentCode ?? "",
        Channel = (V1.IntakeChannel)ticket.Channel,
        ContactName = ticket.ContactName,
        ContactPhone = ticket.ContactPhone,
        FaultDescription = ticket.FaultDescription,
        ReceivedAt = Timestamp.FromDateTimeOffset(ticket.ReceivedAt),
        Category = (Common.V1.ServiceCategory)ticket.Category,
        CategoryReason = ticket.CategoryReason,
        Status = (V1.TicketStatus)ticket.Status,
        RegisteredAt = Timestamp.FromDateTimeOffset(ticket.CreatedAt),
        LateRegistrationReason = ticket.LateRegistrationReason ?? "",
    };

    public static Events.V1.TicketOpened ToOpenedEvent(this Model.Ticket ticket) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        CustomerId = ticket.CustomerId.ToString(),
        AssetId = ticket.AssetId.ToString(),
        Category = (Common.V1.ServiceCategory)ticket.Category,
        ReceivedAt = Timestamp.FromDateTimeOffset(ticket.ReceivedAt),
    };

    public static V1.Station ToProto(this Model.Station station) => new()
    {
        StationId = station.Id.ToString(),
        Code = station.Code,
        Name = station.Name,
        Region = station.Region,
    };

    public static V1.Technician ToProto(this Model.Technician technician) => new()
    {
        TechnicianId = technician.Id.ToString(),
        StationId = technician.StationId.ToString(),
        Name = technician.Name,
        Skills = { technician.Skills },
    };
}
