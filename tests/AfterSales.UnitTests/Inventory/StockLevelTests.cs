using AfterSales.Inventory.Model;
using AfterSales.Platform.Errors;

namespace AfterSales.UnitTests.Inventory;

public class StockLevelTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static StockLevel Holding(int onHand)
    {
        var level = new StockLevel(Guid.NewGuid(), Guid.NewGuid());
        Receive(level, onHand);
        return level;
    }

    private static Movement Receive(StockLevel level, int quantity) => level.Receive(quantity, MovementKind.Receipt, "SLIP-1", "alice", At);

    private static Movement Reserve(StockLevel level, int quantity) => level.Reserve(quantity, "P-1", "RQ-1", "alice", At);

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

        Receive(level, 3);

        Assert.Equal((8, 0, 8), (level.OnHand, level.Reserved, level.Available));
    }

    [Fact]
    public void Reserved_units_stay_on_hand_but_are_no_longer_available()
    {
        var level = Holding(5);

        Reserve(level, 2);
        Reserve(level, 3);

        Assert.Equal((5, 5, 0), (level.OnHand, level.Reserved, level.Available));
    }

    [Fact]
    public void More_than_is_available_cannot_be_reserved_and_nothing_changes()
    {
        var level = Holding(5);
        Reserve(level, 4);

        var error = Assert.Throws<PreconditionFailedException>(() => Reserve(level, 2));

        Assert.Contains("Only 1", error.Message);
        Assert.Equal((5, 4, 1), (level.OnHand, level.Reserved, level.Available));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Quantities_must_be_positive(int quantity)
    {
        var level = Holding(5);

        Assert.Throws<ArgumentOutOfRangeException>(() => Receive(level, quantity));
        Assert.Throws<ArgumentOutOfRangeException>(() => Reserve(level, quantity));
        Assert.Throws<ArgumentOutOfRangeException>(() => level.Issue(quantity, "RQ-1", "alice", At));
        Assert.Equal((5, 0), (level.OnHand, level.Reserved));
    }

    [Fact]
    public void Every_change_is_a_movement_whose_figures_add_up_to_the_level()
    {
        var level = new StockLevel(Guid.NewGuid(), Guid.NewGuid());
        var movements = new List<Movement>
        {
            Receive(level, 10),
            level.TransferOut(3, "P-1", "TR-1", "alice", At),
            Reserve(level, 4),
            level.Release(1, "RQ-1", "alice", At),
            level.Issue(3, "RQ-1", "alice", At),
        };

        Assert.Equal((4, 0), (level.OnHand, level.Reserved));
        Assert.Equal((level.OnHand, level.Reserved), (movements.Sum(m => m.OnHandChange), movements.Sum(m => m.ReservedChange)));
        Assert.Equal((level.OnHand, level.Reserved), (movements[^1].OnHandAfter, movements[^1].ReservedAfter));
        Assert.Equal([MovementKind.Receipt, MovementKind.TransferOut, MovementKind.Reservation, MovementKind.Release, MovementKind.Issue],
            movements.Select(m => m.Kind));
    }

    [Fact]
    public void Promised_units_cannot_be_sent_away_nor_more_issued_than_promised()
    {
        var level = Holding(5);
        Reserve(level, 4);

        Assert.Throws<PreconditionFailedException>(() => level.TransferOut(2, "P-1", "TR-1", "alice", At));
        Assert.Throws<ConcurrencyConflictException>(() => level.Issue(5, "RQ-1", "alice", At));
        Assert.Equal((5, 4), (level.OnHand, level.Reserved));
    }
}
