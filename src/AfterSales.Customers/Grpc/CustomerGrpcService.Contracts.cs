using AfterSales.Customers.V1;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Contract = AfterSales.Customers.V1.Contract;
using Model = AfterSales.Customers.Model;

namespace AfterSales.Customers.Grpc;

/// <summary>
/// Service contracts: signed and terminated here, published as <c>ContractChanged</c>; the entitlement of
/// every asset a contract covers follows at once (its cached terms are dropped, and dropped again from the event).
/// </summary>
public sealed partial class CustomerGrpcService
{
    /// <summary>The most a contract's price may be, in yuan.</summary>
    private const decimal MaxContractPrice = 100_000_000m;

    [Access(StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin, Stations = true)]
    public override async Task<Contract> CreateContract(CreateContractRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("customer_id", request.CustomerId, out var customerId)
            .RequireText("number", request.Number, Model.Contract.MaxNumberLength)
            .RequireAmount("price", request.Price, MaxContractPrice, out var price)
            .OptionalId("renews_contract_id", request.RenewsContractId, out var renews);
        violations.RequireChoice("kind", request.Kind, "kind must be MAINTENANCE or PER_VISIT.");
        violations.OptionalChoice("billing_basis", request.BillingBasis, "billing_basis must be PER_YEAR or PER_VISIT, or unspecified for the kind's usual one.");
        var (startsOn, endsOn) = (request.StartsOn?.ToDateOnly(), request.EndsOn?.ToDateOnly());
        if (startsOn is null)
        {
            violations.Add("starts_on", "starts_on is required, a whole date.");
        }
        if (endsOn is null)
        {
            violations.Add("ends_on", "ends_on is required, a whole date.");
        }
        else if (endsOn < startsOn)
        {
            violations.Add("ends_on", "A contract cannot end before it starts.");
        }
        if (request.Services is { PreventiveVisitsPerYear: < 0 or > Model.ContractServices.MaxPreventiveVisitsPerYear })
        {
            violations.Add("services.preventive_visits_per_year", $"preventive_visits_per_year must be 0 to {Model.ContractServices.MaxPreventiveVisitsPerYear}.");
        }
        var covered = new List<Guid>();
        if (request.CoveredAssetIds.Count > Model.Contract.MaxCoveredAssets)
        {
            violations.Add("covered_asset_ids", $"A contract names at most {Model.Contract.MaxCoveredAssets} assets; none covers them all.");
        }
        else
        {
            for (var i = 0; i < request.CoveredAssetIds.Count; i++)
            {
                violations.RequireId($"covered_asset_ids[{i}]", request.CoveredAssetIds[i], out var asset);
                covered.Add(asset);
            }
        }
        violations.ThrowIfAny();

        List<string>? covering = null;
        var signed = await requests.SaveOnceAsync(request, context, async () =>
        {
            var customer = caller.Visible(await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, context.CancellationToken),
                c => c.ServingStationId, "Customer", request.CustomerId);
            var assets = await db.Assets.AsNoTracking().Where(a => a.CustomerId == customer.Id)
                .Select(a => new { a.Id, a.SerialNumber }).ToListAsync(context.CancellationToken);
            var unknown = covered.Select((id, i) => (id, i)).Where(a => assets.All(known => known.Id != a.id)).ToList();
            if (unknown.Count > 0)
            {
                var notTheCustomers = new FieldViolations();
                unknown.ForEach(a => notTheCustomers.Add($"covered_asset_ids[{a.i}]", "names no asset of the customer."));
                notTheCustomers.ThrowIfAny();
            }
            var number = request.Number.Trim();
            if (await db.Contracts.AnyAsync(c => c.Number == number, context.CancellationToken))
            {
                throw new AlreadyExistsException($"A contract numbered {number} exists already.");
            }
            var kind = (Model.ContractKind)request.Kind;
            if (renews is { } renewed
                && !await db.Contracts.AnyAsync(c => c.Id == renewed && c.CustomerId == customer.Id && c.Kind == kind && c.EndsOn < startsOn, context.CancellationToken))
            {
                throw ValidationException.ForField("renews_contract_id", "renews_contract_id names no contract of the customer, of this kind, that ends before this one starts.");
            }
            var contract = new Model.Contract(Guid.CreateVersion7(), customer.Id, number, kind, startsOn!.Value, endsOn!.Value, price, covered.Distinct(),
                request.Services is { } services ? new Model.ContractServices(services.Labour, services.Parts, services.Travel, services.PreventiveVisitsPerYear) : null,
                request.BillingBasis == BillingBasis.Unspecified ? null : (Model.BillingBasis)request.BillingBasis,
                renews);
            // One term per asset and kind at a time, or intake could not say which contract applies.
            var sameKind = await db.Contracts.AsNoTracking().Where(c => c.CustomerId == customer.Id && c.Kind == kind).ToListAsync(context.CancellationToken);
            if (sameKind.FirstOrDefault(contract.Overlaps) is { } overlapping)
            {
                throw ValidationException.ForField("starts_on",
                    $"Contract {overlapping.Number} of the same kind covers one of these assets from {overlapping.StartsOn:yyyy-MM-dd} to {overlapping.EndsOn:yyyy-MM-dd}.");
            }
            db.Contracts.Add(contract);
            customer.CountContractSigned();
            if (renews is { } renewedId)
            {
                // The renewal is what the expiry reminder's follow-up was for.
                var open = await db.Reminders.Where(r => r.Kind == Model.ReminderKind.ContractExpiry && r.SubjectId == renewedId && r.HandledAt == null)
                    .ToListAsync(context.CancellationToken);
                open.ForEach(r => r.Handle($"Renewed by contract {number}.", caller.Subject, calendar.Now));
            }
            covering = [.. assets.Where(a => contract.Covers(a.Id)).Select(a => a.SerialNumber)];
            outbox.Enqueue(contract.ToChangedEvent(customer.ServingStationId, covering));
            return contract.ToProto(customer.ServingStationId);
        });
        await DropCachedTermsAsync(covering, context.CancellationToken);
        // One ending within the notice period is reminded of now rather than at the next round.
        reminders.Wake();
        return signed;
    }

    [Access(StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Admin, Stations = true)]
    public override async Task<Contract> TerminateContract(TerminateContractRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("contract_id", request.ContractId, out var contractId)
            .RequireText("reason", request.Reason, Model.WarrantyChange.MaxReasonLength);
        var lastDay = request.LastDay?.ToDateOnly();
        if (lastDay is null)
        {
            violations.Add("last_day", "last_day is required, a whole date.");
        }
        violations.ThrowIfAny();
        List<string>? covering = null;
        var terminated = await requests.SaveOnceAsync(request, context, async () =>
        {
            var found = await db.Contracts
                .Where(k => k.Id == contractId)
                .Join(db.Customers, k => k.CustomerId, c => c.Id, (k, c) => new { Contract = k, c.ServingStationId })
                .SingleOrDefaultAsync(context.CancellationToken);
            var visible = caller.Visible(found, f => f.ServingStationId, "Contract", request.ContractId);
            var contract = visible.Contract;
            contract.Terminate(lastDay!.Value, request.Reason.Trim());
            var assets = await db.Assets.AsNoTracking().Where(a => a.CustomerId == contract.CustomerId).Select(a => new { a.Id, a.SerialNumber })
                .ToListAsync(context.CancellationToken);
            covering = [.. assets.Where(a => contract.Covers(a.Id)).Select(a => a.SerialNumber)];
            outbox.Enqueue(contract.ToChangedEvent(visible.ServingStationId, covering));
            return contract.ToProto(visible.ServingStationId);
        });
        await DropCachedTermsAsync(covering, context.CancellationToken);
        return terminated;
    }

    /// <summary>
    /// Saved: the next entitlement check of each covered asset reads the new terms (the change's event makes
    /// sure of it). Null for a replayed request, whose change dropped them when it was made.
    /// </summary>
    private Task DropCachedTermsAsync(List<string>? serialNumbers, CancellationToken cancellationToken) =>
        serialNumbers is null ? Task.CompletedTask : coverage.InvalidateAsync(serialNumbers, cancellationToken);
}
