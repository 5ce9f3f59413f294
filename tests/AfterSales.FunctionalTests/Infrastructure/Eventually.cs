namespace AfterSales.FunctionalTests.Infrastructure;

/// <summary>Waits for what happens in the background (event relays, consumers) instead of sleeping blindly.</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The expected outcome did not happen in time.");
            }
            await Task.Delay(100);
        }
    }
}
