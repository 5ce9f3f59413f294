using AfterSales.Tickets.Infrastructure;
using AfterSales.Tickets.Sla;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.UnitTests.Tickets.Sla;

/// <summary>The SLA types in the tickets model as the service builds it (PostgreSQL provider, no connection).</summary>
public class SlaModelTests
{
    private static IModel Model()
    {
        using var db = new TicketsDbContext(new DbContextOptionsBuilder<TicketsDbContext>().UseNpgsql().Options);
        return db.GetService<IDesignTimeModel>().Model;
    }

    [Fact]
    public void Calendars_rules_and_clocks_have_tables_and_natural_keys()
    {
        var model = Model();

        var calendar = model.FindEntityType(typeof(ServiceCalendar))!;
        var rule = model.FindEntityType(typeof(SlaRule))!;
        var clock = model.FindEntityType(typeof(SlaClock))!;

        Assert.Equal("ServiceCalendars", calendar.GetTableName());
        Assert.Equal(["Code"], calendar.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Equal("SlaRules", rule.GetTableName());
        Assert.Equal(["Code"], rule.FindPrimaryKey()!.Properties.Select(p => p.Name));
        Assert.Equal("SlaClocks", clock.GetTableName());
        Assert.Equal(["TicketId", "Round", "Kind"], clock.FindPrimaryKey()!.Properties.Select(p => p.Name));
    }

    [Fact]
    public void A_clock_is_guarded_by_a_row_version_so_two_evaluators_never_both_signal()
    {
        var version = Model().FindEntityType(typeof(SlaClock))!.FindProperty(nameof(SlaClock.Version))!;

        Assert.True(version.IsConcurrencyToken);
    }

    [Fact]
    public void A_rule_keeps_each_clock_target_as_an_optional_value_and_its_criteria_beside_it()
    {
        var rule = Model().FindEntityType(typeof(SlaRule))!;

        Assert.All([nameof(SlaRule.FirstResponse), nameof(SlaRule.Arrival), nameof(SlaRule.Resolution)],
            name => Assert.True(rule.FindComplexProperty(name)!.IsNullable));
        Assert.False(rule.FindComplexProperty(nameof(SlaRule.Criteria))!.IsNullable);
    }
}
