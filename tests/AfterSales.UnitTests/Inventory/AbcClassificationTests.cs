using AfterSales.Inventory.Model;

namespace AfterSales.UnitTests.Inventory;

public class AbcClassificationTests
{
    private static readonly Guid[] Parts = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid())];

    private static IReadOnlyDictionary<Guid, AbcClass> Classify(params decimal[] annualValues) =>
        AbcClassification.Classify([.. annualValues.Select((value, i) => new PartConsumption(Parts[i], value))], AbcThresholds.Default);

    private static AbcClass[] ClassesInInputOrder(IReadOnlyDictionary<Guid, AbcClass> classes, int count) =>
        [.. Parts.Take(count).Select(p => classes[p])];

    [Fact]
    public void A_holds_the_parts_that_make_up_the_top_80_percent_B_the_next_15_and_C_the_rest()
    {
        var classes = Classify(500m, 300m, 100m, 60m, 40m);

        Assert.Equal([AbcClass.A, AbcClass.A, AbcClass.B, AbcClass.B, AbcClass.C], ClassesInInputOrder(classes, 5));
    }

    [Fact]
    public void The_part_that_crosses_a_threshold_belongs_to_the_class_it_completes()
    {
        // 700 ranks above the second part: short of 80 %, so 200 is needed to reach it and is A (cumulative 90 %).
        var classes = Classify(700m, 200m, 60m, 40m);

        Assert.Equal([AbcClass.A, AbcClass.A, AbcClass.B, AbcClass.C], ClassesInInputOrder(classes, 4));
    }

    [Fact]
    public void The_most_valuable_part_is_A_even_when_it_alone_exceeds_the_A_share()
    {
        var classes = Classify(900m, 50m, 30m, 20m);

        Assert.Equal([AbcClass.A, AbcClass.B, AbcClass.C, AbcClass.C], ClassesInInputOrder(classes, 4));
    }

    [Fact]
    public void Parts_of_equal_value_share_one_class_whatever_order_they_are_listed_in()
    {
        var forwards = Classify(700m, 100m, 100m, 100m);
        var backwards = AbcClassification.Classify(
            [.. new[] { 100m, 100m, 100m, 700m }.Select((value, i) => new PartConsumption(Parts[3 - i], value))], AbcThresholds.Default);

        Assert.Equal([AbcClass.A, AbcClass.A, AbcClass.A, AbcClass.A], ClassesInInputOrder(forwards, 4));
        Assert.Equal(forwards.OrderBy(p => p.Key), backwards.OrderBy(p => p.Key));
    }

    [Fact]
    public void A_part_with_no_consumption_is_C()
    {
        var classes = Classify(100m, 0m);

        Assert.Equal([AbcClass.A, AbcClass.C], ClassesInInputOrder(classes, 2));
    }

    [Fact]
    public void When_nothing_was_consumed_every_part_is_C()
    {
        var classes = Classify(0m, 0m, 0m);

        Assert.All(classes.Values, c => Assert.Equal(AbcClass.C, c));
        Assert.Equal(3, classes.Count);
    }

    [Fact]
    public void No_parts_give_no_classes()
    {
        Assert.Empty(Classify());
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var classes = AbcClassification.Classify(
            [.. new[] { 500m, 300m, 100m, 60m, 40m }.Select((value, i) => new PartConsumption(Parts[i], value))], new AbcThresholds(0.5m, 0.3m));

        Assert.Equal([AbcClass.A, AbcClass.B, AbcClass.C, AbcClass.C, AbcClass.C], ClassesInInputOrder(classes, 5));
    }

    [Theory]
    [InlineData(0.0, 0.15)]
    [InlineData(0.8, -0.1)]
    [InlineData(0.9, 0.2)]
    public void Thresholds_must_leave_A_a_share_and_fit_in_the_whole(double aShare, double bShare)
    {
        Assert.Throws<ArgumentException>(() => new AbcThresholds((decimal)aShare, (decimal)bShare));
    }

    [Fact]
    public void A_negative_consumption_value_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Classify(100m, -1m));
    }

    [Fact]
    public void A_part_listed_twice_is_rejected()
    {
        var part = Guid.NewGuid();

        Assert.Throws<ArgumentException>(() => AbcClassification.Classify(
            [new PartConsumption(part, 10m), new PartConsumption(part, 20m)], AbcThresholds.Default));
    }
}
