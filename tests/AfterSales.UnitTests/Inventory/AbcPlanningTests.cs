using AfterSales.Inventory.Model;

namespace AfterSales.UnitTests.Inventory;

public class AbcPlanningTests
{
    private static Part Part(string number, decimal price) => new(Guid.NewGuid(), number, number, "", price);

    /// <summary>
    /// Worked by hand over a 365-day window (12 months of 30.4375 days), the regulation's shares 80/15/5:
    /// values 9000 (P-1: 90 × 100), 600 (P-2: 12 × 50), 300 (P-3: 30 × 10), 100 (P-4: 10 × 10), 0 (P-5); total 10000.
    /// P-1 is needed to reach 8000 → A; P-2 starts at 9000, short of 9500 → B; P-3 starts at 9600 → C; P-4 and P-5 → C.
    /// Safety stock = ⌈units a month × safety months⌉, reorder point = safety + ⌈units a month × lead months⌉:
    /// P-1 7.5 a month, A (0.5, 1): 4 and 12; P-2 1 a month, B (1, 1): 1 and 2; P-3 2.5 a month, C (2, 1): 5 and 8;
    /// P-4 0.83 a month, C: 2 and 3; P-5: 0 and 0.
    /// </summary>
    [Fact]
    public void A_hand_made_year_of_issues_gives_each_part_the_class_and_figures_worked_by_hand()
    {
        Part[] parts = [Part("P-1", 100), Part("P-2", 50), Part("P-3", 10), Part("P-4", 10), Part("P-5", 500)];
        var issued = new Dictionary<Guid, int> { [parts[0].Id] = 90, [parts[1].Id] = 12, [parts[2].Id] = 30, [parts[3].Id] = 10 };

        var results = AbcPlanning.Plan(parts, issued, 365, new AbcOptions());

        Assert.Equal(
            [("P-1", AbcClass.A, 9000m, 4, 12), ("P-2", AbcClass.B, 600m, 1, 2), ("P-3", AbcClass.C, 300m, 5, 8), ("P-4", AbcClass.C, 100m, 2, 3),
             ("P-5", AbcClass.C, 0m, 0, 0)],
            results.Select(r => (r.PartNumber, r.Class, r.ConsumptionValue, r.SafetyStock, r.ReorderPoint)));
    }

    [Fact]
    public void Shares_and_plans_are_the_run_s_own()
    {
        Part[] parts = [Part("P-1", 100), Part("P-2", 50)];
        var issued = new Dictionary<Guid, int> { [parts[0].Id] = 90, [parts[1].Id] = 12 };

        var results = AbcPlanning.Plan(parts, issued, 365, new AbcOptions { AShare = 0.95m, BShare = 0.05m, A = new ClassPlan(0, 2, 1) });

        Assert.Equal([(AbcClass.A, 0, 15), (AbcClass.A, 0, 2)], results.Select(r => (r.Class, r.SafetyStock, r.ReorderPoint)));
    }
}
