using System.Net;
using AfterSales.Customers.V1;
using AfterSales.FunctionalTests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace AfterSales.FunctionalTests.Customers;

/// <summary>A station sees only the customers it serves; another station's are as if they did not exist.</summary>
public class CustomerIsolationTests(Suite suite) : SuiteTest(suite)
{
    private CustomerService.CustomerServiceClient As(Func<Task<string>> caller) => new(Suite.Customers.ChannelAs(caller));

    /// <summary>A unit of another station's customer, and a station that does not serve it.</summary>
    private async Task<(TestAsset Theirs, CustomerService.CustomerServiceClient Mine)> TheirAssetAsync()
    {
        var theirs = await Data.NewAssetAsync(await Data.NewStationAsync());
        return (theirs, As((await Data.NewStationAsync()).Caller));
    }

    [Fact]
    public async Task Another_station_s_customer_is_not_found_with_the_same_error_as_a_missing_one()
    {
        var (theirs, mine) = await TheirAssetAsync();
        var missingId = Guid.NewGuid().ToString();

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            mine.GetCustomerAsync(new GetCustomerRequest { CustomerId = theirs.CustomerId.ToString() }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            mine.GetCustomerAsync(new GetCustomerRequest { CustomerId = missingId }).ResponseAsync);

        Problems.AssertSameAsMissing(hidden, theirs.CustomerId.ToString(), missing, missingId);
    }

    [Fact]
    public async Task Another_station_s_asset_is_not_found_with_the_same_error_as_a_missing_one()
    {
        var (theirs, mine) = await TheirAssetAsync();
        var missingId = Guid.NewGuid().ToString();

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            mine.GetAssetAsync(new GetAssetRequest { AssetId = theirs.Id.ToString() }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            mine.GetAssetAsync(new GetAssetRequest { AssetId = missingId }).ResponseAsync);

        Problems.AssertSameAsMissing(hidden, theirs.Id.ToString(), missing, missingId);
    }

