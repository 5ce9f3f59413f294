using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Billing.V1;
using AfterSales.Common.V1;
using AfterSales.FunctionalTests.Infrastructure;
using Grpc.Core;

namespace AfterSales.FunctionalTests.Billing;

public class BillingServiceTests(Suite suite) : SuiteTest(suite)
{
    private BillingService.BillingServiceClient Client => new(Suite.Billing.Channel);

    private static QuoteRequest Repair(ServiceCategory category) => new()
    {
        Category = category,
        Lines =
        {
            new WorkLine { FeeCode = "LAB-STD", Quantity = 2 },
            new WorkLine { FeeCode = "TRV-KM", Quantity = 35 },
            new WorkLine { FeeCode = "PRT-BELT", Quantity = 1 },
        },
    };

    private static (long Units, int Nanos) Amount(Money money)
    {
        Assert.Equal("CNY", money.CurrencyCode);
        return (money.Units, money.Nanos);
    }

    [Fact]
    public async Task ListFeeItems_returns_the_whole_schedule_ordered_by_code()
    {
        var schedule = await Client.ListFeeItemsAsync(new ListFeeItemsRequest());

        // The seed's items; parts other tests catalogue in inventory join them.
        Assert.Superset(
            new HashSet<string> { "ADD-CAMERA", "ADD-READER", "LAB-OFFHOURS", "LAB-STD", "MOV-UNIT", "PRT-BELT", "PRT-CAPACITOR", "PRT-READER", "TRV-CITY", "TRV-KM" },
            schedule.FeeItems.Select(f => f.Code).ToHashSet());
        Assert.Equal(schedule.FeeItems.Select(f => f.Code).Order(StringComparer.Ordinal), schedule.FeeItems.Select(f => f.Code));
        Assert.Equal(Enum.GetValues<FeeKind>().Skip(1), schedule.FeeItems.Select(f => f.Kind).Distinct().Order());
    }

    [Fact]
    public async Task GetFeeItem_returns_the_item_with_its_price_in_yuan_and_fen()
    {
        var item = await Client.GetFeeItemAsync(new GetFeeItemRequest { FeeCode = "TRV-KM" });

        Assert.Equal(("市区外路程", FeeKind.Travel, "公里"), (item.Name, item.Kind, item.Unit));
        Assert.Equal((2L, 500_000_000), Amount(item.Price));
    }

    [Theory]
    [InlineData(ServiceCategory.Paid, 587L, 500_000_000)]
    [InlineData(ServiceCategory.Contract, 260L, 0)]
    [InlineData(ServiceCategory.Free, 0L, 0)]
    [InlineData(ServiceCategory.Internal, 0L, 0)]
    public async Task Quote_prices_the_same_repair_by_who_pays(ServiceCategory category, long units, int nanos)
    {
        var quote = await Client.QuoteAsync(Repair(category));

        Assert.Equal(category, quote.Category);
        Assert.Equal((units, nanos), Amount(quote.Total));
        Assert.Equal([(240L, 0), (87L, 500_000_000), (260L, 0)], quote.Lines.Select(l => Amount(l.ListAmount)));
    }

    [Fact]
    public async Task Quote_shows_each_line_as_the_schedule_prices_it()
    {
        var quote = await Client.QuoteAsync(Repair(ServiceCategory.Contract));

        var labour = quote.Lines[0];
        Assert.Equal(("LAB-STD", "标准工时", FeeKind.Labour, "小时", 2), (labour.FeeCode, labour.Name, labour.Kind, labour.Unit, labour.Quantity));
        Assert.Equal((120L, 0), Amount(labour.UnitPrice));
        Assert.Equal((0L, 0), Amount(labour.AmountDue));
    }

    [Fact]
    public async Task Quote_names_every_bad_field_by_its_path()
    {
        var request = new QuoteRequest
        {
            Lines = { new WorkLine { FeeCode = "LAB-STD", Quantity = 0 }, new WorkLine { FeeCode = "NO-SUCH-FEE", Quantity = 1 } },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.QuoteAsync(request).ResponseAsync);

        Problems.AssertFieldViolations(error, "category", "lines[0].quantity", "lines[1].fee_code");
    }

    [Fact]
    public async Task GetFeeItem_without_a_code_is_a_field_violation()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetFeeItemAsync(new GetFeeItemRequest()).ResponseAsync);

        Problems.AssertFieldViolations(error, "fee_code");
    }

    [Fact]
    public async Task An_unknown_fee_item_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetFeeItemAsync(new GetFeeItemRequest { FeeCode = "NO-SUCH-FEE" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Json_callers_get_a_quote()
    {
        var response = await Suite.Billing.Http.PostAsJsonAsync("/api/billing/v1/quotes", new
        {
            category = "SERVICE_CATEGORY_CONTRACT",
            lines = new[] { new { feeCode = "LAB-STD", quantity = 2 }, new { feeCode = "PRT-BELT", quantity = 1 } },
        });
        response.EnsureSuccessStatusCode();

        var quote = await response.Content.ReadFromJsonAsync<JsonElement>();

        var total = quote.GetProperty("total");
        Assert.Equal(("CNY", 260L), (total.GetProperty("currencyCode").GetString(), total.GetProperty("units").GetInt64()));
        Assert.Equal("FEE_KIND_LABOUR", quote.GetProperty("lines")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Json_callers_get_a_problem_naming_the_unknown_fee_code()
    {
        var response = await Suite.Billing.Http.PostAsJsonAsync("/api/billing/v1/quotes", new
        {
            category = "SERVICE_CATEGORY_PAID",
            lines = new[] { new { feeCode = "LAB-STD", quantity = 1 }, new { feeCode = "NO-SUCH-FEE", quantity = 1 } },
        });

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        Assert.Equal(["lines[1].fee_code"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Json_callers_read_a_fee_item_by_its_code()
    {
        var item = await Suite.Billing.Http.GetFromJsonAsync<JsonElement>("/api/billing/v1/fee-items/MOV-UNIT");

        Assert.Equal("FEE_KIND_RELOCATION", item.GetProperty("kind").GetString());
    }
}
