using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using Google.Protobuf.WellKnownTypes;
using Model = AfterSales.Tickets.Model;
using V1 = AfterSales.Tickets.V1;

namespace AfterSales.Tickets.Grpc;

/// <summary>Wire ↔ domain for tickets and the service network, by hand.</summary>
internal static class TicketMappings
{
    /// <summary>Checks every field of a create request and returns the intake report it describes.</summary>
    public static Model.IntakeReport ToIntakeReport(this V1.CreateTicketRequest request, Model.IntakeClock clock, IReadOnlySet<string> faultTypes)
    {
        var violations = new FieldViolations();
        Guid? internalJobStation = null;
        if (request.InternalJob)
        {
            if (!clock.CallerMayRegisterLate)
            {
                violations.Add("internal_job", "Only the company's staff open internal jobs.");
            }
            if (request.SerialNumber.Length > 0 || request.ComponentCode.Length > 0)
            {
                violations.Add("serial_number", "An internal job has no asset: leave serial_number and component_code empty.");
            }
            violations.RequireId("station_id", request.StationId, out var station);
            internalJobStation = station;
        }
        else
        {
            violations.RequireText("serial_number", request.SerialNumber, 64)
                .OptionalText("component_code", request.ComponentCode, 32);
            if (request.StationId.Length > 0)
            {
                violations.Add("station_id", "station_id is only for an internal job: a repair goes to the station serving the customer.");
            }
        }
        violations
            .OptionalText("fault_type", request.FaultType, 32)
            .OptionalText("site_condition", request.SiteCondition, 1000)
            .RequireText("contact_name", request.ContactName, 100)
            .RequireText("contact_phone", request.ContactPhone, 32)
            .RequireText("fault_description", request.FaultDescription, 2000);
        violations.RequireChoice("channel", request.Channel, "channel must be one of PHONE, LETTER, FAX, VISIT, PARTNER_API.");
        var faultType = request.FaultType.Trim().ToUpperInvariant();
        if (faultType.Length > 0 && !faultTypes.Contains(faultType))
        {
            violations.Add("fault_type", $"fault_type must be one of {string.Join(", ", faultTypes.Order(StringComparer.Ordinal))}.");
        }
        violations.OptionalChoice("priority", request.Priority, "priority must be NORMAL, URGENT or EMERGENCY.");
        violations.OptionalChoice("job_kind", request.JobKind, "job_kind must be REPAIR, QUALITY_COMPLAINT or RETURN_ORDER.");
        violations.OptionalChoice("site_zone", request.SiteZone, "site_zone must be IN_PROVINCE, OUT_OF_PROVINCE or REMOTE.");
        violations.OptionalChoice("project_phase", request.ProjectPhase, "project_phase must be TEAM_ON_SITE, TEAM_LEFT or DEPARTMENT_LEFT_CITY.");
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
            request.InternalJob ? null : request.SerialNumber.Trim(),
            RequestText.NullIfBlank(request.ComponentCode),
            (Model.IntakeChannel)request.Channel,
            request.ContactName.Trim(),
            request.ContactPhone.Trim(),
            request.FaultDescription.Trim(),
            receivedAt,
            late ? reason : null,
            faultType,
            request.Priority == V1.Priority.Unspecified ? Model.Priority.Normal : (Model.Priority)request.Priority,
            RequestText.NullIfBlank(request.SiteCondition),
            internalJobStation,
            request.JobKind == V1.JobKind.Unspecified ? Sla.SlaJobKind.Repair : (Sla.SlaJobKind)request.JobKind,
            request.SiteZone == V1.SiteZone.Unspecified ? null : (Sla.SiteZone)request.SiteZone,
            request.ProjectPhase == V1.ProjectPhase.Unspecified ? null : (Sla.ProjectPhase)request.ProjectPhase,
            request.NeedsSupplier);
    }

    public static V1.Ticket ToProto(this Model.Ticket ticket) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        CustomerId = ticket.CustomerId?.ToString() ?? "",
        AssetId = ticket.AssetId?.ToString() ?? "",
        SerialNumber = ticket.SerialNumber ?? "",
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
        FaultType = ticket.FaultType,
        Priority = (V1.Priority)ticket.Priority,
        SiteCondition = ticket.SiteCondition ?? "",
        SiteId = ticket.SiteId?.ToString() ?? "",
        SiteAddress = ticket.SiteAddress ?? "",
        Region = ticket.Region ?? "",
        DistanceKm = ticket.DistanceKm ?? 0,
        TechnicianId = ticket.TechnicianId?.ToString() ?? "",
        DispatchedAt = ticket.DispatchedAt.ToTimestamp(),
        AppointmentStartsAt = ticket.AppointmentStartsAt.ToTimestamp(),
        AppointmentEndsAt = ticket.AppointmentEndsAt.ToTimestamp(),
        TravelStartedAt = ticket.TravelStartedAt.ToTimestamp(),
        ArrivedAt = ticket.ArrivedAt.ToTimestamp(),
        VisitResult = (V1.VisitResult)(ticket.VisitResult ?? 0),
        ResolvedAt = ticket.ResolvedAt.ToTimestamp(),
        RemoteConsentBy = ticket.RemoteConsentBy ?? "",
        HoldReason = (V1.HoldReason)(ticket.HoldReason ?? 0),
        HoldNote = ticket.HoldNote ?? "",
        HeldFromStatus = (V1.TicketStatus)(ticket.HeldFromStatus ?? 0),
        ReceiptNumber = ticket.ReceiptNumber ?? "",
        PromisedReturnAt = ticket.PromisedReturnAt.ToTimestamp(),
        ReceiptVoidedAt = ticket.ReceiptVoidedAt.ToTimestamp(),
        SignedBy = ticket.SignedBy ?? "",
        SignedAt = ticket.SignedAt.ToTimestamp(),
        VoucherDocumentId = ticket.VoucherDocumentId?.ToString() ?? "",
        ClosedAt = ticket.ClosedAt.ToTimestamp(),
        CancelReason = ticket.CancelReason ?? "",
        ReopenCount = ticket.ReopenCount,
        WorkRecordCount = ticket.WorkRecordCount,
        FirstResponseDueAt = ticket.FirstResponseDueAt.ToTimestamp(),
        ArrivalDueAt = ticket.ArrivalDueAt.ToTimestamp(),
        ResolutionDueAt = ticket.ResolutionDueAt.ToTimestamp(),
        SlaRule = ticket.SlaRuleCode ?? "",
        NextDueAt = ticket.NextDueAt.ToTimestamp(),
        ReturnDecision = (V1.ReturnDecision)(ticket.ReturnDecision ?? 0),
        Accountability = (V1.Accountability)(ticket.Accountability ?? 0),
        ReturnCause = ticket.ReturnCause ?? "",
        JobKind = (V1.JobKind)ticket.JobKind,
        SiteZone = (V1.SiteZone)(ticket.SiteZone ?? 0),
        ProjectPhase = (V1.ProjectPhase)(ticket.ProjectPhase ?? 0),
        NeedsSupplier = ticket.NeedsSupplier,
        ProjectId = ticket.ProjectId?.ToString() ?? "",
        BatchVisitOn = ticket.BatchVisitOn.ToProtoDate(),
    };

    public static Events.V1.ReturnOrExchangeDecided ToReturnOrExchangeDecidedEvent(this Model.Ticket ticket, DateTimeOffset at) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        CustomerId = ticket.CustomerId?.ToString() ?? "",
        AssetId = ticket.AssetId?.ToString() ?? "",
        Decision = ticket.ReturnDecision switch
        {
            Model.ReturnDecision.Return => "RETURN",
            Model.ReturnDecision.Exchange => "EXCHANGE",
            Model.ReturnDecision.FreeRepair => "FREE_REPAIR",
            _ => "PAID_SERVICE",
        },
        Accountability = ticket.Accountability switch
        {
            Model.Accountability.CompanyQuality => "COMPANY_QUALITY",
            Model.Accountability.CustomerMisuse => "CUSTOMER_MISUSE",
            Model.Accountability.Transport => "TRANSPORT",
            _ => "SUPPLIER",
        },
        Cause = ticket.ReturnCause ?? "",
        DecidedAt = Timestamp.FromDateTimeOffset(at),
    };

    /// <summary>An optional instant on the wire: unset when there is none.</summary>
    internal static Timestamp? ToTimestamp(this DateTimeOffset? instant) => instant is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    public static V1.StatusChange ToProto(this Model.TicketStatusChange change) => new()
    {
        At = Timestamp.FromDateTimeOffset(change.At),
        From = (V1.TicketStatus)(change.From ?? 0),
        To = (V1.TicketStatus)change.To,
        Actor = change.Actor,
        Note = change.Note ?? "",
    };

    public static V1.Assignment ToProto(this Model.TicketAssignment assignment) => new()
    {
        TechnicianId = assignment.TechnicianId.ToString(),
        AssignedAt = Timestamp.FromDateTimeOffset(assignment.AssignedAt),
        AssignedBy = assignment.AssignedBy,
        EndedAt = assignment.EndedAt.ToTimestamp(),
        EndReason = assignment.EndReason ?? "",
    };

    /// <param name="today">The business day the next visit is counted from.</param>
    public static V1.VisitSchedule ToProto(this Model.VisitSchedule schedule, DateOnly today) => new()
    {
        ProjectId = schedule.ProjectId.ToString(),
        ProjectCode = schedule.ProjectCode,
        StationId = schedule.StationId.ToString(),
        Cadence = (V1.VisitCadence)schedule.Cadence,
        FirstVisitOn = schedule.FirstVisitOn.ToProtoDate(),
        NextVisitOn = schedule.NextVisitOn(today).ToProtoDate(),
        SetBy = schedule.SetBy,
        SetAt = Timestamp.FromDateTimeOffset(schedule.SetAt),
    };

    public static V1.TicketLoan ToProto(this Model.TicketLoan loan) => new()
    {
        LoanerId = loan.LoanerId.ToString(),
        Code = loan.Code,
        Model = loan.Model,
        SerialNumber = loan.SerialNumber,
        DueBackOn = loan.DueBackOn.ToProtoDate(),
        LentAt = Timestamp.FromDateTimeOffset(loan.LentAt),
        ReturnedAt = loan.ReturnedAt.ToTimestamp(),
    };

    public static V1.WorkRecord ToProto(this Model.WorkRecord record) => new()
    {
        WorkRecordId = record.Id.ToString(),
        RecordedAt = Timestamp.FromDateTimeOffset(record.RecordedAt),
        RecordedBy = record.RecordedBy,
        Place = (V1.WorkPlace)record.Place,
        ArrivedAt = record.ArrivedAt.ToTimestamp(),
        DepartedAt = record.DepartedAt.ToTimestamp(),
        RunningHours = (double)(record.RunningHours ?? 0),
        MileageKm = (double)(record.MileageKm ?? 0),
        OpenedBefore = record.OpenedBefore,
        FindingsListen = record.FindingsListen ?? "",
        FindingsLook = record.FindingsLook ?? "",
        FindingsCheck = record.FindingsCheck ?? "",
        WorkDone = record.WorkDone,
        Parts = { record.Parts.Select(p => new V1.PartUsed { PartNumber = p.PartNumber, Quantity = p.Quantity, OldPartKept = p.OldPartKept }) },
        Labour = { record.Labour.Select(l => new V1.LabourHours { TechnicianId = l.TechnicianId.ToString(), Hours = (double)l.Hours }) },
        PhotoDocumentIds = { record.PhotoDocumentIds.Select(id => id.ToString()) },
    };

    public static V1.FaultType ToProto(this Model.FaultType faultType) => new()
    {
        Code = faultType.Code,
        Name = faultType.Name,
        Skill = faultType.Skill,
        Certification = faultType.Certification ?? "",
    };

    public static Events.V1.TicketOpened ToOpenedEvent(this Model.Ticket ticket) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        CustomerId = ticket.CustomerId?.ToString() ?? "",
        AssetId = ticket.AssetId?.ToString() ?? "",
        Category = (Common.V1.ServiceCategory)ticket.Category,
        ReceivedAt = Timestamp.FromDateTimeOffset(ticket.ReceivedAt),
    };

    public static Events.V1.TicketStatusChanged ToStatusChangedEvent(this Model.Ticket ticket, Model.TicketStatusChange change) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        FromStatus = change.From is { } from ? Model.TicketLifecycle.NameOf(from) : "",
        ToStatus = Model.TicketLifecycle.NameOf(change.To),
        At = Timestamp.FromDateTimeOffset(change.At),
        Actor = change.Actor,
        Note = change.Note ?? "",
    };

    public static Events.V1.TicketDispatched ToDispatchedEvent(this Model.Ticket ticket, Guid? previousTechnicianId) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        TechnicianId = ticket.TechnicianId?.ToString() ?? "",
        PreviousTechnicianId = previousTechnicianId?.ToString() ?? "",
        DispatchedAt = ticket.DispatchedAt.ToTimestamp(),
        RegisteredAt = Timestamp.FromDateTimeOffset(ticket.CreatedAt),
    };

    public static Events.V1.TicketCategoryRevised ToCategoryRevisedEvent(this Model.Ticket ticket, Model.ServiceCategory previous, DateTimeOffset at) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        PreviousCategory = (Common.V1.ServiceCategory)previous,
        Category = (Common.V1.ServiceCategory)ticket.Category,
        Reason = ticket.CategoryReason,
        RevisedAt = Timestamp.FromDateTimeOffset(at),
    };

    public static Events.V1.WorkRecorded ToWorkRecordedEvent(this Model.Ticket ticket, Model.WorkRecord record) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        WorkRecordId = record.Id.ToString(),
        Place = record.Place switch
        {
            Model.WorkPlace.OnSite => "ON_SITE",
            Model.WorkPlace.Workshop => "WORKSHOP",
            _ => "REMOTE",
        },
        Parts = { record.Parts.Select(p => new Events.V1.UsedPart { PartNumber = p.PartNumber, Quantity = p.Quantity, OldPartKept = p.OldPartKept }) },
        Labour = { record.Labour.Select(l => new Events.V1.WorkedHours { TechnicianId = l.TechnicianId.ToString(), Hours = (double)l.Hours }) },
        Category = (Common.V1.ServiceCategory)ticket.Category,
        RecordedAt = Timestamp.FromDateTimeOffset(record.RecordedAt),
    };

    public static Events.V1.TicketCompleted ToCompletedEvent(this Model.Ticket ticket, Model.TicketStatus resolution) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        CustomerId = ticket.CustomerId?.ToString() ?? "",
        AssetId = ticket.AssetId?.ToString() ?? "",
        Category = (Common.V1.ServiceCategory)ticket.Category,
        Resolution = Model.TicketLifecycle.NameOf(resolution),
        SignedBy = ticket.SignedBy ?? "",
        SignedAt = ticket.SignedAt.ToTimestamp(),
        VoucherDocumentId = ticket.VoucherDocumentId?.ToString() ?? "",
    };

    public static Events.V1.TicketClosed ToClosedEvent(this Model.Ticket ticket) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        CustomerId = ticket.CustomerId?.ToString() ?? "",
        Category = (Common.V1.ServiceCategory)ticket.Category,
        ClosedAt = ticket.ClosedAt.ToTimestamp(),
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
        Certifications = { technician.Certifications },
        Region = technician.Region,
        UserId = technician.UserId?.ToString() ?? "",
        RetiredAt = technician.RetiredAt is { } retired ? Timestamp.FromDateTimeOffset(retired) : null,
    };
}
