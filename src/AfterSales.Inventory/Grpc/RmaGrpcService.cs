using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform;
using AfterSales.Platform.Data;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.Inventory.Grpc;

/// <summary>Returns to the manufacturer, from the fault to the fee: the department's, staff only.</summary>
public sealed class RmaGrpcService(
    InventoryDbContext db,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<InventoryDbContext> requests,
    IEventOutbox outbox)
    : RmaService.RmaServiceBase
{
    private const int MaxShortText = 100;
    private const decimal MaxFee = 10_000_000m;

    [Access(StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin)]
    public override Task<Rma> OpenRma(OpenRmaRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("part_id", request.PartId, out var partId)
            .RequireText("serial_number", request.SerialNumber, 64)
            .RequireText("supplier", request.Supplier, 200)
            .RequireText("fault", request.Fault, Model.RmaCase.MaxTextLength)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var part = await db.Parts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partId, context.CancellationToken)
                ?? throw ValidationException.ForField("part_id", "part_id names no part of the catalogue.");
            var number = await db.NextRmaNumberAsync(context.CancellationToken);
            var rma = new Model.RmaCase(Guid.CreateVersion7(), $"RMA-{number:D6}", part.Id, part.PartNumber, request.SerialNumber.Trim(),
                request.Supplier.Trim(), request.Fault.Trim(), caller.Subject, calendar.Now);
            db.RmaCases.Add(rma);
            return rma.ToProto();
        });
    }

    /// <summary>The technical group confirms the fault.</summary>
    [Access(StaffRoles.Technician)]
    public override Task<Rma> ConfirmRma(RmaStepRequest request, ServerCallContext context) =>
        StepAsync(request, request.RmaId, context, rma => rma.Confirm(caller.Subject));

    /// <summary>The department manager approves the return.</summary>
    [Access(StaffRoles.Manager)]
    public override Task<Rma> ApproveRma(RmaStepRequest request, ServerCallContext context) =>
        StepAsync(request, request.RmaId, context, rma => rma.Approve(caller.Subject));

    [Access(StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin)]
    public override Task<Rma> ShipRma(ShipRmaRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireText("carrier", request.Carrier, MaxShortText)
            .RequireText("tracking_number", request.TrackingNumber, MaxShortText)
            .ThrowIfAny();
        return StepAsync(request, request.RmaId, context, rma => rma.Ship(request.Carrier.Trim(), request.TrackingNumber.Trim(), calendar.Now));
    }

    [Access(StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin)]
    public override Task<Rma> RecordRmaReturn(RecordRmaReturnRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().OptionalText("note", request.Note, Model.RmaCase.MaxTextLength);
        violations.RequireChoice("outcome", request.Outcome, "outcome must be REPAIRED, REPLACED or REFUSED.");
        violations.ThrowIfAny();
        return StepAsync(request, request.RmaId, context, rma =>
        {
            rma.RecordReturn((Model.RmaOutcome)request.Outcome, request.Note.Trim(), calendar.Now);
            outbox.Enqueue(rma.ToReturnedEvent());
        });
    }

    [Access(StaffRoles.Finance, StaffRoles.Manager)]
    public override Task<Rma> PayRmaFee(PayRmaFeeRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireText("supplier_confirmation", request.SupplierConfirmation, MaxShortText);
        var fee = 0m;
        if (request.Fee is null)
        {
            violations.Add("fee", "fee is required (zero for a repair under the manufacturer's warranty).");
        }
        else if (request.Fee.Units != 0 || request.Fee.Nanos != 0)
        {
            violations.RequireAmount("fee", request.Fee, MaxFee, out fee);
        }
        violations.ThrowIfAny();
        return StepAsync(request, request.RmaId, context, rma => rma.PayFee(fee, request.SupplierConfirmation.Trim(), calendar.Now));
    }

    [Access(StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin)]
    public override async Task<ListRmasResponse> ListRmas(ListRmasRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.OptionalChoice("status", request.Status, "status must be OPENED, CONFIRMED, APPROVED, SHIPPED, RETURNED or CLOSED, or unspecified for all.");
        violations.ThrowIfAny();
        var query = db.RmaCases.AsNoTracking();
        if (request.Status != RmaStatus.Unspecified)
        {
            var status = (Model.RmaStatus)request.Status;
            query = query.Where(r => r.Status == status);
        }
        var (page, next) = await query.NewestFirstPageAsync(r => r.Id, request.PageToken, request.PageSize, context.CancellationToken);
        return new ListRmasResponse { Rmas = { page.Select(r => r.ToProto()) }, NextPageToken = next };
    }

    private Task<Rma> StepAsync<TRequest>(TRequest request, string rawId, ServerCallContext context, Action<Model.RmaCase> step)
        where TRequest : Google.Protobuf.IMessage<TRequest>
    {
        new FieldViolations().RequireId("rma_id", rawId, out var id).ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var rma = await db.RmaCases.SingleOrDefaultAsync(r => r.Id == id, context.CancellationToken) ?? throw new NotFoundException("RMA", rawId);
            step(rma);
            return rma.ToProto();
        });
    }
}
