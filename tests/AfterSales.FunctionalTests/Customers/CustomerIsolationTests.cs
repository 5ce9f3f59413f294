using System.Net;
using AfterSales.Customers.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using Grpc.Core;
using Grpc.Net.Client;

namespace AfterSales.FunctionalTests.Customers;

/// <summary>A station sees only the customers it serves; another station's are as if they did not exist.</summary>
public class CustomerIsolationTests(Suite suite) : SuiteTest(suite)
{
    private const string Hangzhou = "station-hangzhou";
    private const string Ningbo = "station-ningbo";

    private CustomerService.CustomerServiceClient Admin => new(Suite.Customers.Channel);

    private CustomerService.CustomerServiceClient Station(string clientId) =>
        new(Suite.Customers.ChannelAs(() => Suite.Callers.StationAsync(clientId)));

    private CustomerService.CustomerServiceClient Staff(string userName) =>
        new(Suite.Customers.ChannelAs(() => Suite.Callers.StaffAsync(userName)));

    /// <summary>The Ningbo customer's lift, as internal staff see it.</summary>
    private Task<Entitlement> NingboLiftAsync() =>
        Admin.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = DemoIds.SerialNingbo }).ResponseAsync;

    [Fact]
    public async Task Another_station_s_customer_is_not_found_with_the_same_error_as_a_missing_one()
    {
        var ningbo = await NingboLiftAsync();
        var missingId = Guid.NewGuid().ToString();
        var hangzhou = Station(Hangzhou);

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.GetCustomerAsync(new GetCustomerRequest { CustomerId = ningbo.CustomerId }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.GetCustomerAsync(new GetCustomerRequest { CustomerId = missingId }).ResponseAsync);

        Problems.AssertSameAsMissing(hidden, ningbo.CustomerId, missing, missingId);
    }

    [Fact]
    public async Task Another_station_s_asset_is_not_found_with_the_same_error_as_a_missing_one()
    {
        var ningbo = await NingboLiftAsync();
        var missingId = Guid.NewGuid().ToString();
        var hangzhou = Station(Hangzhou);

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.GetAssetAsync(new GetAssetRequest { AssetId = ningbo.AssetId }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.GetAssetAsync(new GetAssetRequest { AssetId = missingId }).ResponseAsync);

        Problems.AssertSameAsMissing(hidden, ningbo.AssetId, missing, missingId);
    }

    [Fact]
    public async Task A_station_reads_its_own_contract_and_another_station_s_is_not_found_with_the_same_error_as_a_missing_one()
    {
        var ningbo = await NingboLiftAsync();
        var hangzhou = await Admin.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = DemoIds.SerialUnderContract });
        var missingId = Guid.NewGuid().ToString();
        var station = Station(Hangzhou);

        var own = await station.GetContractAsync(new GetContractRequest { ContractId = hangzhou.ContractId });
        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            station.GetContractAsync(new GetContractRequest { ContractId = ningbo.ContractId }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            station.GetContractAsync(new GetContractRequest { ContractId = missingId }).ResponseAsync);

        Assert.Equal((hangzhou.ContractId, hangzhou.CustomerId, DemoIds.StationHangzhou.ToString(), "HT-2026-001"),
            (own.ContractId, own.CustomerId, own.ServingStationId, own.Number));
        Assert.True(own.StartsOn.ToDateTime() <= own.EndsOn.ToDateTime());
        Assert.NotEmpty(ningbo.ContractId);
        Problems.AssertSameAsMissing(hidden, ningbo.ContractId, missing, missingId);
    }

    [Fact]
    public async Task Another_station_s_serial_number_has_no_entitlement_even_once_its_coverage_is_cached()
    {
        // Internal staff ask first, so the asset's coverage is in the Redis cache when the station asks.
        await NingboLiftAsync();
        var hangzhou = Station(Hangzhou);

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = DemoIds.SerialNingbo }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            hangzhou.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = "NO-SUCH-SERIAL" }).ResponseAsync);

        Problems.AssertSameAsMissing(hidden, DemoIds.SerialNingbo, missing, "NO-SUCH-SERIAL");
    }

    [Fact]
    public async Task A_station_reads_its_own_customers_assets_and_entitlements()
    {
        var ningbo = Station(Ningbo);

        var entitlement = await ningbo.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = DemoIds.SerialNingbo });
        var customer = await ningbo.GetCustomerAsync(new GetCustomerRequest { CustomerId = entitlement.CustomerId });
        var asset = await ningbo.GetAssetAsync(new GetAssetRequest { AssetId = entitlement.AssetId });

        Assert.Equal(DemoIds.StationNingbo.ToString(), entitlement.ServingStationId);
        Assert.Equal("C-0004", customer.Code);
        Assert.Equal((customer.CustomerId, DemoIds.SerialNingbo), (asset.CustomerId, asset.SerialNumber));
    }

    [Theory]
    [InlineData(Hangzhou, new[] { "C-0001", "C-0002", "C-0003" })]
    [InlineData(Ningbo, new[] { "C-0004" })]
    public async Task A_station_lists_only_the_customers_it_serves(string station, string[] expected)
    {
        var page = await Station(station).ListCustomersAsync(new ListCustomersRequest { PageSize = 100 });

        Assert.Equal(expected, page.Customers.Select(c => c.Code));
        Assert.Empty(page.NextPageToken);
    }

    [Fact]
    public async Task Staff_of_a_station_see_that_station_s_customers_only()
    {
        var ningbo = await NingboLiftAsync();
        var technician = Staff("technician");

        var listed = await technician.ListCustomersAsync(new ListCustomersRequest { PageSize = 100 });
        var own = await technician.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = DemoIds.SerialInWarranty });
        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            technician.GetCustomerAsync(new GetCustomerRequest { CustomerId = ningbo.CustomerId }).ResponseAsync);

        Assert.Equal(["C-0001", "C-0002", "C-0003"], listed.Customers.Select(c => c.Code));
        Assert.Equal(DemoIds.StationHangzhou.ToString(), own.ServingStationId);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }

    [Theory]
    [InlineData("reception")]
    [InlineData("dispatcher")]
    [InlineData("finance")]
    [InlineData("qa")]
    public async Task Internal_staff_without_a_station_see_every_station_s_customers(string userName)
    {
        var ningbo = await NingboLiftAsync();
        var staff = Staff(userName);

        var listed = await staff.ListCustomersAsync(new ListCustomersRequest { PageSize = 100 });
        var customer = await staff.GetCustomerAsync(new GetCustomerRequest { CustomerId = ningbo.CustomerId });
        var asset = await staff.GetAssetAsync(new GetAssetRequest { AssetId = ningbo.AssetId });

        Assert.Equal(["C-0001", "C-0002", "C-0003", "C-0004"], listed.Customers.Select(c => c.Code));
        Assert.Equal("C-0004", customer.Code);
        Assert.Equal(DemoIds.SerialNingbo, asset.SerialNumber);
    }

    [Fact]
    public async Task Json_callers_of_another_station_get_the_404_of_a_missing_customer()
    {
        var ningbo = await NingboLiftAsync();
        using var hangzhou = Suite.Customers.HttpAs(() => Suite.Callers.StationAsync(Hangzhou));

        var hidden = await hangzhou.GetAsync($"/api/customers/v1/customers/{ningbo.CustomerId}");
        var missingId = Guid.NewGuid().ToString();
        var missing = await hangzhou.GetAsync($"/api/customers/v1/customers/{missingId}");

        var hiddenProblem = await Problems.AssertProblemAsync(hidden, HttpStatusCode.NotFound, "NOT_FOUND");
        var missingProblem = await Problems.AssertProblemAsync(missing, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(missingProblem.GetProperty("detail").GetString()!.Replace(missingId, "{id}", StringComparison.Ordinal),
            hiddenProblem.GetProperty("detail").GetString()!.Replace(ningbo.CustomerId, "{id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        using var channel = GrpcChannel.ForAddress(Suite.Customers.GrpcAddress);
        var anonymous = new CustomerService.CustomerServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            anonymous.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = DemoIds.SerialInWarranty }).ResponseAsync);

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
