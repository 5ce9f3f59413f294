using AfterSales.Billing.Grpc;
using AfterSales.Billing.V1;
using AfterSales.Platform.Errors;
using CommonCategory = AfterSales.Common.V1.ServiceCategory;
using Model = AfterSales.Billing.Model;

namespace AfterSales.UnitTests.Billing;

public class QuoteRequestTests
{
    private static readonly Dictionary<string, Model.FeeItem> Schedule = new()
    {
        ["LAB-STD"] = new Model.FeeItem(Guid.NewGuid(), "LAB-STD", "标准工时", Model.FeeKind.Labour, "小时", 120.00m),
        ["PRT-BELT"] = new Model.FeeItem(Guid.NewGuid(), "PRT-BELT", "门机皮带", Model.FeeKind.Part, "件", 260.00m),
    };

    private static QuoteRequest Request(CommonCategory category, params (string Code, int Quantity)[] lines) => new()
    {
        Category = category,
        Lines = { lines.Select(l => new WorkLine { FeeCode = l.Code, Quantity = l.Quantity }) },
    };

    [Fact]
    public void A_valid_request_becomes_the_work_it_names_in_order()
    {
        var (category, work) = Request(CommonCategory.Contract, ("PRT-BELT", 1), ("LAB-STD", 3)).ToWork(Schedule);

        Assert.Equal(Model.ServiceCategory.Contract, category);
        Assert.Equal([("PRT-BELT", 1), ("LAB-STD", 3)], work.Select(w => (w.Item.Code, w.Quantity)));
    }

    [Fact]
    public void Every_bad_line_is_reported_by_its_index()
    {
        var request = Request(CommonCategory.Paid, ("LAB-STD", 0), ("NO-SUCH-FEE", 1), ("", 2), ("PRT-BELT", -3));

        var error = Assert.Throws<ValidationException>(() => request.ToWork(Schedule));

        Assert.Equal(["lines[0].quantity", "lines[1].fee_code", "lines[2].fee_code", "lines[3].quantity"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Fee_codes_match_exactly()
    {
        var error = Assert.Throws<ValidationException>(() => Request(CommonCategory.Paid, ("lab-std", 1)).ToWork(Schedule));

        Assert.Equal("lines[0].fee_code", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData(CommonCategory.Unspecified)]
    [InlineData((CommonCategory)42)]
    public void The_category_must_be_one_that_decides_who_pays(CommonCategory category)
    {
        var error = Assert.Throws<ValidationException>(() => Request(category, ("LAB-STD", 1)).ToWork(Schedule));

        Assert.Equal("category", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void A_quote_has_one_to_a_hundred_lines(int count)
    {
        var request = Request(CommonCategory.Paid, [.. Enumerable.Repeat(("LAB-STD", 1), count)]);

        var error = Assert.Throws<ValidationException>(() => request.ToWork(Schedule));

        Assert.Equal("lines", Assert.Single(error.Violations).Field);
    }
}
