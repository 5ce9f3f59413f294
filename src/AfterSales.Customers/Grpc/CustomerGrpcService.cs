using AfterSales.Customers.Infrastructure;
using AfterSales.Customers.Model;
using AfterSales.Customers.Services;
using AfterSales.Customers.V1;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Asset = AfterSales.Customers.V1.Asset;
using Customer = AfterSales.Customers.V1.Customer;

namespace AfterSales.Customers.Grpc;

public sealed class CustomerGrpcService(CustomersDbContext db, AssetCoverageStore coverage, BusinessCalendar calendar)
    : CustomerService.CustomerServiceBase
{
    public override async Task<Customer> GetCustomer(GetCustomerRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("customer_id", request.CustomerId, out var id).ThrowIfAny();
        var customer = await db.Customers.AsNoTracking().Include(c => c.Sites)
            .SingleOrDefaultAsync(c => c.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Customer", request.CustomerId);
        return customer.ToProto();
    }

    public override async Task<ListCustomersResponse> ListCustomers(ListCustomersRequest request, ServerCallContext context)
    {
        new FieldViolations().PageSize("page_size", request.PageSize, PageToken.MaxPageSize).ThrowIfAny();
        var size = PageToken.SizeOrDefault(request.PageSize);
        var after = PageToken.Decode(request.PageToken);

        var query = db.Customers.AsNoTracking().Include(c => c.Sites).OrderBy(c => c.Code).AsQueryable();
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

    public override async Task<Asset> GetAsset(GetAssetRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("asset_id", request.AssetId, out var id).ThrowIfAny();
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, context.CancellationToken)
            ?? throw new NotFoundException("Asset", request.AssetId);
        return asset.ToProto();
    }

    public override async Task<Entitlement> CheckEntitlement(CheckEntitlementRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireText("serial_number", request.SerialNumber, 64)
            .OptionalText("component_code", request.ComponentCode, 32)
            .ThrowIfAny();

        var assetCoverage = await coverage.GetBySerialNumberAsync(request.SerialNumber.Trim(), context.CancellationToken);
        var at = request.At?.ToDateTimeOffset() ?? calendar.Now;
        var decision = EntitlementPolicy.Decide(assetCoverage, request.ComponentCode, calendar.DateOf(at));
        return decision.ToProto(assetCoverage);
    }
}
