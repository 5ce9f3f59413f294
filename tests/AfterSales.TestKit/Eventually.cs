using Grpc.Core;

namespace AfterSales.TestKit;

/// <summary>Waits for what happens in the background (event relays, consumers, restarts) instead of sleeping blindly.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Probes until the probe returns a value, and returns it; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan? timeout = null, TimeSpan? poll = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The expected outcome did not happen within {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s.");
            }
            await Task.Delay(poll ?? DefaultPoll);
        }
    }

    /// <summary>Probes until the condition holds; fails the test after <paramref name="timeout"/>.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, TimeSpan? poll = null) =>
        ValueAsync(async () => await condition() ? "done" : null, timeout, poll);

    /// <summary>
    /// Calls until the call answers, taking a NOT_FOUND (or any of <paramref name="notYet"/>) as "not there
    /// yet", e.g. an object another service makes from an event; returns the answer.
    /// </summary>
    public static Task<T> AnsweredAsync<T>(Func<Task<T>> call, TimeSpan? timeout = null, params StatusCode[] notYet) where T : class =>
        ValueAsync<T>(async () =>
        {
            try
            {
                return await call();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound || notYet.Contains(ex.StatusCode))
            {
                return null;
            }
        }, timeout);
}
