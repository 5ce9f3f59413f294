using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.Services;
using AfterSales.Inventory.V1;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.Inventory.Grpc;

/// <summary>
/// Loaner units: the company's pool, registered and retired by staff; lent for a ticket and taken back by staff or
/// by the ticket's own station. A station sees the units free to lend and those lent for its own tickets.
/// </summary>
public sealed class LoanerGrpcService(
    InventoryDbContext db,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<InventoryDbContext> requests,
    OpenTickets openTickets,
    IEventOutbox outbox)
    : LoanerService.LoanerServiceBase
{
    private const int MaxLoanDays = 366;

    [Access(StaffRoles.Manager, StaffRoles.Admin)]
    public override Task<Loaner> RegisterLoaner(RegisterLoanerRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireText("model", request.Model, 200)
            .RequireText("serial_number", request.SerialNumber, 64)
            .OptionalText("note", request.Note, Model.Loaner.MaxTextLength)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var serial = request.SerialNumber.Trim();
            if (await db.Loaners.AnyAsync(l => l.SerialNumber == serial, context.CancellationToken))
            {
                throw new AlreadyExistsException($"A loaner with serial number {serial} is registered already.");
            }
            var number = await db.NextNumberAsync(NumberedKind.Loaner, context.CancellationToken);
            var loaner = new Model.Loaner(Guid.CreateVersion7(), $"LN-{number:D6}", request.Model.Trim(), serial, request.Note.Trim());
            db.Loaners.Add(loaner);
            return loaner.ToProto(Today);
        });
    }

    [Access(StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Loaner> LendLoaner(LendLoanerRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("loaner_id", request.LoanerId, out var loanerId)
            .RequireId("ticket_id", request.TicketId, out var ticketId);
        var dueBackOn = request.DueBackOn?.ToDateOnly();
        if (dueBackOn is null)
        {
            violations.Add("due_back_on", "due_back_on is required, a whole date.");
        }
        else if (dueBackOn < Today || dueBackOn > Today.AddDays(MaxLoanDays))
        {
            violations.Add("due_back_on", $"due_back_on must be today or later, within {MaxLoanDays} days.");
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var loaner = await FindAsync(loanerId, request.LoanerId, context.CancellationToken);
            var ticket = await openTickets.GetAsync(request.TicketId, "loaner is lent", context.CancellationToken);
            loaner.Lend(ticketId, ticket.Number, Guid.Parse(ticket.StationId), dueBackOn!.Value, caller.Subject, calendar.Now);
            outbox.Enqueue(loaner.ToLentEvent());
            return loaner.ToProto(Today);
        });
    }

    [Access(StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Loaner> ReturnLoaner(ReturnLoanerRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("loaner_id", request.LoanerId, out var loanerId)
            .OptionalText("condition", request.Condition, Model.Loaner.MaxTextLength)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var loaner = await FindAsync(loanerId, request.LoanerId, context.CancellationToken);
            var returned = loaner.ToReturnedEvent(calendar.Now);
            loaner.Return(request.Condition.Trim(), calendar.Now);
            outbox.Enqueue(returned);
            return loaner.ToProto(Today);
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Admin)]
    public override Task<Loaner> RetireLoaner(RetireLoanerRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("loaner_id", request.LoanerId, out var loanerId)
            .RequireText("reason", request.Reason, Model.Loaner.MaxTextLength)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var loaner = await FindAsync(loanerId, request.LoanerId, context.CancellationToken);
            loaner.Retire(request.Reason.Trim());
            return loaner.ToProto(Today);
        });
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListLoanersResponse> ListLoaners(ListLoanersRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .OptionalId("ticket_id", request.TicketId, out var ticketId)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.OptionalChoice("status", request.Status, "status must be AVAILABLE, LENT or RETIRED, or unspecified for all.");
        violations.ThrowIfAny();
        var after = PageToken.Decode(request.PageToken);
        var query = Visible(db.Loaners.AsNoTracking());
        if (request.Status != LoanerStatus.Unspecified)
        {
            var status = (Model.LoanerStatus)request.Status;
            query = query.Where(l => l.Status == status);
        }
        if (request.OverdueOnly)
        {
            var today = Today;
            query = query.Where(l => l.Status == Model.LoanerStatus.Lent && l.DueBackOn < today);
        }
        if (ticketId is { } ticket)
        {
            query = query.Where(l => l.TicketId == ticket);
        }
        if (after is { } last)
        {
            query = query.Where(l => string.Compare(l.Code, last) > 0);
        }
        var size = PageToken.SizeOrDefault(request.PageSize);
        var page = await query.OrderBy(l => l.Code).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new ListLoanersResponse { Loaners = { page.Take(size).Select(l => l.ToProto(Today)) } };
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(page[size - 1].Code);
        }
        return response;
    }

    private DateOnly Today => calendar.DateOf(calendar.Now);

    /// <summary>Staff see the whole pool; a station the units free to lend and those lent for its own tickets.</summary>
    private IQueryable<Model.Loaner> Visible(IQueryable<Model.Loaner> loaners) => caller.IsInternalStaff
        ? loaners
        : loaners.Where(l => l.Status == Model.LoanerStatus.Available || l.StationId == caller.StationId);

    private async Task<Model.Loaner> FindAsync(Guid id, string rawId, CancellationToken cancellationToken) =>
        await Visible(db.Loaners).SingleOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new NotFoundException("Loaner", rawId);
}
