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
        Assert.Null(decision.Contract);
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
            new ContractTerm(PerVisit, "HT-2", ContractKind.PerVisit, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), ContractServices.PerVisit),
            new ContractTerm(Maintenance, "HT-1", ContractKind.Maintenance, new DateOnly(2025, 6, 1), new DateOnly(2026, 5, 31), ContractServices.Maintenance));

        var decision = EntitlementPolicy.Decide(coverage, null, new DateOnly(2025, 7, 1));

        Assert.Equal(ServiceCategory.Contract, decision.Category);
        Assert.Equal(Maintenance, decision.Contract?.ContractId);
        Assert.Contains("HT-1", decision.Reason);
    }

    [Theory]
    [InlineData(2025, 5, 31)] // the day before the contract starts
    [InlineData(2026, 6, 1)] // the day after it ends
    public void A_contract_outside_its_period_does_not_cover(int year, int month, int day)
    {
        var coverage = Coverage(new ContractTerm(Maintenance, "HT-1", ContractKind.Maintenance, new DateOnly(2025, 6, 1), new DateOnly(2026, 5, 31), ContractServices.Maintenance));

        var decision = EntitlementPolicy.Decide(coverage, null, new DateOnly(year, month, day));

        Assert.Equal(ServiceCategory.Paid, decision.Category);
    }

    [Fact]
    public void Under_a_per_visit_contract_the_visits_labour_is_contract_work_and_the_parts_are_paid()
    {
        var coverage = Coverage(new ContractTerm(PerVisit, "HT-2", ContractKind.PerVisit, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), ContractServices.PerVisit));

        var decision = EntitlementPolicy.Decide(coverage, null, new DateOnly(2025, 7, 1));

        Assert.Equal((ServiceCategory.Contract, ServiceCategory.Contract, ServiceCategory.Paid), (decision.Category, decision.Labour, decision.Parts));
        Assert.Contains("parts are paid", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void In_warranty_labour_and_parts_are_free_and_without_a_contract_both_are_paid()
    {
        var free = EntitlementPolicy.Decide(Coverage(), null, new DateOnly(2024, 6, 1));
        var paid = EntitlementPolicy.Decide(Coverage(), null, new DateOnly(2025, 6, 1));

        Assert.Equal((ServiceCategory.Free, ServiceCategory.Free), (free.Labour, free.Parts));
        Assert.Equal((ServiceCategory.Paid, ServiceCategory.Paid), (paid.Labour, paid.Parts));
    }

    [Theory]
    [InlineData(2026, 5, 31, "HT-1")] // the old contract's last day
    [InlineData(2026, 6, 1, "HT-3")] // the renewal's first day
    [InlineData(2027, 5, 31, "HT-3")] // the renewal's last day
    [InlineData(2027, 6, 1, null)] // expired, and not renewed again
    public void A_renewal_takes_over_the_day_after_the_old_contract_ends_and_an_expired_one_covers_nothing(int year, int month, int day, string? number)
    {
        var coverage = Coverage(
            new ContractTerm(Maintenance, "HT-1", ContractKind.Maintenance, new DateOnly(2025, 6, 1), new DateOnly(2026, 5, 31), ContractServices.Maintenance),
            new ContractTerm(Guid.NewGuid(), "HT-3", ContractKind.Maintenance, new DateOnly(2026, 6, 1), new DateOnly(2027, 5, 31), ContractServices.Maintenance));

        var decision = EntitlementPolicy.Decide(coverage, null, new DateOnly(year, month, day));

        Assert.Equal(number, decision.Contract?.Number);
        Assert.Equal(number is null ? ServiceCategory.Paid : ServiceCategory.Contract, decision.Category);
    }

    [Fact]
    public void Contracts_of_one_kind_overlap_when_they_share_an_asset_and_a_day()
    {
        var lift = Guid.NewGuid();
        var chiller = Guid.NewGuid();
        Contract Signed(ContractKind kind, int fromMonth, int toMonth, params Guid[] assets) =>
            new(Guid.NewGuid(), Guid.NewGuid(), "HT", kind, new DateOnly(2026, fromMonth, 1), new DateOnly(2026, toMonth, 28), 100m, assets);

        Assert.True(Signed(ContractKind.Maintenance, 1, 6, lift).Overlaps(Signed(ContractKind.Maintenance, 6, 12, lift)));
        Assert.True(Signed(ContractKind.Maintenance, 1, 6).Overlaps(Signed(ContractKind.Maintenance, 3, 4, chiller)));
        Assert.False(Signed(ContractKind.Maintenance, 1, 6, lift).Overlaps(Signed(ContractKind.Maintenance, 1, 6, chiller)));
        Assert.False(Signed(ContractKind.Maintenance, 1, 5, lift).Overlaps(Signed(ContractKind.Maintenance, 6, 12, lift)));
        Assert.False(Signed(ContractKind.Maintenance, 1, 6, lift).Overlaps(Signed(ContractKind.PerVisit, 1, 6, lift)));
    }

    [Fact]
    public void A_terminated_contract_ends_on_its_last_day_once()
    {
        var contract = new Contract(Guid.NewGuid(), Guid.NewGuid(), "HT-9", ContractKind.Maintenance, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), 100m, []);

        Assert.Throws<ValidationException>(() => contract.Terminate(new DateOnly(2026, 12, 31), "太晚"));
        contract.Terminate(new DateOnly(2026, 6, 30), "客户搬迁");

        Assert.Equal((new DateOnly(2026, 6, 30), "客户搬迁"), (contract.EndsOn, contract.TerminationReason));
        Assert.Throws<PreconditionFailedException>(() => contract.Terminate(new DateOnly(2026, 5, 31), "再次"));
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
