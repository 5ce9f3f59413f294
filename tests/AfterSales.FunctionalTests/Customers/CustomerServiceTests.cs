using System.Net;
using AfterSales.Common.V1;
using AfterSales.Customers.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using Grpc.Core;
using StackExchange.Redis;

namespace AfterSales.FunctionalTests.Customers;

public class CustomerServiceTests(Suite suite) : SuiteTest(suite)
{
    private CustomerService.CustomerServiceClient Client => new(Suite.Customers.Channel);

    [Theory]
    [InlineData(Coverage.InWarranty, ServiceCategory.Free)]
    [InlineData(Coverage.UnderContract, ServiceCategory.Contract)]
    [InlineData(Coverage.OutOfWarranty, ServiceCategory.Paid)]
    public async Task CheckEntitlement_answers_the_category_of_the_asset_s_coverage(Coverage coverage, ServiceCategory expected)
    {
        var asset = await Data.NewAssetAsync(DemoIds.StationHangzhou, coverage);

        var entitlement = await Client.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = asset.SerialNumber });

        Assert.Equal(expected, entitlement.Category);
        Assert.Equal((asset.Id.ToString(), asset.CustomerId.ToString()), (entitlement.AssetId, entitlement.CustomerId));
        Assert.Equal(DemoIds.StationHangzhou.ToString(), entitlement.ServingStationId);
        Assert.False(string.IsNullOrWhiteSpace(entitlement.Reason));
        Assert.Equal(expected == ServiceCategory.Contract, entitlement.ContractId.Length > 0);
    }

    [Theory]
    [InlineData(DemoIds.SerialInWarranty, ServiceCategory.Free)]
    [InlineData(DemoIds.SerialUnderContract, ServiceCategory.Contract)]
    [InlineData(DemoIds.SerialOutOfWarranty, ServiceCategory.Paid)]
    public async Task The_demo_assets_have_one_category_of_each_kind(string serial, ServiceCategory expected)
    {
        var entitlement = await Client.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = serial });

        Assert.Equal(expected, entitlement.Category);
    }

    [Fact]
    public async Task CheckEntitlement_caches_the_asset_coverage_in_redis()
    {
        var asset = await Data.NewAssetAsync(DemoIds.StationHangzhou);

        await Client.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = asset.SerialNumber });

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Suite.Servers.Redis);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"customers:coverage:v3:{asset.SerialNumber}");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task CheckEntitlement_of_an_unknown_serial_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = Unique.Name("NO-SUCH-SERIAL") }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task CheckEntitlement_names_every_bad_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = "", ComponentCode = new string('x', 33) }).ResponseAsync);

        Problems.AssertFieldViolations(error, "serial_number", "component_code");
    }

    [Fact]
    public async Task ListCustomers_pages_through_every_customer_once()
    {
        var station = await Data.NewStationAsync();
        var own = new List<TestCustomer>();
        for (var i = 0; i < 4; i++)
        {
            own.Add(await Data.NewCustomerAsync(station));
        }
        var client = new CustomerService.CustomerServiceClient(Suite.Customers.ChannelAs(station.Caller));

        var first = await client.ListCustomersAsync(new ListCustomersRequest { PageSize = 3 });
        var second = await client.ListCustomersAsync(new ListCustomersRequest { PageSize = 3, PageToken = first.NextPageToken });

        Assert.Equal(3, first.Customers.Count);
        Assert.NotEmpty(first.NextPageToken);
        Assert.Single(second.Customers);
        Assert.Empty(second.NextPageToken);
        var codes = first.Customers.Concat(second.Customers).Select(c => c.Code).ToList();
        Assert.Equal(own.Select(c => c.Code).Order(StringComparer.Ordinal), codes);
    }

    [Fact]
    public async Task GetCustomer_returns_sites_and_contacts()
    {
        var own = await Data.NewCustomerAsync(DemoIds.StationHangzhou);

        var customer = await Client.GetCustomerAsync(new GetCustomerRequest { CustomerId = own.Id.ToString() });

        Assert.Equal(own.Code, customer.Code);
        Assert.Equal(own.SiteId.ToString(), Assert.Single(customer.Sites).SiteId);
        Assert.NotEmpty(customer.Contacts);
    }

    [Fact]
    public async Task Json_callers_get_a_problem_with_the_field_that_is_wrong()
    {
        var response = await Suite.Customers.Http.GetAsync("/api/customers/v1/customers/not-an-id");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        Assert.True(problem.GetProperty("errors").TryGetProperty("customer_id", out _));
    }

    [Fact]
    public async Task Json_callers_get_404_for_an_unknown_customer()
    {
        var response = await Suite.Customers.Http.GetAsync($"/api/customers/v1/customers/{Guid.NewGuid()}");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
