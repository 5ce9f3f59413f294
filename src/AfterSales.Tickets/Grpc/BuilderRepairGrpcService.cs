using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Peers;
using AfterSales.Platform.Security;
using AfterSales.Tickets.Infrastructure;
using AfterSales.Tickets.Services;
using AfterSales.Tickets.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Tickets.Model;

namespace AfterSales.Tickets.Grpc;

/// <summary>
/// Warranty repairs the original builder owes (§3 4.2–5.1), on tickets. Each step checks its fields first,
/// loads the ticket and its builder repair as the caller may see them, and asks the repair to take the step
/// (refused with FAILED_PRECONDITION naming the stage); saved once per request id, audited, and two
/// concurrent steps of one repair never both succeed (its row version: ABORTED).
/// </summary>
public sealed class BuilderRepairGrpcService(
    TicketsDbContext db,
    IdempotentRequests<TicketsDbContext> requests,
    IEventOutbox outbox,
    Caller caller,
    BusinessCalendar calendar,
    ArchivedDocuments attachments) : BuilderRepairService.BuilderRepairServiceBase
{
    /// <summary>The most a builder repair's estimate or one cost may be, in yuan.</summary>
    private const decimal MaxAmount = 100_000_000m;

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<BuilderRepair> NotifyBuilder(NotifyBuilderRequest request, ServerCallContext context)
    {
        var now = calendar.Now;
        var violations = new FieldViolations()
            .RequireText("builder", request.Builder, Model.BuilderRepair.MaxNameLength)
            .OptionalText("builder_contact", request.BuilderContact, Model.BuilderRepair.MaxNameLength)
            .RequireText("contract_reference", request.ContractReference, Model.BuilderRepair.MaxNameLength);
        violations.RequireChoice("channel", request.Channel, "channel must be PHONE, FAX or LETTER.");
        if (request.RepairBy is null)
        {
            violations.Add("repair_by", "repair_by is required.");
        }
        else if (request.RepairBy.ToDateTimeOffset() <= now)
        {
            violations.Add("repair_by", "repair_by, the contractual deadline, must be in the future.");
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var ticket = await FindTicketAsync(request.TicketId, context.CancellationToken);
            if (await db.BuilderRepairs.AnyAsync(r => r.TicketId == ticket.Id, context.CancellationToken))
            {
                throw new AlreadyExistsException($"Ticket {ticket.Number} has a builder repair already.");
            }
            var repair = Model.BuilderRepair.Notify(ticket, request.Builder.Trim(), RequestText.NullIfBlank(request.BuilderContact),
                request.ContractReference.Trim(), (Model.NoticeChannel)request.Channel, BusinessCalendar.ToStoredPrecision(request.RepairBy!.ToDateTimeOffset()),
                caller.Subject, calendar.Now);
            db.BuilderRepairs.Add(repair);
            outbox.Enqueue(repair.ToNotifiedEvent(ticket));
            return repair.ToProto(calendar.Now);
        });
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<BuilderRepair> GetBuilderRepair(GetBuilderRepairRequest request, ServerCallContext context)
    {
        var ticket = await FindTicketAsync(request.TicketId, context.CancellationToken);
        var repair = await db.BuilderRepairs.AsNoTracking().SingleOrDefaultAsync(r => r.TicketId == ticket.Id, context.CancellationToken)
            ?? throw new NotFoundException("BuilderRepair", request.TicketId);
        return repair.ToProto(calendar.Now);
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListBuilderRepairsResponse> ListBuilderRepairs(ListBuilderRepairsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .OptionalId("station_id", request.StationId, out var stationId)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.OptionalChoice("stage", request.Stage, "stage is not a builder repair stage.");
        violations.ThrowIfAny();
        var after = PageToken.DecodeInstantAndId(request.PageToken);
        var now = calendar.Now;

        var query = db.BuilderRepairs.AsNoTracking().VisibleTo(caller, r => r.StationId);
        if (stationId is { } station)
        {
            query = query.Where(r => r.StationId == station);
        }
        if (request.Stage != BuilderRepairStage.Unspecified)
        {
            var stage = (Model.BuilderRepairStage)request.Stage;
            query = query.Where(r => r.Stage == stage);
        }
        if (request.OverdueOnly)
        {
            query = query.Where(r => r.RepairBy < now && (r.Stage == Model.BuilderRepairStage.Notified || r.Stage == Model.BuilderRepairStage.BuilderRepairing));
        }
        if (after is var (lastDue, lastTicket))
        {
            query = query.Where(r => r.RepairBy > lastDue || (r.RepairBy == lastDue && r.TicketId.CompareTo(lastTicket) > 0));
        }
        var size = PageToken.SizeOrDefault(request.PageSize);
        var page = await query.OrderBy(r => r.RepairBy).ThenBy(r => r.TicketId).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new ListBuilderRepairsResponse { BuilderRepairs = { page.Take(size).Select(r => r.ToProto(now)) } };
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.EncodeInstant(page[size - 1].RepairBy, page[size - 1].TicketId.ToString());
        }
        return response;
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<BuilderRepair> RecordBuilderAnswer(RecordBuilderAnswerRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireText("answer", request.Answer, Model.BuilderRepair.MaxTextLength).ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (repair, _, now) =>
        {
            repair.RecordBuilderAnswer(request.WillRepair, request.Answer.Trim(), now);
            return Task.CompletedTask;
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<BuilderRepair> RecordRepairedByBuilder(RecordRepairedByBuilderRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireText("note", request.Note, Model.BuilderRepair.MaxTextLength).ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (repair, _, now) =>
        {
            repair.RecordRepairedByBuilder(request.Note.Trim(), now);
            return Task.CompletedTask;
        });
    }

    [Access(StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<BuilderRepair> RecordSiteSurvey(RecordSiteSurveyRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireText("findings", request.Findings, Model.BuilderRepair.MaxTextLength)
            .OptionalId("sketch_document_id", request.SketchDocumentId, out var sketch);
        var photos = WorkMappings.DocumentIds(violations, "photo_document_ids", request.PhotoDocumentIds);
        if (request.PhotoDocumentIds.Count == 0)
        {
            violations.Add("photo_document_ids", "A site survey has at least one photo of the part (§3 4.4.1).");
        }
        violations.ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, async (repair, ticket, now) =>
        {
            await attachments.RequireAsync(ticket.Id, TicketAttachments.Subject, TicketAttachments.SitePhoto, photos, context.CancellationToken);
            if (sketch is { } sketchId)
            {
                await attachments.RequireAsync(ticket.Id, TicketAttachments.Subject, TicketAttachments.RepairSketch, [("sketch_document_id", sketchId)], context.CancellationToken);
            }
            repair.RecordSurvey(new Model.SiteSurvey(Guid.CreateVersion7(), now, caller.Subject, request.Findings.Trim(),
                [.. photos.Select(p => p.Id)], sketch));
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Director, StaffRoles.Admin, Stations = true)]
    public override Task<BuilderRepair> TakeOverRepair(TakeOverRepairRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        if (request.Reason == TakeoverReason.Unspecified || !Enum.IsDefined(request.Reason))
        {
            violations.Add("reason", "reason must be LATE, REFUSED or EMERGENCY.");
        }
        else if (request.Reason == TakeoverReason.Emergency)
        {
            violations.RequireText("phone_approval_by", request.PhoneApprovalBy, Model.BuilderRepair.MaxNameLength);
        }
        else if (!string.IsNullOrEmpty(request.PhoneApprovalBy))
        {
            violations.Add("phone_approval_by", "Only emergency work starts on an approval by phone; other work waits for the approved estimate.");
        }
        switch (request.Team)
        {
            case RepairTeam.OwnTeam when !string.IsNullOrEmpty(request.HiredTeam):
                violations.Add("hired_team", "hired_team is given for a HIRED team only.");
                break;
            case RepairTeam.OwnTeam:
                break;
            case RepairTeam.Hired:
                violations.RequireText("hired_team", request.HiredTeam, Model.BuilderRepair.MaxNameLength);
                break;
            default:
                violations.Add("team", "team must be OWN_TEAM or HIRED.");
                break;
        }
        violations.ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (repair, ticket, now) =>
        {
            repair.TakeOver((Model.TakeoverReason)request.Reason, (Model.RepairTeam)request.Team, RequestText.NullIfBlank(request.HiredTeam), ticket,
                RequestText.NullIfBlank(request.PhoneApprovalBy), caller.Subject, now);
            return Task.CompletedTask;
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<BuilderRepair> PrepareEstimate(PrepareEstimateRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireAmount("amount", request.Amount, MaxAmount, out var amount)
            .RequireText("plan", request.Plan, Model.BuilderRepair.MaxTextLength)
            .ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (repair, _, _) =>
        {
            repair.PrepareEstimate(amount, request.Plan.Trim(), caller.Subject);
            return Task.CompletedTask;
        });
    }

    /// <summary>The company's service centre director: a station's staff holding the role do not confirm.</summary>
    [Access(StaffRoles.Director)]
    public override Task<BuilderRepair> ConfirmEstimate(ConfirmEstimateRequest request, ServerCallContext context) =>
        ChangeAsync(request, request.TicketId, context, (repair, _, _) =>
        {
            repair.ConfirmEstimate(caller.Subject);
            return Task.CompletedTask;
        });

    [Access(StaffRoles.GeneralManager)]
    public override Task<BuilderRepair> ApproveEstimate(ApproveEstimateRequest request, ServerCallContext context) =>
        ChangeAsync(request, request.TicketId, context, (repair, _, now) =>
        {
            repair.ApproveEstimate(caller.Subject, now);
            return Task.CompletedTask;
        });

    [Access(StaffRoles.GeneralManager)]
    public override Task<BuilderRepair> SignPhoneApproval(SignPhoneApprovalRequest request, ServerCallContext context) =>
        ChangeAsync(request, request.TicketId, context, (repair, _, now) =>
        {
            repair.SignPhoneApproval(caller.Subject, now);
            return Task.CompletedTask;
        });

    [Access(StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin, Stations = true)]
    public override Task<BuilderRepair> RecordRepairCost(RecordRepairCostRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireText("description", request.Description, Model.BuilderRepair.MaxTextLength)
            .RequireAmount("amount", request.Amount, MaxAmount, out var amount);
        Guid? agreement = null;
        switch (request.Kind)
        {
            case RepairCostKind.Compensation:
                violations.RequireId("agreement_document_id", request.AgreementDocumentId, out var given);
                agreement = given;
                break;
            case RepairCostKind.Labour or RepairCostKind.Material or RepairCostKind.HiredTeam:
                if (!string.IsNullOrEmpty(request.AgreementDocumentId))
                {
                    violations.Add("agreement_document_id", "agreement_document_id is given for COMPENSATION only.");
                }
                break;
            default:
                violations.Add("kind", "kind must be LABOUR, MATERIAL, HIRED_TEAM or COMPENSATION.");
                break;
        }
        violations.ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, async (repair, ticket, now) =>
        {
            if (agreement is { } agreementId)
            {
                await attachments.RequireAsync(ticket.Id, TicketAttachments.Subject, TicketAttachments.CompensationAgreement, [("agreement_document_id", agreementId)],
                    context.CancellationToken);
            }
            repair.RecordCost(new Model.RepairCost(Guid.CreateVersion7(), now, caller.Subject, (Model.RepairCostKind)request.Kind,
                request.Description.Trim(), amount, agreement));
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<BuilderRepair> AcceptBuilderRepair(AcceptBuilderRepairRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireText("manager_signed_by", request.ManagerSignedBy, Model.BuilderRepair.MaxNameLength)
            .RequireText("owner_signed_by", request.OwnerSignedBy, Model.BuilderRepair.MaxNameLength);
        if (!Enum.IsDefined(request.Allocation))
        {
            violations.Add("allocation", "allocation must be BUILDER_FAULT, SHARED_FAULT or OWNER_MATERIAL.");
        }
        else if (request.Allocation == CostAllocation.SharedFault ? request.BuilderSharePercent is < 1 or > 99 : request.BuilderSharePercent != 0)
        {
            violations.Add("builder_share_percent", "builder_share_percent is the builder's agreed share of a SHARED_FAULT, 1–99, and 0 otherwise.");
        }
        violations.ThrowIfAny();
        return ChangeAsync(request, request.TicketId, context, (repair, ticket, now) =>
        {
            var takenOver = repair.Stage == Model.BuilderRepairStage.TakenOver;
            if (takenOver == (request.Allocation == CostAllocation.Unspecified))
            {
                throw ValidationException.ForField("allocation", takenOver
                    ? "A repair the company took over is accepted with its cost's allocation (§5 4)."
                    : "Only a repair the company took over has a cost to allocate.");
            }
            repair.Accept(request.ManagerSignedBy.Trim(), request.OwnerSignedBy.Trim(),
                takenOver ? (Model.CostAllocation)request.Allocation : null, request.BuilderSharePercent, ticket, now);
            outbox.Enqueue(repair.ToAcceptedEvent(ticket));
            return Task.CompletedTask;
        });
    }

    /// <summary>Loads the ticket and its builder repair for a step, applies it, saved once per request id with the answer.</summary>
    private Task<BuilderRepair> ChangeAsync<TRequest>(TRequest request, string ticketId, ServerCallContext context,
        Func<Model.BuilderRepair, Model.Ticket, DateTimeOffset, Task> change)
        where TRequest : IMessage<TRequest> =>
        requests.SaveOnceAsync(request, context, async () =>
        {
            var ticket = await FindTicketAsync(ticketId, context.CancellationToken);
            var repair = await db.BuilderRepairs.SingleOrDefaultAsync(r => r.TicketId == ticket.Id, context.CancellationToken)
                ?? throw Model.BuilderRepairRefusal.Because("notify the builder first", null);
            var now = calendar.Now;
            await change(repair, ticket, now);
            return repair.ToProto(now);
        });

    private Task<Model.Ticket> FindTicketAsync(string ticketId, CancellationToken cancellationToken) =>
        db.Tickets.AsNoTracking().FindVisibleAsync(caller, ticketId, cancellationToken);
}
