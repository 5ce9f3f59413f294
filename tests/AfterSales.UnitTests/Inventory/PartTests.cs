using AfterSales.Inventory.Model;

namespace AfterSales.UnitTests.Inventory;

public class PartTests
{
    [Fact]
    public void A_new_part_is_unclassified_until_a_classification_run()
    {
        var part = new Part(Guid.NewGuid(), "P-1", "门机皮带", "HTD-5M", 260.00m);

        Assert.Null(part.AbcClass);
        part.Classify(AbcClass.B);
        Assert.Equal(AbcClass.B, part.AbcClass);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("12.345")]
    public void A_price_is_not_negative_and_kept_to_the_fen(string price)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Part(Guid.NewGuid(), "P-1", "门机皮带", "", decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("", "门机皮带")]
    [InlineData("P-1", " ")]
    public void A_part_needs_a_number_and_a_name(string partNumber, string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Part(Guid.NewGuid(), partNumber, name, "", 1m));
    }
}
