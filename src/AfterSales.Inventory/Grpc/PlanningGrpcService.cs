using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.Services;
using AfterSales.Inventory.V1;
using AfterSales.Platform.Data;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.Inventory.Grpc;

/// <summary>ABC classification runs and the purchase suggestions they lead to: the department's planning, staff only.</summary>
public sealed class PlanningGrpcService(InventoryDbContext db, Caller caller, IdempotentRequests<InventoryDbContext> requests, AbcRunner runner)
    : PlanningService.PlanningServiceBase
{
    private const int MinWindowDays = 30;
    private const int MaxWindowDays = 1095;

    [Access(StaffRoles.Manager, StaffRoles.Admin)]
    public override Task<AbcRun> RunAbcClassification(RunAbcClassificationRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations();
        if (request.WindowDays != 0 && request.WindowDays is < MinWindowDays or > MaxWindowDays)
        {
            violations.Add("window_days", $"window_days must be {MinWindowDays} to {MaxWindowDays}, or 0 for the configured {runner.Options.WindowDays}.");
        }
        // Checked as doubles first: NaN, infinities and the like never reach a decimal conversion.
        var (aShare, bShare) = (runner.Options.AShare, runner.Options.BShare);
        if (request.AShare is < 0 or > 1 || request.BShare is < 0 or > 1 || double.IsNaN(request.AShare) || double.IsNaN(request.BShare))
        {
            violations.Add("a_share", "a_share and b_share are shares from 0 to 1 (0 takes the configured one).");
        }
        else
        {
            (aShare, bShare) = (request.AShare == 0 ? aShare : (decimal)request.AShare, request.BShare == 0 ? bShare : (decimal)request.BShare);
            if (aShare + bShare > 1)
            {
                violations.Add("a_share", "a_share and b_share together are at most 1.");
            }
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var run = await runner.RunAsync(Model.AbcTrigger.OnDemand, null, request.WindowDays == 0 ? runner.Options.WindowDays : request.WindowDays,
                aShare, bShare, caller.Subject, context.CancellationToken);
            return run.ToProto(withResults: true);
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin)]
    public override async Task<AbcRun> GetAbcRun(GetAbcRunRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("run_id", request.RunId, out var id).ThrowIfAny();
        var run = await db.AbcRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("ABC run", request.RunId);
        return run.ToProto(withResults: true);
    }

    [Access(StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin)]
    public override async Task<ListAbcRunsResponse> ListAbcRuns(ListAbcRunsRequest request, ServerCallContext context)
    {
        new FieldViolations().PageSize("page_size", request.PageSize, PageToken.MaxPageSize).ThrowIfAny();
        var query = db.AbcRuns.AsNoTracking();
        var (page, next) = await query.NewestFirstPageAsync(r => r.Id, request.PageToken, request.PageSize, context.CancellationToken);
        return new ListAbcRunsResponse { Runs = { page.Select(r => r.ToProto(withResults: false)) }, NextPageToken = next };
    }

    [Access(StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin)]
    public override async Task<ListPurchaseSuggestionsResponse> ListPurchaseSuggestions(ListPurchaseSuggestionsRequest request, ServerCallContext context)
    {
        var suggestions = await runner.SuggestionsAsync(null, context.CancellationToken);
        return new ListPurchaseSuggestionsResponse { Suggestions = { suggestions.Select(s => s.ToProto()) } };
    }
}
