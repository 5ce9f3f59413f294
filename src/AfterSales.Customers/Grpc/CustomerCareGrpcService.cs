using AfterSales.Customers.Infrastructure;
using AfterSales.Customers.Services;
using AfterSales.Customers.V1;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Peers;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Customers.Model;

namespace AfterSales.Customers.Grpc;

/// <summary>
/// The reminders the scheduler raises (<see cref="ReminderScheduler"/>), worked by the serving station or
/// the department until handled, and the software releases that raise update notices; return visits and
/// trainings (CustomerCareGrpcService.Visits.cs).
/// </summary>
public sealed partial class CustomerCareGrpcService(
    CustomersDbContext db,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<CustomersDbContext> requests,
    ReminderScheduler scheduler,
    ArchivedDocuments documents)
    : CustomerCareService.CustomerCareServiceBase
{
    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListRemindersResponse> ListReminders(ListRemindersRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .OptionalId("customer_id", request.CustomerId, out var customerId)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.OptionalChoice("state", request.State, "state must be OPEN, OVERDUE, HANDLED or ALL.");
        violations.OptionalChoice("kind", request.Kind, "kind must be CONTRACT_EXPIRY, WARRANTY_ENDING, MAINTENANCE_HANDOVER or SOFTWARE_UPDATE, or unspecified for all.");
        violations.ThrowIfAny();
        var after = PageToken.DecodeInstantAndId(request.PageToken);
        var today = calendar.DateOf(calendar.Now);

        var query = db.Reminders.AsNoTracking().VisibleTo(caller, r => r.ServingStationId);
        query = request.State switch
        {
            ReminderState.Handled => query.Where(r => r.HandledAt != null),
            ReminderState.Overdue => query.Where(r => r.HandledAt == null && r.ActBy < today),
            ReminderState.All => query,
            _ => query.Where(r => r.HandledAt == null),
        };
        if (request.Kind != ReminderKind.Unspecified)
        {
            var kind = (Model.ReminderKind)request.Kind;
            query = query.Where(r => r.Kind == kind);
        }
        if (customerId is { } customer)
        {
            query = query.Where(r => r.CustomerId == customer);
        }
        if (after is var (instant, lastId))
        {
            var lastActBy = DateOnly.FromDateTime(instant.UtcDateTime);
            query = query.Where(r => r.ActBy > lastActBy || (r.ActBy == lastActBy && r.Id.CompareTo(lastId) > 0));
        }
        var size = PageToken.SizeOrDefault(request.PageSize);
        var page = await query.OrderBy(r => r.ActBy).ThenBy(r => r.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new ListRemindersResponse { Reminders = { page.Take(size).Select(r => r.ToProto(today)) } };
        if (page.Count > size)
        {
            var last = page[size - 1];
            response.NextPageToken = PageToken.EncodeInstant(new DateTimeOffset(last.ActBy.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), last.Id.ToString());
        }
        return response;
    }

    [Access(StaffRoles.Receptionist, StaffRoles.Manager, StaffRoles.Qa, StaffRoles.Admin, Stations = true)]
    public override Task<Reminder> HandleReminder(HandleReminderRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("reminder_id", request.ReminderId, out var reminderId)
            .RequireText("outcome", request.Outcome, Model.Reminder.MaxOutcomeLength)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var reminder = caller.Visible(await db.Reminders.SingleOrDefaultAsync(r => r.Id == reminderId, context.CancellationToken),
                r => r.ServingStationId, "Reminder", request.ReminderId);
            reminder.Handle(request.Outcome.Trim(), caller.Subject, calendar.Now);
            return reminder.ToProto(calendar.DateOf(calendar.Now));
        });
    }

    /// <summary>The department announces releases: they concern every station's assets of the model.</summary>
    [Access(StaffRoles.Manager, StaffRoles.Admin)]
    public override async Task<SoftwareRelease> AnnounceSoftwareRelease(AnnounceSoftwareReleaseRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireText("model", request.Model, 100)
            .RequireText("version", request.Version, 32)
            .OptionalText("notes", request.Notes, Model.SoftwareRelease.MaxNotesLength)
            .ThrowIfAny();
        var announced = await requests.SaveOnceAsync(request, context, async () =>
        {
            var (model, version) = (request.Model.Trim(), request.Version.Trim());
            if (await db.SoftwareReleases.AnyAsync(r => r.Model == model && r.Version == version, context.CancellationToken))
            {
                throw new AlreadyExistsException($"Version {version} of {model} was announced already.");
            }
            var installed = await db.Assets.AsNoTracking().Where(a => a.Model == model).Select(a => a.SoftwareVersion).ToListAsync(context.CancellationToken);
            if (installed.Count == 0)
            {
                throw ValidationException.ForField("model", $"No asset of model {model} is registered.");
            }
            var release = new Model.SoftwareRelease(Guid.CreateVersion7(), model, version, request.Notes.Trim(), caller.Subject, calendar.Now);
            db.SoftwareReleases.Add(release);
            return release.ToProto(installed.Count(v => Model.SoftwareVersions.IsOlder(v, version)));
        });
        // Saved: the notices are raised now rather than at the next round.
        scheduler.Wake();
        return announced;
    }
}
