namespace AfterSales.TestKit;

/// <summary>Reads a paged list the way a client does: each page asked for with the previous page's token.</summary>
public static class Paging
{
    /// <summary>
    /// Reads pages until the last one, or until <paramref name="enough"/> holds for what was read so far,
    /// and returns every item read, in order. Fails the test past <paramref name="maxPages"/>.
    /// </summary>
    /// <param name="page">Asks for the page after the token (empty: the first page).</param>
    /// <param name="items">The items of a page.</param>
    /// <param name="nextPageToken">The token of the page after it; empty on the last page.</param>
    public static async Task<List<T>> ReadAsync<TPage, T>(Func<string, Task<TPage>> page, Func<TPage, IEnumerable<T>> items,
        Func<TPage, string> nextPageToken, Func<IReadOnlyList<T>, bool>? enough = null, int maxPages = 1000)
    {
        var read = new List<T>();
        var token = "";
        for (var pages = 0; pages < maxPages; pages++)
        {
            var current = await page(token);
            read.AddRange(items(current));
            token = nextPageToken(current);
            if (token.Length == 0 || (enough?.Invoke(read) ?? false))
            {
                return read;
            }
        }
        Assert.Fail($"More than {maxPages} pages.");
        return read;
    }
}
