using AfterSales.Billing.Model;

namespace AfterSales.UnitTests.Billing;

public class QuoteTests
{
    private static readonly FeeItem Labour = new(Guid.NewGuid(), "LAB-STD", "标准工时", FeeKind.Labour, "小时", 120.00m);
    private static readonly FeeItem Distance = new(Guid.NewGuid(), "TRV-KM", "市区外路程", FeeKind.Travel, "公里", 2.50m);
    private static readonly FeeItem Belt = new(Guid.NewGuid(), "PRT-BELT", "门机皮带", FeeKind.Part, "件", 260.00m);
    private static readonly FeeItem Washer = new(Guid.NewGuid(), "PRT-WASHER", "垫片", FeeKind.Part, "件", 0.10m);

    private static readonly WorkLine[] Repair = [new(Labour, 2), new(Distance, 35), new(Belt, 1)];

    [Fact]
    public void Paid_work_owes_every_line_at_schedule_prices()
    {
        var quote = Quote.Price(ServiceCategory.Paid, Repair);

        Assert.Equal([240.00m, 87.50m, 260.00m], quote.Lines.Select(l => l.AmountDue));
        Assert.Equal(587.50m, quote.Total);
    }

    [Fact]
    public void Contract_work_owes_only_the_part_but_shows_what_the_contract_covered()
    {
        var quote = Quote.Price(ServiceCategory.Contract, Repair);

        Assert.Equal([0m, 0m, 260.00m], quote.Lines.Select(l => l.AmountDue));
        Assert.Equal([240.00m, 87.50m, 260.00m], quote.Lines.Select(l => l.ListAmount));
        Assert.Equal(260.00m, quote.Total);
    }

    [Theory]
    [InlineData(ServiceCategory.Free)]
    [InlineData(ServiceCategory.Internal)]
    public void Free_and_internal_work_owe_nothing(ServiceCategory category)
    {
        var quote = Quote.Price(category, Repair);

        Assert.All(quote.Lines, l => Assert.Equal(0m, l.AmountDue));
        Assert.Equal(0m, quote.Total);
    }

    [Fact]
    public void Amounts_are_exact_to_the_fen()
    {
        // 0.1 has no exact binary fraction: a double would give 0.30000000000000004.
        var quote = Quote.Price(ServiceCategory.Paid, [new WorkLine(Washer, 3)]);

        Assert.Equal(0.30m, quote.Total);
    }

    [Fact]
    public void Lines_keep_the_order_they_were_asked_in()
    {
        var quote = Quote.Price(ServiceCategory.Paid, [new WorkLine(Belt, 1), new WorkLine(Labour, 1), new WorkLine(Belt, 2)]);

        Assert.Equal(["PRT-BELT", "LAB-STD", "PRT-BELT"], quote.Lines.Select(l => l.Item.Code));
    }

    [Fact]
    public void A_quantity_below_one_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Quote.Price(ServiceCategory.Paid, [new WorkLine(Belt, 0)]));
    }

    [Theory]
    [InlineData("12.345")]
    [InlineData("-1")]
    public void A_fee_is_not_negative_and_kept_to_the_fen(string price)
    {
        Assert.ThrowsAny<ArgumentException>(() => new FeeItem(Guid.NewGuid(), "X", "X", FeeKind.Part, "件",
            decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
