using System.Linq.Expressions;

namespace AfterSales.Platform.Security;

/// <summary>Station isolation for lists: the query form of <see cref="Caller.MaySee"/>.</summary>
public static class StationIsolation
{
    /// <summary>
    /// The rows a caller may see: a station's own (by <paramref name="stationOf"/>), or every row for
    /// internal staff. The access declaration has already refused everyone else.
    /// </summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> query, Caller caller, Expression<Func<T, Guid>> stationOf)
    {
        if (caller.StationId is not { } station)
        {
            return caller.IsInternalStaff ? query : query.Where(_ => false);
        }
        // A captured variable, not a constant, so the SQL takes it as a parameter and its plan is reused.
        Expression<Func<Guid>> own = () => station;
        var sameStation = Expression.Equal(stationOf.Body, own.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(sameStation, stationOf.Parameters));
    }
}
