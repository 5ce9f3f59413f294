using System.Linq.Expressions;
using AfterSales.Platform.Grpc;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Platform.Data;

/// <summary>
/// Keyset pages of a list ordered newest first by a version-7 id (ids grow with the time they were made): the rows
/// after the previous page's last id, at most the page size, and the token of the next page (empty on the last).
/// </summary>
public static class NewestFirstPaging
{
    private static readonly System.Reflection.MethodInfo CompareTo = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;

    public static async Task<(List<T> Page, string NextPageToken)> NewestFirstPageAsync<T>(this IQueryable<T> query, Expression<Func<T, Guid>> id,
        string? pageToken, int pageSize, CancellationToken cancellationToken)
    {
        if (PageToken.DecodeId(pageToken) is { } last)
        {
            query = query.Where(Before(id, last));
        }
        var size = PageToken.SizeOrDefault(pageSize);
        var rows = await query.OrderByDescending(id).Take(size + 1).ToListAsync(cancellationToken);
        if (rows.Count <= size)
        {
            return (rows, "");
        }
        rows.RemoveAt(size);
        return (rows, PageToken.Encode(id.Compile(preferInterpretation: true)(rows[^1]).ToString()));
    }

    /// <summary><c>row => id(row).CompareTo(last) &lt; 0</c>, with <paramref name="last"/> sent as a parameter.</summary>
    private static Expression<Func<T, bool>> Before<T>(Expression<Func<T, Guid>> id, Guid last)
    {
        Expression<Func<Guid>> bound = () => last;
        return Expression.Lambda<Func<T, bool>>(
            Expression.LessThan(Expression.Call(id.Body, CompareTo, bound.Body), Expression.Constant(0)), id.Parameters);
    }
}
