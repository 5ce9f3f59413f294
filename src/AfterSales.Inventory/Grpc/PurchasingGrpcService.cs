using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.V1;
using AfterSales.Platform;
using AfterSales.Platform.Data;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.Inventory.Grpc;

/// <summary>Purchase requests up the approval chain (§12 5.2.3, §10 六.7): the department's, staff only.</summary>
public sealed class PurchasingGrpcService(
    InventoryDbContext db,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<InventoryDbContext> requests)
    : PurchasingService.PurchasingServiceBase
{
    private const int MaxLines = 100;

    [Access(StaffRoles.Technician, StaffRoles.MaterialsPlanner, StaffRoles.Manager, StaffRoles.Admin)]
    public override Task<PurchaseRequest> SubmitPurchaseRequest(SubmitPurchaseRequestRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireText("reason", request.Reason, Model.PurchaseRequest.MaxReasonLength);
        var lines = StockLines.Check(violations, request.Lines, MaxLines);
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var parts = await StockLines.PartsAsync(db, lines, context.CancellationToken);
            var number = await db.NextPurchaseRequestNumberAsync(context.CancellationToken);
            var purchase = new Model.PurchaseRequest(Guid.CreateVersion7(), $"PR-{number:D6}",
                lines.Select(l => new Model.RequisitionLine(l.PartId, parts[l.PartId].PartNumber, l.Quantity)), request.Reason.Trim(), caller.Subject, calendar.Now);
            db.PurchaseRequests.Add(purchase);
            return purchase.ToProto();
        });
    }

    [Access(StaffRoles.Technician, StaffRoles.AffairsSupervisor, StaffRoles.MaterialsPlanner, StaffRoles.Manager)]
    public override Task<PurchaseRequest> ApprovePurchaseRequest(DecidePurchaseRequestRequest request, ServerCallContext context) =>
        DecideAsync(request, context, purchase => purchase.Approve(caller.Roles, caller.Subject, calendar.Now));

    [Access(StaffRoles.Technician, StaffRoles.AffairsSupervisor, StaffRoles.MaterialsPlanner, StaffRoles.Manager)]
    public override Task<PurchaseRequest> RejectPurchaseRequest(DecidePurchaseRequestRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireText("reason", request.Reason, Model.PurchaseRequest.MaxReasonLength).ThrowIfAny();
        return DecideAsync(request, context, purchase => purchase.Reject(caller.Roles, request.Reason.Trim(), caller.Subject, calendar.Now));
    }

    [Access(StaffRoles.Technician, StaffRoles.AffairsSupervisor, StaffRoles.MaterialsPlanner, StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin)]
    public override async Task<PurchaseRequest> GetPurchaseRequest(GetPurchaseRequestRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("purchase_request_id", request.PurchaseRequestId, out var id).ThrowIfAny();
        return (await db.PurchaseRequests.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Purchase request", request.PurchaseRequestId)).ToProto();
    }

    [Access(StaffRoles.Technician, StaffRoles.AffairsSupervisor, StaffRoles.MaterialsPlanner, StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin)]
    public override async Task<ListPurchaseRequestsResponse> ListPurchaseRequests(ListPurchaseRequestsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.OptionalChoice("waiting_for", request.WaitingFor, "waiting_for must be TECHNICAL_GROUP, AFFAIRS_SUPERVISOR, MATERIALS_PLANNER or DEPARTMENT_MANAGER, or unspecified for all.");
        violations.ThrowIfAny();
        var query = db.PurchaseRequests.AsNoTracking();
        if (request.WaitingFor != PurchaseStep.Unspecified)
        {
            // Waiting for step n: submitted, with n - 1 approvals given.
            var given = (int)request.WaitingFor - 1;
            query = query.Where(p => p.Status == Model.PurchaseRequestStatus.Submitted && p.Approvals.Count == given);
        }
        var (page, next) = await query.NewestFirstPageAsync(p => p.Id, request.PageToken, request.PageSize, context.CancellationToken);
        return new ListPurchaseRequestsResponse { PurchaseRequests = { page.Select(p => p.ToProto()) }, NextPageToken = next };
    }

    private Task<PurchaseRequest> DecideAsync(DecidePurchaseRequestRequest request, ServerCallContext context, Action<Model.PurchaseRequest> decide)
    {
        new FieldViolations()
            .RequireId("purchase_request_id", request.PurchaseRequestId, out var id)
            .OptionalText("reason", request.Reason, Model.PurchaseRequest.MaxReasonLength)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var purchase = await db.PurchaseRequests.SingleOrDefaultAsync(p => p.Id == id, context.CancellationToken)
                ?? throw new NotFoundException("Purchase request", request.PurchaseRequestId);
            decide(purchase);
            return purchase.ToProto();
        });
    }
}
