using AfterSales.Platform.Grpc;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Security;
using AfterSales.Tickets.Services;
using AfterSales.Tickets.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Tickets.Model;

namespace AfterSales.Tickets.Grpc;

/// <summary>
/// The moves of a ticket's life. Each checks its fields first (nothing changes on a bad request), loads the
/// ticket as the caller may see it, asks the ticket to move (the state machine refuses with
/// FAILED_PRECONDITION naming the current status), and publishes every move; two concurrent moves of one
/// ticket never both succeed (the ticket's row version: ABORTED).
/// </summary>
public sealed partial class TicketGrpcService
{
    private const string Anyone = AccessAttribute.AnyRole;

    [Access(StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> DispatchTicket(DispatchTicketRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("technician_id", request.TechnicianId, out var technicianId)
            .OptionalText("reason", request.Reason, Model.Ticket.MaxNoteLength)
            .ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, async (ticket, now) =>
        {
            // A technician of another station is as unknown as one that does not exist.
            var technician = await db.Technicians.AsNoTracking()
                .SingleOrDefaultAsync(t => t.Id == technicianId && t.StationId == ticket.StationId, context.CancellationToken)
                ?? throw ValidationException.ForField("technician_id", "technician_id names no technician of the ticket's station.");
            var reassigning = ticket.Status != Model.TicketStatus.Registered;
            if (reassigning && string.IsNullOrWhiteSpace(request.Reason))
            {
                // Most often a second dispatcher who did not see the first's assignment: it must not win.
                throw Model.TicketLifecycle.Refusal(ticket.Status, Model.TicketAction.Dispatch, "it is assigned already; a reassignment needs a reason");
            }
            var current = await db.TicketAssignments.SingleOrDefaultAsync(a => a.TicketId == ticket.Id && a.EndedAt == null, context.CancellationToken);
            var previous = ticket.TechnicianId;
            ticket.Dispatch(technician, current, RequestText.NullIfBlank(request.Reason), caller.Subject, now);
            outbox.Enqueue(ticket.ToDispatchedEvent(reassigning ? previous : null));
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> AgreeAppointment(AgreeAppointmentRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        var now = calendar.Now;
        if (request.StartsAt is null)
        {
            violations.Add("starts_at", "starts_at is required.");
        }
        if (request.EndsAt is null)
        {
            violations.Add("ends_at", "ends_at is required.");
        }
        else if (request.StartsAt is not null)
        {
            var (startsAt, endsAt) = (request.StartsAt.ToDateTimeOffset(), request.EndsAt.ToDateTimeOffset());
            if (endsAt <= startsAt || endsAt - startsAt > MaxAppointmentWindow)
            {
                violations.Add("ends_at", $"ends_at must be after starts_at, at most {MaxAppointmentWindow.TotalHours:0} hours later.");
            }
            else if (endsAt <= now)
            {
                violations.Add("ends_at", "An appointment window must end in the future.");
            }
        }
        violations.ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (ticket, at) =>
        {
            ticket.AgreeAppointment(Stored(request.StartsAt!), Stored(request.EndsAt!), caller.Subject, at);
            return Task.CompletedTask;
        });
    }

    [Access(StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> StartTravel(StartTravelRequest request, ServerCallContext context) =>
        ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            ticket.StartTravel(caller.Subject, now);
            return Task.CompletedTask;
        });

    [Access(StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> ArriveOnSite(ArriveOnSiteRequest request, ServerCallContext context) =>
        ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            ticket.Arrive(caller.Subject, now);
            return Task.CompletedTask;
        });

    [Access(StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> RecordWork(RecordWorkRequest request, ServerCallContext context)
    {
        var entry = request.ToWorkEntry(calendar.Now);
        return ChangeAsync(request, request.TicketId, context, async (ticket, now) =>
        {
            var technicians = entry.Labour.Select(l => l.TechnicianId).Distinct().ToList();
            var known = await db.Technicians.CountAsync(t => technicians.Contains(t.Id) && t.StationId == ticket.StationId, context.CancellationToken);
            if (known != technicians.Count)
            {
                throw ValidationException.ForField("labour", "labour names a technician who is not of the ticket's station.");
            }
            if (entry.DepartedAt is { } departed && ticket.ArrivedAt is { } arrived && departed < arrived)
            {
                throw ValidationException.ForField("departed_at", "departed_at cannot be before the arrival on site.");
            }
            await parts.RequireInCatalogueAsync(entry.Parts, context.CancellationToken);
            await attachments.RequireAsync(ticket.Id, TicketAttachments.Subject, TicketAttachments.SitePhoto,
                [.. request.PhotoDocumentIds.Select((id, i) => ($"photo_document_ids[{i}]", Guid.Parse(id)))], context.CancellationToken);
            // Not while the original builder owes the repair, nor before its takeover is approved (§3 3.6, 4.4).
            if (await db.BuilderRepairs.AsNoTracking().SingleOrDefaultAsync(r => r.TicketId == ticket.Id, context.CancellationToken) is { } builderRepair
                && builderRepair.WhyNoWorkYet() is { } why)
            {
                throw Model.TicketLifecycle.Refusal(ticket.Status, Model.TicketAction.RecordWorkOnSite, why);
            }
            var record = ticket.RecordWork(entry, caller.Subject, now);
            outbox.Enqueue(ticket.ToWorkRecordedEvent(record));
        });
    }

    [Access(StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> CompleteVisit(CompleteVisitRequest request, ServerCallContext context)
    {
        var outcome = request.ToVisitOutcome(calendar.Now);
        return ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            ticket.CompleteVisit(outcome, caller.Subject, now);
            return Task.CompletedTask;
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> ResolveRemotely(ResolveRemotelyRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireText("note", request.Note, WorkMappings.MaxWorkTextLength);
        switch (request.Resolution)
        {
            case RemoteResolution.Phone:
                violations.OptionalText("consent_by", request.ConsentBy, 100);
                break;
            case RemoteResolution.RemoteMaintenance:
                violations.RequireText("consent_by", request.ConsentBy, 100);
                break;
            default:
                violations.Add("resolution", "resolution must be PHONE or REMOTE_MAINTENANCE.");
                break;
        }
        violations.ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            var record = ticket.ResolveRemotely((Model.RemoteResolution)request.Resolution, RequestText.NullIfBlank(request.ConsentBy), request.Note.Trim(), caller.Subject, now);
            outbox.Enqueue(ticket.ToWorkRecordedEvent(record));
            return Task.CompletedTask;
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> ReceiveInWorkshop(ReceiveInWorkshopRequest request, ServerCallContext context) =>
        ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            ticket.ReceiveInWorkshop(caller.Subject, now);
            return Task.CompletedTask;
        });

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> InspectRepair(InspectRepairRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        if (request.Passed)
        {
            violations.OptionalText("note", request.Note, Model.Ticket.MaxNoteLength);
        }
        else
        {
            violations.RequireText("note", request.Note, Model.Ticket.MaxNoteLength);
        }
        violations.ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            ticket.Inspect(request.Passed, RequestText.NullIfBlank(request.Note), caller.Subject, now);
            return Task.CompletedTask;
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> ReturnToCustomer(ReturnToCustomerRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireText("receipt_number", request.ReceiptNumber, WorkMappings.MaxReceiptNumberLength).ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            if (Model.TicketLifecycle.Allows(ticket.Status, Model.TicketAction.ReturnToCustomer)
                && !string.Equals(ticket.ReceiptNumber, request.ReceiptNumber.Trim(), StringComparison.Ordinal))
            {
                throw ValidationException.ForField("receipt_number", "receipt_number is not the receipt the customer was given for this ticket.");
            }
            ticket.ReturnToCustomer(request.ReceiptNumber.Trim(), caller.Subject, now);
            return Task.CompletedTask;
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> SignOff(SignOffRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireText("signed_by", request.SignedBy, 100)
            .OptionalId("voucher_document_id", request.VoucherDocumentId, out var voucher)
            .ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            var resolution = ticket.Status;
            ticket.SignOff(request.SignedBy.Trim(), voucher, caller.Subject, now);
            outbox.Enqueue(ticket.ToCompletedEvent(resolution));
            return Task.CompletedTask;
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> CloseTicket(CloseTicketRequest request, ServerCallContext context) =>
        ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            ticket.Close(caller.Subject, now);
            outbox.Enqueue(ticket.ToClosedEvent());
            return Task.CompletedTask;
        });

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> PutOnHold(PutOnHoldRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        violations.RequireChoice("reason", request.Reason, "reason must be WAITING_FOR_PARTS, WAITING_FOR_CUSTOMER or OTHER.");
        if (request.Reason == HoldReason.Other)
        {
            violations.RequireText("note", request.Note, Model.Ticket.MaxNoteLength);
        }
        else
        {
            violations.OptionalText("note", request.Note, Model.Ticket.MaxNoteLength);
        }
        violations.ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            ticket.PutOnHold((Model.HoldReason)request.Reason, RequestText.NullIfBlank(request.Note), caller.Subject, now);
            return Task.CompletedTask;
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> ResumeTicket(ResumeTicketRequest request, ServerCallContext context) =>
        ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            ticket.Resume(caller.Subject, now);
            return Task.CompletedTask;
        });

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> CancelTicket(CancelTicketRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireText("reason", request.Reason, Model.Ticket.MaxNoteLength).ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            ticket.Cancel(request.Reason.Trim(), caller.Subject, now);
            return Task.CompletedTask;
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> ReopenTicket(ReopenTicketRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireText("reason", request.Reason, Model.Ticket.MaxNoteLength).ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, async (ticket, now) =>
        {
            var current = await db.TicketAssignments.SingleOrDefaultAsync(a => a.TicketId == ticket.Id && a.EndedAt == null, context.CancellationToken);
            ticket.Reopen(request.Reason.Trim(), current, caller.Subject, now);
        });
    }

    /// <summary>
    /// Staff revise a category either way; a station only toward paid work (e.g. misuse found on site): free
    /// and contract work is charged to the company, so that decision stays with the company's staff.
    /// </summary>
    [Access(StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> ReviseCategory(ReviseCategoryRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireText("reason", request.Reason, Model.Ticket.MaxNoteLength);
        if (request.Category is not (Common.V1.ServiceCategory.Paid or Common.V1.ServiceCategory.Contract or Common.V1.ServiceCategory.Free))
        {
            violations.Add("category", "category must be PAID, CONTRACT or FREE.");
        }
        else if (!caller.IsInternalStaff && request.Category != Common.V1.ServiceCategory.Paid)
        {
            violations.Add("category", "A station may revise a category to PAID only; the company's staff decide free and contract work.");
        }
        violations.ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            var previous = ticket.ReviseCategory((Model.ServiceCategory)request.Category, request.Reason.Trim(), caller.Subject, now);
            outbox.Enqueue(ticket.ToCategoryRevisedEvent(previous, now));
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Staff (QA, managers) decide returns, exchanges and free repairs, which the company bears; a station
    /// may only find misuse, which makes the work paid, as with <see cref="ReviseCategory"/>.
    /// </summary>
    [Access(StaffRoles.Manager, StaffRoles.Qa, StaffRoles.Admin, Stations = true)]
    public override Task<Ticket> DecideReturnOrExchange(DecideReturnOrExchangeRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireText("cause", request.Cause, Model.Ticket.MaxNoteLength);
        violations.RequireChoice("accountability", request.Accountability, "accountability must be COMPANY_QUALITY, CUSTOMER_MISUSE, TRANSPORT or SUPPLIER.");
        if (request.Decision == ReturnDecision.Unspecified || !Enum.IsDefined(request.Decision))
        {
            violations.Add("decision", "decision must be RETURN, EXCHANGE, FREE_REPAIR or PAID_SERVICE.");
        }
        else if ((request.Accountability == Accountability.CustomerMisuse) != (request.Decision == ReturnDecision.PaidService))
        {
            violations.Add("decision", "The customer's misuse gets PAID_SERVICE, and only misuse does (§7 2.4).");
        }
        else if (!caller.IsInternalStaff && request.Decision != ReturnDecision.PaidService)
        {
            violations.Add("decision", "A station may only find misuse (PAID_SERVICE); returns, exchanges and free repairs are the company's staff's decision.");
        }
        violations.ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (ticket, now) =>
        {
            var previous = ticket.DecideReturnOrExchange((Model.ReturnDecision)request.Decision, (Model.Accountability)request.Accountability,
                request.Cause.Trim(), caller.Subject, now);
            outbox.Enqueue(ticket.ToReturnOrExchangeDecidedEvent(now));
            if (previous is { } category)
            {
                outbox.Enqueue(ticket.ToCategoryRevisedEvent(category, now));
            }
            return Task.CompletedTask;
        });
    }

    private static readonly TimeSpan MaxAppointmentWindow = TimeSpan.FromHours(24);

    /// <summary>
    /// Loads the ticket for a change, applies <paramref name="change"/> and publishes each move it made, all
    /// saved once per request id with the answer.
    /// </summary>
    private Task<Ticket> ChangeAsync<TRequest>(TRequest request, string ticketId, ServerCallContext context, Func<Model.Ticket, DateTimeOffset, Task> change)
        where TRequest : IMessage<TRequest> =>
        requests.SaveOnceAsync(request, context, async () =>
        {
            var ticket = await FindAsync(ticketId, tracked: true, context.CancellationToken);
            await RequireOwnWorkAsync(ticket, context.CancellationToken);
            var moves = ticket.StatusChanges.Count;
            await change(ticket, calendar.Now);
            await sla.FollowAsync(ticket, moves, context.CancellationToken);
            // A category revision is kept in the history too, but it is no move: it has its own event.
            foreach (var move in ticket.StatusChanges.Skip(moves).Where(m => m.From != m.To))
            {
                outbox.Enqueue(ticket.ToStatusChangedEvent(move));
            }
            return ticket.ToProto();
        });

    /// <summary>
    /// A technician signed in with their own account (linked to their technician record) and no desk role works the
    /// tickets assigned to them: another technician's is refused, though the station's desk may still move it.
    /// </summary>
    private async Task RequireOwnWorkAsync(Model.Ticket ticket, CancellationToken cancellationToken)
    {
        if (!caller.HasAnyRole(StaffRoles.Technician) || caller.HasAnyRole(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin)
            || !Guid.TryParse(caller.Subject, out var userId))
        {
            return;
        }
        var technician = await db.Technicians.AsNoTracking().Where(t => t.UserId == userId).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
        if (technician is { } own && ticket.TechnicianId != own)
        {
            throw new PermissionDeniedException($"Ticket {ticket.Number} is not assigned to you: a technician works the tickets assigned to them.");
        }
    }

    private static DateTimeOffset Stored(Google.Protobuf.WellKnownTypes.Timestamp timestamp) =>
        BusinessCalendar.ToStoredPrecision(timestamp.ToDateTimeOffset());
}
