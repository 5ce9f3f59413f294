using AfterSales.Customers.V1;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Customers.Model;

namespace AfterSales.Customers.Grpc;

/// <summary>Return visits (回访, §9 二, §8 3) and trainings (§8 4), planned and recorded in the customer file.</summary>
public sealed partial class CustomerCareGrpcService
{
    /// <summary>The documents service's template of a signed return-visit record (回访记录), archived about the customer.</summary>
    public const string ReturnVisitRecordTemplate = "RETURN-VISIT-RECORD";

    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Qa, StaffRoles.Admin, Stations = true)]
    public override Task<V1.ReturnVisitPlan> PlanReturnVisits(PlanReturnVisitsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireId("customer_id", request.CustomerId, out var customerId);
        violations.RequireChoice("kind", request.Kind, "kind must be WARRANTY_VISIT, MONTHLY_CHECK_IN or ANNUAL_VISIT.");
        var (startsOn, endsOn) = (request.StartsOn?.ToDateOnly(), request.EndsOn?.ToDateOnly());
        if (startsOn is null)
        {
            violations.Add("starts_on", "starts_on is required, a whole date.");
        }
        if (endsOn is null)
        {
            violations.Add("ends_on", "ends_on is required, a whole date.");
        }
        else if (endsOn <= startsOn || endsOn > startsOn?.AddYears(Model.ReturnVisitPlan.MaxTermYears))
        {
            violations.Add("ends_on", $"ends_on must be after starts_on, and at most {Model.ReturnVisitPlan.MaxTermYears} years after it.");
        }
        if (request.Kind == V1.ReturnVisitKind.WarrantyVisit && request.IntervalMonths is < 0 or > Model.ReturnVisitPlan.MaxWarrantyVisitInterval)
        {
            violations.Add("interval_months", $"Warranty visits are due at least twice a year: interval_months is 1 to {Model.ReturnVisitPlan.MaxWarrantyVisitInterval} (0: 6).");
        }
        else if (request.Kind is V1.ReturnVisitKind.MonthlyCheckIn or V1.ReturnVisitKind.AnnualVisit && request.IntervalMonths != 0)
        {
            violations.Add("interval_months", "Monthly check-ins are monthly and yearly visits yearly: leave interval_months 0.");
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var customer = caller.Visible(await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, context.CancellationToken),
                c => c.ServingStationId, "Customer", request.CustomerId);
            var kind = (Model.ReturnVisitKind)request.Kind;
            var plan = new Model.ReturnVisitPlan(Guid.CreateVersion7(), customer.Id, customer.ServingStationId, kind, startsOn!.Value, endsOn!.Value,
                Model.ReturnVisitPlan.IntervalFor(kind, request.IntervalMonths), caller.Subject, calendar.Now);
            var visits = plan.ScheduleVisits().ToList();
            if (visits.Count == 0)
            {
                throw ValidationException.ForField("ends_on", $"The term ends before its first visit falls due ({startsOn.Value.AddMonths(plan.IntervalMonths):yyyy-MM-dd}).");
            }
            db.ReturnVisitPlans.Add(plan);
            db.ReturnVisits.AddRange(visits);
            var today = calendar.DateOf(calendar.Now);
            return plan.ToProto(visits.Select(v => v.ToProto(today)));
        });
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListReturnVisitsResponse> ListReturnVisits(ListReturnVisitsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .OptionalId("customer_id", request.CustomerId, out var customerId)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.OptionalChoice("state", request.State, "state must be DUE, OPEN, DONE or ALL.");
        violations.ThrowIfAny();
        var after = PageToken.DecodeInstantAndId(request.PageToken);
        var today = calendar.DateOf(calendar.Now);

        var query = db.ReturnVisits.AsNoTracking().VisibleTo(caller, v => v.ServingStationId);
        query = request.State switch
        {
            ReturnVisitState.Open => query.Where(v => v.DoneAt == null),
            ReturnVisitState.Done => query.Where(v => v.DoneAt != null),
            ReturnVisitState.All => query,
            _ => query.Where(v => v.DoneAt == null && v.DueOn <= today),
        };
        if (customerId is { } customer)
        {
            query = query.Where(v => v.CustomerId == customer);
        }
        if (after is var (instant, lastId))
        {
            var lastDue = DateOnly.FromDateTime(instant.UtcDateTime);
            query = query.Where(v => v.DueOn > lastDue || (v.DueOn == lastDue && v.Id.CompareTo(lastId) > 0));
        }
        var size = PageToken.SizeOrDefault(request.PageSize);
        var page = await query.OrderBy(v => v.DueOn).ThenBy(v => v.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new ListReturnVisitsResponse { Visits = { page.Take(size).Select(v => v.ToProto(today)) } };
        if (page.Count > size)
        {
            var last = page[size - 1];
            response.NextPageToken = PageToken.EncodeInstant(new DateTimeOffset(last.DueOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), last.Id.ToString());
        }
        return response;
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Qa, StaffRoles.Admin, Stations = true)]
    public override Task<V1.ReturnVisit> RecordReturnVisit(RecordReturnVisitRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("visit_id", request.VisitId, out var visitId)
            .RequireText("outcome", request.Outcome, Model.ReturnVisit.MaxOutcomeLength)
            .OptionalId("record_document_id", request.RecordDocumentId, out var recordId);
        violations.OptionalChoice("satisfaction", request.Satisfaction, "satisfaction must be SATISFIED or DISSATISFIED, or unspecified when not said.");
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var visit = caller.Visible(await db.ReturnVisits.SingleOrDefaultAsync(v => v.Id == visitId, context.CancellationToken),
                v => v.ServingStationId, "Return visit", request.VisitId);
            if (recordId is { } record)
            {
                await documents.RequireAsync(visit.CustomerId, "customer", ReturnVisitRecordTemplate, [("record_document_id", record)], context.CancellationToken);
            }
            visit.Record(request.Outcome.Trim(), request.Satisfaction == V1.Satisfaction.Unspecified ? null : (Model.Satisfaction)request.Satisfaction,
                recordId, caller.Subject, calendar.Now);
            return visit.ToProto(calendar.DateOf(calendar.Now));
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Qa, StaffRoles.Admin, Stations = true)]
    public override Task<V1.Training> PlanTraining(PlanTrainingRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("customer_id", request.CustomerId, out var customerId)
            .RequireText("topic", request.Topic, Model.Training.MaxTopicLength)
            .RequireText("trainer", request.Trainer, Model.Training.MaxNameLength);
        var plannedOn = request.PlannedOn?.ToDateOnly();
        if (plannedOn is null)
        {
            violations.Add("planned_on", "planned_on is required, a whole date.");
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var customer = caller.Visible(await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, context.CancellationToken),
                c => c.ServingStationId, "Customer", request.CustomerId);
            var training = new Model.Training(Guid.CreateVersion7(), customer.Id, customer.ServingStationId, request.Topic.Trim(), request.Trainer.Trim(),
                plannedOn!.Value, caller.Subject);
            db.Trainings.Add(training);
            return training.ToProto();
        });
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Qa, StaffRoles.Admin, Stations = true)]
    public override Task<V1.Training> RecordTraining(RecordTrainingRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireId("training_id", request.TrainingId, out var trainingId);
        var heldOn = request.HeldOn?.ToDateOnly();
        if (heldOn is null)
        {
            violations.Add("held_on", "held_on is required, a whole date.");
        }
        else if (heldOn > calendar.DateOf(calendar.Now))
        {
            violations.Add("held_on", "held_on cannot be in the future: record a training once it was held.");
        }
        if (request.Attendees.Count is 0 or > Model.Training.MaxAttendees)
        {
            violations.Add("attendees", $"A training is recorded with 1 to {Model.Training.MaxAttendees} attendees.");
        }
        for (var i = 0; i < request.Attendees.Count && i < Model.Training.MaxAttendees; i++)
        {
            var attendee = request.Attendees[i];
            violations.RequireText($"attendees[{i}].name", attendee.Name, Model.Training.MaxNameLength)
                .OptionalText($"attendees[{i}].role", attendee.Role, Model.Training.MaxNameLength);
            if (attendee.Score is < 0 or > 100)
            {
                violations.Add($"attendees[{i}].score", "score must be 0 to 100.");
            }
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var training = caller.Visible(await db.Trainings.SingleOrDefaultAsync(t => t.Id == trainingId, context.CancellationToken),
                t => t.ServingStationId, "Training", request.TrainingId);
            training.Record(heldOn!.Value, request.Attendees.Select(a => new Model.TrainingAttendee(a.Name.Trim(), a.Role.Trim(), a.Score, a.Passed)));
            return training.ToProto();
        });
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListTrainingsResponse> ListTrainings(ListTrainingsRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("customer_id", request.CustomerId, out var customerId).ThrowIfAny();
        var customer = caller.Visible(await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, context.CancellationToken),
            c => c.ServingStationId, "Customer", request.CustomerId);
        var trainings = await db.Trainings.AsNoTracking().Where(t => t.CustomerId == customer.Id)
            .OrderByDescending(t => t.PlannedOn).ThenByDescending(t => t.Id).ToListAsync(context.CancellationToken);
        return new ListTrainingsResponse { Trainings = { trainings.Select(t => t.ToProto()) } };
    }
}
