using AfterSales.Inventory.Model;
using AfterSales.Platform.Errors;

namespace AfterSales.UnitTests.Inventory;

public class StockLevelTests
{
    private static StockLevel Holding(int onHand)
    {
        var level = new StockLevel(Guid.NewGuid(), Guid.NewGuid());
        level.Receive(onHand);
        return level;
    }

    [Fact]
    public void A_new_ledger_line_holds_nothing()
    {
        var level = new StockLevel(Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal((0, 0, 0), (level.OnHand, level.Reserved, level.Available));
    }

    [Fact]
    public void Received_units_are_on_hand_and_available()
    {
        var level = Holding(5);

        level.Receive(3);

        Assert.Equal((8, 0, 8), (level.OnHand, level.Reserved, level.Available));
    }

    [Fact]
    public void Reserved_units_stay_on_hand_but_are_no_longer_available()
    {
        var level = Holding(5);

        level.Reserve(2);
        level.Reserve(3);

        Assert.Equal((5, 5, 0), (level.OnHand, level.Reserved, level.Available));
    }

    [Fact]
    public void More_than_is_available_cannot_be_reserved_and_nothing_changes()
    {
        var level = Holding(5);
        level.Reserve(4);

        var error = Assert.Throws<PreconditionFailedException>(() => level.Reserve(2));

        Assert.Contains("Only 1", error.Message);
        Assert.Equal((5, 4, 1), (level.OnHand, level.Reserved, level.Available));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Quantities_must_be_positive(int quantity)
    {
        var level = Holding(5);

        Assert.Throws<ArgumentOutOfRangeException>(() => level.Receive(quantity));
        Assert.Throws<ArgumentOutOfRangeException>(() => level.Reserve(quantity));
        Assert.Equal((5, 0), (level.OnHand, level.Reserved));
    }
}
