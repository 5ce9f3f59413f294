using AfterSales.Customers.Model;
using AfterSales.Platform.Errors;

namespace AfterSales.UnitTests.Customers;

public class EntitlementPolicyTests
{
    private static readonly DateOnly Accepted = new(2024, 3, 15);
    private static readonly Guid Maintenance = Guid.NewGuid();
    private static readonly Guid PerVisit = Guid.NewGuid();

    private static AssetCoverage Coverage(params ContractTerm[] contracts) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Accepted, WarrantyMonths: 12,
        [new Component("MOTOR", "曳引机", 36), new Component("FAN", "风机", 6)], contracts);

    [Fact]
    public void Free_on_the_last_day_of_the_asset_warranty()
    {
        var decision = EntitlementPolicy.Decide(Coverage(), null, new DateOnly(2025, 3, 15));

        Assert.Equal(ServiceCategory.Free, decision.Category);
        Assert.Equal(new DateOnly(2025, 3, 15), decision.WarrantyEndsOn);
        Assert.Null(decision.ContractId);
    }

    [Fact]
    public void Paid_the_day_after_the_warranty_ends_without_a_contract()
    {
        var decision = EntitlementPolicy.Decide(Coverage(), null, new DateOnly(2025, 3, 16));

        Assert.Equal(ServiceCategory.Paid, decision.Category);
        Assert.Contains("2025-03-15", decision.Reason);
    }

    [Fact]
    public void A_component_with_a_longer_warranty_stays_free_after_the_asset_warranty()
    {
        var decision = EntitlementPolicy.Decide(Coverage(), "MOTOR", new DateOnly(2026, 1, 1));

        Assert.Equal(ServiceCategory.Free, decision.Category);
        Assert.Equal(new DateOnly(2027, 3, 15), decision.WarrantyEndsOn);
        Assert.Contains("MOTOR", decision.Reason);
    }

    [Fact]
    public void A_component_with_a_shorter_warranty_is_paid_while_the_asset_is_still_in_warranty()
    {
        var decision = EntitlementPolicy.Decide(Coverage(), "FAN", new DateOnly(2024, 12, 1));

        Assert.Equal(ServiceCategory.Paid, decision.Category);
        Assert.Equal(new DateOnly(2024, 9, 15), decision.WarrantyEndsOn);
    }

    [Theory]
    [InlineData("2026-03-15", 6, "2026-09-15")]
    [InlineData("2026-08-31", 6, "2027-02-28")] // February has no 31st: its last day
    [InlineData("2023-08-31", 6, "2024-02-29")] // in a leap year, the 29th
    [InlineData("2026-01-31", 1, "2026-02-28")]
    [InlineData("2024-02-29", 12, "2025-02-28")]
    [InlineData("2026-11-29", 24, "2028-11-29")] // the default two years (§5)
    public void A_warranty_of_months_ends_on_the_corresponding_day_or_the_months_last_day_by_the_civil_code(string accepted, int months, string lastDay)
    {
        Assert.Equal(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture),
            EntitlementPolicy.WarrantyEnd(DateOnly.Parse(accepted, System.Globalization.CultureInfo.InvariantCulture), months));
    }

    [Fact]
    public void An_unknown_component_is_a_field_violation()
    {
        var error = Assert.Throws<ValidationException>(() => EntitlementPolicy.Decide(Coverage(), "NOPE", new DateOnly(2024, 5, 1)));

        Assert.Equal("component_code", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void A_contract_in_force_makes_it_contract_work_and_maintenance_wins_over_per_visit()
    {
        var coverage = Coverage(
            new ContractTerm(PerVisit, "HT-2", ContractKind.PerVisit, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)),
            new ContractTerm(Maintenance, "HT-1", ContractKind.Maintenance, new DateOnly(2025, 6, 1), new DateOnly(2026, 5, 31)));

        var decision = EntitlementPolicy.Decide(coverage, null, new DateOnly(2025, 7, 1));

        Assert.Equal(ServiceCategory.Contract, decision.Category);
        Assert.Equal(Maintenance, decision.ContractId);
        Assert.Contains("HT-1", decision.Reason);
    }

    [Theory]
    [InlineData(2025, 5, 31)] // the day before the contract starts
    [InlineData(2026, 6, 1)] // the day after it ends
    public void A_contract_outside_its_period_does_not_cover(int year, int month, int day)
    {
        var coverage = Coverage(new ContractTerm(Maintenance, "HT-1", ContractKind.Maintenance, new DateOnly(2025, 6, 1), new DateOnly(2026, 5, 31)));

        var decision = EntitlementPolicy.Decide(coverage, null, new DateOnly(year, month, day));

        Assert.Equal(ServiceCategory.Paid, decision.Category);
    }

    [Fact]
    public void Before_acceptance_there_is_no_after_sales_entitlement()
    {
        Assert.Throws<PreconditionFailedException>(() => EntitlementPolicy.Decide(Coverage(), null, new DateOnly(2024, 3, 14)));
    }

    [Fact]
    public void A_contract_cannot_end_before_it_starts()
    {
        Assert.Throws<ArgumentException>(() => new Contract(Guid.NewGuid(), Guid.NewGuid(), "HT-9", ContractKind.Maintenance,
            new DateOnly(2025, 2, 1), new DateOnly(2025, 1, 31), 100m, []));
    }
}
