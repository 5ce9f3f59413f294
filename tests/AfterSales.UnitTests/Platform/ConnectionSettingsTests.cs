using AfterSales.Platform.Data;
using Npgsql;

namespace AfterSales.UnitTests.Platform;

public class ConnectionSettingsTests
{
    [Fact]
    public void A_service_connection_skips_the_pool_reset_and_prepares_its_statements()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseExtensions.Tuned("Host=localhost;Username=tickets;Database=tickets"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(100, tuned.MaxAutoPrepare);
        Assert.Equal(("localhost", "tickets", "tickets"), (tuned.Host, tuned.Username, tuned.Database));
    }

    [Fact]
    public void An_operators_own_settings_win()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseExtensions.Tuned("Host=localhost;No Reset On Close=false;Max Auto Prepare=0"));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
