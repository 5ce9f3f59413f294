using AfterSales.Billing.Model;

namespace AfterSales.UnitTests.Billing;

public class ChargePolicyTests
{
    private static readonly FeeKind[] EveryKind = Enum.GetValues<FeeKind>();

    [Theory]
    [InlineData(ServiceCategory.Free)]
    [InlineData(ServiceCategory.Internal)]
    public void Free_and_internal_work_charge_nothing(ServiceCategory category)
    {
        Assert.All(EveryKind, kind => Assert.False(ChargePolicy.IsCharged(category, kind)));
    }

    [Fact]
    public void Paid_work_charges_everything()
    {
        Assert.All(EveryKind, kind => Assert.True(ChargePolicy.IsCharged(ServiceCategory.Paid, kind)));
    }

    [Theory]
    [InlineData(FeeKind.Labour, false)]
    [InlineData(FeeKind.Travel, false)]
    [InlineData(FeeKind.Part, true)]
    [InlineData(FeeKind.DeviceAddition, true)]
    [InlineData(FeeKind.Relocation, true)]
    public void A_contract_covers_labour_and_travel_and_charges_the_rest(FeeKind kind, bool charged)
    {
        Assert.Equal(charged, ChargePolicy.IsCharged(ServiceCategory.Contract, kind));
    }

    [Fact]
    public void An_unknown_category_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChargePolicy.IsCharged((ServiceCategory)0, FeeKind.Part));
    }
}
