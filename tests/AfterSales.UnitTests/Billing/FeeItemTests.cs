using AfterSales.Billing.Model;

namespace AfterSales.UnitTests.Billing;

public class FeeItemTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static FeeItem Belt() => new(Guid.NewGuid(), "PRT-BELT", "门机皮带", FeeKind.Part, "件", 260.00m, "P-EL-1002");

    [Fact]
    public void A_part_item_kept_by_hand_takes_the_catalogue_s_first_price()
    {
        var belt = Belt();

        var taken = belt.FollowCatalogue("件", 275.00m, Monday);

        Assert.True(taken);
        Assert.Equal((275.00m, "件", Monday), (belt.Price, belt.Unit, belt.PriceSetAt));
    }

    [Fact]
    public void An_older_price_arriving_after_a_newer_one_is_dropped()
    {
        var belt = Belt();
        belt.FollowCatalogue("件", 290.00m, Monday.AddHours(1));

        var taken = belt.FollowCatalogue("件", 275.00m, Monday);

        Assert.False(taken);
        Assert.Equal((290.00m, Monday.AddHours(1)), (belt.Price, belt.PriceSetAt));
    }

    [Fact]
    public void A_price_set_at_the_same_time_again_changes_nothing()
    {
        var belt = Belt();
        belt.FollowCatalogue("件", 290.00m, Monday);

        Assert.False(belt.FollowCatalogue("套", 310.00m, Monday));
        Assert.Equal((290.00m, "件"), (belt.Price, belt.Unit));
    }

    [Fact]
    public void A_part_the_catalogue_adds_is_coded_by_its_part_number()
    {
        var fan = FeeItem.ForCataloguePart(Guid.NewGuid(), "P-CH-2003", "变频器风扇", "个", 85.00m, Monday);

        Assert.Equal(("PRT-P-CH-2003", FeeKind.Part, "P-CH-2003", Monday), (fan.Code, fan.Kind, fan.PartNumber, fan.PriceSetAt));
        Assert.False(fan.FollowCatalogue("个", 80.00m, Monday.AddDays(-1)));
    }

    [Fact]
    public void The_longest_part_number_still_makes_a_code()
    {
        var number = new string('P', FeeItem.MaxPartNumberLength);

        var item = FeeItem.ForCataloguePart(Guid.NewGuid(), number, "长编号备件", "件", 1.00m, Monday);

        Assert.Equal(FeeItem.MaxCodeLength, item.Code.Length);
    }

    [Fact]
    public void Only_a_part_item_is_tied_to_the_catalogue()
    {
        var labour = new FeeItem(Guid.NewGuid(), "LAB-STD", "标准工时", FeeKind.Labour, "小时", 120.00m);

        Assert.Throws<ArgumentException>(() => new FeeItem(Guid.NewGuid(), "LAB-X", "工时", FeeKind.Labour, "小时", 120.00m, "P-EL-1002"));
        Assert.Throws<InvalidOperationException>(() => labour.FollowCatalogue("小时", 130.00m, Monday));
    }
}