    [Fact]
    public async Task A_station_reads_its_own_contract_and_another_station_s_is_not_found_with_the_same_error_as_a_missing_one()
    {
        var mine = await Data.NewStationAsync();
        var ours = await Data.NewAssetAsync(mine, Coverage.UnderContract);
        var theirs = await Data.NewAssetAsync(await Data.NewStationAsync(), Coverage.UnderContract);
        var staff = As(Suite.Callers.Staff(Callers.DefaultStaff));
        var ourTerms = await staff.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = ours.SerialNumber });
        var theirTerms = await staff.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = theirs.SerialNumber });
        var missingId = Guid.NewGuid().ToString();
        var station = As(mine.Caller);

        var own = await station.GetContractAsync(new GetContractRequest { ContractId = ourTerms.ContractId });
        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            station.GetContractAsync(new GetContractRequest { ContractId = theirTerms.ContractId }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            station.GetContractAsync(new GetContractRequest { ContractId = missingId }).ResponseAsync);

        Assert.Equal((ourTerms.ContractId, ours.CustomerId.ToString(), mine.Id.ToString(), ours.ContractNumber),
            (own.ContractId, own.CustomerId, own.ServingStationId, own.Number));
        Assert.True(own.StartsOn.ToDateTime() <= own.EndsOn.ToDateTime());
        Assert.NotEmpty(theirTerms.ContractId);
        Problems.AssertSameAsMissing(hidden, theirTerms.ContractId, missing, missingId);
    }

    [Fact]
    public async Task Another_station_s_serial_number_has_no_entitlement_even_once_its_coverage_is_cached()
    {
        var (theirs, mine) = await TheirAssetAsync();
        // Internal staff ask first, so the asset's coverage is in the Redis cache when the station asks.
        await As(Suite.Callers.Staff("dispatcher")).CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = theirs.SerialNumber });
        var unknown = Unique.Name("NO-SUCH-SERIAL");

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            mine.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = theirs.SerialNumber }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            mine.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = unknown }).ResponseAsync);

        Problems.AssertSameAsMissing(hidden, theirs.SerialNumber, missing, unknown);
    }

    [Fact]
    public async Task A_station_reads_its_own_customers_assets_and_entitlements()
    {
        var station = await Data.NewStationAsync();
        var own = await Data.NewAssetAsync(station);
        var client = As(station.Caller);

        var entitlement = await client.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = own.SerialNumber });
        var customer = await client.GetCustomerAsync(new GetCustomerRequest { CustomerId = entitlement.CustomerId });
        var asset = await client.GetAssetAsync(new GetAssetRequest { AssetId = entitlement.AssetId });

        Assert.Equal(station.Id.ToString(), entitlement.ServingStationId);
        Assert.Equal(own.CustomerId.ToString(), customer.CustomerId);
        Assert.Equal((customer.CustomerId, own.SerialNumber), (asset.CustomerId, asset.SerialNumber));
    }

    [Fact]
    public async Task A_station_lists_only_the_customers_it_serves_in_code_order()
    {
        var station = await Data.NewStationAsync();
        var other = await Data.NewStationAsync();
        var own = new[] { await Data.NewCustomerAsync(station), await Data.NewCustomerAsync(station), await Data.NewCustomerAsync(station) };
        await Data.NewCustomerAsync(other);

        var listed = await Paging.ReadAsync(
            token => As(station.Caller).ListCustomersAsync(new ListCustomersRequest { PageSize = 2, PageToken = token }).ResponseAsync,
            page => page.Customers, page => page.NextPageToken);

        Assert.Equal(own.Select(c => c.Code).Order(StringComparer.Ordinal), listed.Select(c => c.Code));
    }

    [Fact]
    public async Task Staff_of_a_station_see_that_station_s_customers_only()
    {
        var station = await Data.NewStationAsync();
        var technician = As((await Data.NewStaffAsync("technician", station.Id)).Caller);
        var own = await Data.NewAssetAsync(station);
        var (theirs, _) = await TheirAssetAsync();

        var listed = await technician.ListCustomersAsync(new ListCustomersRequest { PageSize = 100 });
        var entitlement = await technician.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = own.SerialNumber });
        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            technician.GetCustomerAsync(new GetCustomerRequest { CustomerId = theirs.CustomerId.ToString() }).ResponseAsync);

        Assert.Equal([own.CustomerId.ToString()], listed.Customers.Select(c => c.CustomerId));
        Assert.Equal(station.Id.ToString(), entitlement.ServingStationId);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }

    [Theory]
    [InlineData("reception")]
    [InlineData("dispatcher")]
    [InlineData("finance")]
    [InlineData("qa")]
    public async Task Internal_staff_without_a_station_see_every_station_s_customers(string userName)
    {
        var one = await Data.NewAssetAsync(await Data.NewStationAsync());
        var another = await Data.NewAssetAsync(await Data.NewStationAsync());
        var staff = As(Suite.Callers.Staff(userName));

        var listed = await Paging.ReadAsync(
            token => staff.ListCustomersAsync(new ListCustomersRequest { PageSize = 100, PageToken = token }).ResponseAsync,
            page => page.Customers, page => page.NextPageToken);
        var customer = await staff.GetCustomerAsync(new GetCustomerRequest { CustomerId = another.CustomerId.ToString() });
        var asset = await staff.GetAssetAsync(new GetAssetRequest { AssetId = another.Id.ToString() });

        Assert.Subset(listed.Select(c => c.CustomerId).ToHashSet(), new[] { one.CustomerId.ToString(), another.CustomerId.ToString() }.ToHashSet());
        Assert.Equal(another.StationId.ToString(), customer.ServingStationId);
        Assert.Equal(another.SerialNumber, asset.SerialNumber);
    }

    [Fact]
    public async Task Json_callers_of_another_station_get_the_404_of_a_missing_customer()
    {
        var (theirs, _) = await TheirAssetAsync();
        using var mine = Suite.Customers.HttpAs((await Data.NewStationAsync()).Caller);
        var missingId = Guid.NewGuid().ToString();

        var hidden = await mine.GetAsync($"/api/customers/v1/customers/{theirs.CustomerId}");
        var missing = await mine.GetAsync($"/api/customers/v1/customers/{missingId}");

        await Problems.AssertSameAsMissingAsync(hidden, theirs.CustomerId.ToString(), missing, missingId);
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        using var channel = GrpcChannel.ForAddress(Suite.Customers.GrpcAddress);
        var anonymous = new CustomerService.CustomerServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            anonymous.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = Unique.Name("SN") }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Json_callers_without_a_token_get_a_401_problem()
    {
        using var anonymous = new HttpClient { BaseAddress = Suite.Customers.HttpAddress };

        var response = await anonymous.GetAsync("/api/customers/v1/customers");

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
