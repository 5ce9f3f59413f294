using AfterSales.Customers.Infrastructure;
using AfterSales.Customers.Model;
using AfterSales.Customers.Services;
using AfterSales.Customers.V1;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Peers;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Asset = AfterSales.Customers.V1.Asset;
using Contract = AfterSales.Customers.V1.Contract;
using Customer = AfterSales.Customers.V1.Customer;

namespace AfterSales.Customers.Grpc;

public sealed partial class CustomerGrpcService(
    CustomersDbContext db,
    AssetCoverageStore coverage,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<CustomersDbContext> requests,
    IEventOutbox outbox,
    StationDirectory stations,
    ReminderScheduler reminders)
    : CustomerService.CustomerServiceBase
{
    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<Customer> GetCustomer(GetCustomerRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("customer_id", request.CustomerId, out var id).ThrowIfAny();
        var customer = await db.Customers.AsNoTracking().Include(c => c.Sites)
            .SingleOrDefaultAsync(c => c.Id == id, context.CancellationToken);
        return caller.Visible(customer, c => c.ServingStationId, "Customer", request.CustomerId).ToProto();
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListCustomersResponse> ListCustomers(ListCustomersRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize)
            .OptionalText("query", request.Query, MaxQueryLength)
            .ThrowIfAny();
        var size = PageToken.SizeOrDefault(request.PageSize);
        var after = PageToken.Decode(request.PageToken);

        var query = db.Customers.AsNoTracking().VisibleTo(caller, c => c.ServingStationId).Include(c => c.Sites).OrderBy(c => c.Code).AsQueryable();
        if (RequestText.NullIfBlank(request.Query) is { } text)
        {
            var term = text.Trim();
            var (contains, exactly) = ($"%{EscapeLike(term)}%", EscapeLike(term));
            // A phone number as dialled: digits with the usual separators, enough of them to mean something.
            var digits = Model.Customer.DigitsOf(term);
            var byPhone = digits.Length >= 4 && term.All(c => char.IsAsciiDigit(c) || "+-() ".Contains(c, StringComparison.Ordinal));
            query = query.Where(c => EF.Functions.ILike(c.Name, contains, LikeEscape)
                || (byPhone && c.PhoneDigits.Contains(digits))
                || db.Assets.Any(a => a.CustomerId == c.Id && EF.Functions.ILike(a.SerialNumber, exactly, LikeEscape))
                || db.Contracts.Any(k => k.CustomerId == c.Id && EF.Functions.ILike(k.Number, exactly, LikeEscape)));
        }
        if (after is not null)
        {
            query = query.Where(c => string.Compare(c.Code, after) > 0);
        }
        var page = await query.Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListCustomersResponse { Customers = { page.Take(size).Select(c => c.ToProto()) } };
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(page[size - 1].Code);
        }
        return response;
    }

    private const int MaxQueryLength = 64;
    private const string LikeEscape = "\\";

    /// <summary>Text matched literally by ILIKE: its wildcards and the escape character escaped.</summary>
    private static string EscapeLike(string text) =>
        text.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<Asset> GetAsset(GetAssetRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("asset_id", request.AssetId, out var id).ThrowIfAny();
        return (await FindAssetAsync(request.AssetId, id, context.CancellationToken, tracked: false)).Asset.ToProto();
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<Entitlement> CheckEntitlement(CheckEntitlementRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireText("serial_number", request.SerialNumber, 64)
            .OptionalText("component_code", request.ComponentCode, 32)
            .ThrowIfAny();

        // Over JSON the serial number is a path segment: the router decodes every escape in it but a slash's
        // (%2F), which is decoded here. Serial numbers never contain '%' (RegisterAsset refuses it).
        var serialNumber = request.SerialNumber.Trim().Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var assetCoverage = caller.Visible(await coverage.GetBySerialNumberAsync(serialNumber, context.CancellationToken),
            c => c.ServingStationId, "Asset with serial number", serialNumber);
        var at = request.At?.ToDateTimeOffset() ?? calendar.Now;
        var decision = EntitlementPolicy.Decide(assetCoverage, request.ComponentCode, calendar.DateOf(at));
        return decision.ToProto(assetCoverage);
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<Contract> GetContract(GetContractRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("contract_id", request.ContractId, out var id).ThrowIfAny();
        var found = await db.Contracts.AsNoTracking()
            .Where(k => k.Id == id)
            .Join(db.Customers, k => k.CustomerId, c => c.Id, (k, c) => new { Contract = k, c.ServingStationId })
            .SingleOrDefaultAsync(context.CancellationToken);
        var visible = caller.Visible(found, f => f.ServingStationId, "Contract", request.ContractId);
        return visible.Contract.ToProto(visible.ServingStationId);
    }
}
