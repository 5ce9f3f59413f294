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

/// <summary>Secondary claims against suppliers for failed warranty parts: the department's and finance's, staff only.</summary>
public sealed class SupplierClaimGrpcService(
    InventoryDbContext db,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<InventoryDbContext> requests)
    : SupplierClaimService.SupplierClaimServiceBase
{
    private const decimal MaxAmount = 100_000_000m;

    [Access(StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin)]
    public override Task<SupplierClaim> OpenSupplierClaim(OpenSupplierClaimRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireText("supplier", request.Supplier, 200);
        var ids = new List<Guid>();
        if (request.OldPartIds.Count is 0 or > Model.SupplierClaim.MaxParts)
        {
            violations.Add("old_part_ids", $"1 to {Model.SupplierClaim.MaxParts} old parts.");
        }
        for (var i = 0; i < Math.Min(request.OldPartIds.Count, Model.SupplierClaim.MaxParts); i++)
        {
            violations.RequireId($"old_part_ids[{i}]", request.OldPartIds[i], out var id);
            if (id != Guid.Empty && ids.Contains(id))
            {
                violations.Add($"old_part_ids[{i}]", "An old part is listed once.");
            }
            ids.Add(id);
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var oldParts = await db.OldParts.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, context.CancellationToken);
            var unknown = new FieldViolations();
            for (var i = 0; i < ids.Count; i++)
            {
                if (!oldParts.ContainsKey(ids[i]))
                {
                    unknown.Add($"old_part_ids[{i}]", "names no old part.");
                }
            }
            unknown.ThrowIfAny();
            var number = await db.NextNumberAsync(NumberedKind.SupplierClaim, context.CancellationToken);
            var claim = new Model.SupplierClaim(Guid.CreateVersion7(), $"SC-{number:D6}", request.Supplier.Trim(),
                [.. ids.Select(id => oldParts[id])], caller.Subject, calendar.Now);
            db.SupplierClaims.Add(claim);
            return claim.ToProto();
        });
    }

    [Access(StaffRoles.Finance, StaffRoles.Manager)]
    public override Task<SupplierClaim> SettleSupplierClaim(SettleSupplierClaimRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("claim_id", request.ClaimId, out var id)
            .RequireAmount("recovered", request.Recovered, MaxAmount, out var recovered)
            .RequireText("supplier_reference", request.SupplierReference, 100)
            .ThrowIfAny();
        return StepAsync(request, id, request.ClaimId, context,
            claim => claim.Settle(recovered, request.SupplierReference.Trim(), caller.Subject, calendar.Now));
    }

    [Access(StaffRoles.Finance, StaffRoles.Manager)]
    public override Task<SupplierClaim> RefuseSupplierClaim(RefuseSupplierClaimRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("claim_id", request.ClaimId, out var id)
            .RequireText("reason", request.Reason, 500)
            .ThrowIfAny();
        return StepAsync(request, id, request.ClaimId, context, claim => claim.Refuse(request.Reason.Trim(), caller.Subject, calendar.Now));
    }

    [Access(StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin)]
    public override async Task<ListSupplierClaimsResponse> ListSupplierClaims(ListSupplierClaimsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.OptionalChoice("status", request.Status, "status must be OPEN, SETTLED or REFUSED, or unspecified for all.");
        violations.ThrowIfAny();
        var query = db.SupplierClaims.AsNoTracking();
        if (request.Status != SupplierClaimStatus.Unspecified)
        {
            var status = (Model.SupplierClaimStatus)request.Status;
            query = query.Where(c => c.Status == status);
        }
        var (page, next) = await query.NewestFirstPageAsync(c => c.Id, request.PageToken, request.PageSize, context.CancellationToken);
        return new ListSupplierClaimsResponse { Claims = { page.Select(c => c.ToProto()) }, NextPageToken = next };
    }

    private Task<SupplierClaim> StepAsync<TRequest>(TRequest request, Guid id, string rawId, ServerCallContext context, Action<Model.SupplierClaim> step)
        where TRequest : Google.Protobuf.IMessage<TRequest> =>
        requests.SaveOnceAsync(request, context, async () =>
        {
            var claim = await db.SupplierClaims.SingleOrDefaultAsync(c => c.Id == id, context.CancellationToken)
                ?? throw new NotFoundException("Supplier claim", rawId);
            step(claim);
            return claim.ToProto();
        });
}
