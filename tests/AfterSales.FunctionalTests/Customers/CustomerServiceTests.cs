using System.Net;
using AfterSales.Common.V1;
using AfterSales.Customers.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AfterSales.FunctionalTests.Customers;

public class CustomerServiceTests(Suite suite) : SuiteTest(suite)
{
    private CustomerService.CustomerServiceClient Client => new(Suite.Customers.Channel);

    [Theory]
    [InlineData(DemoIds.SerialInWarranty, ServiceCategory.Free)]
    [InlineData(DemoIds.SerialUnderContract, ServiceCategory.Contract)]
    [InlineData(DemoIds.SerialOutOfWarranty, ServiceCategory.Paid)]
    public async Task CheckEntitlement_answers_the_category_of_each_seeded_asset(string serial, ServiceCategory expected)
    {
        var entitlement = await Client.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = serial });

        Assert.Equal(expected, entitlement.Category);
        Assert.Equal(DemoIds.StationHangzhou.ToString(), entitlement.ServingStationId);
        Assert.False(string.IsNullOrWhiteSpace(entitlement.Reason));
        Assert.Equal(expected == ServiceCategory.Contract, entitlement.ContractId.Length > 0);
    }

    [Fact]
    public async Task CheckEntitlement_caches_the_asset_coverage_in_redis()
    {
        await Client.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = DemoIds.SerialInWarranty });

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Suite.Servers.Redis);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"customers:coverage:{DemoIds.SerialInWarranty}");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task CheckEntitlement_of_an_unknown_serial_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.CheckEntitlementAsync(new CheckEntitlementRequest { SerialNumber = "NO-SUCH-SERIAL" }).ResponseAsync);

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
        var first = await Client.ListCustomersAsync(new ListCustomersRequest { PageSize = 3 });
        var second = await Client.ListCustomersAsync(new ListCustomersRequest { PageSize = 3, PageToken = first.NextPageToken });

        Assert.Equal(3, first.Customers.Count);
        Assert.NotEmpty(first.NextPageToken);
        Assert.Single(second.Customers);
        Assert.Empty(second.NextPageToken);
        var codes = first.Customers.Concat(second.Customers).Select(c => c.Code).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(4, codes.Distinct().Count());
    }

    [Fact]
    public async Task GetCustomer_returns_sites_and_contacts()
    {
        var page = await Client.ListCustomersAsync(new ListCustomersRequest { PageSize = 1 });

        var customer = await Client.GetCustomerAsync(new GetCustomerRequest { CustomerId = page.Customers[0].CustomerId });

        Assert.Equal("C-0001", customer.Code);
        Assert.NotEmpty(customer.Sites);
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

    [Fact]
    public async Task The_checked_in_migrations_match_the_model()
    {
        var pending = await Suite.Customers.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, "The model has changes no migration captures: add a migration.");
    }
}
