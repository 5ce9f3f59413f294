using System.Diagnostics;
using System.Text.Json;
using AfterSales.Platform.Events;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AfterSales.Platform.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every domain object a SaveChanges adds, modifies or deletes,
/// in that same SaveChanges, so a change and its record commit or fail together. The actor is the
/// calling token's subject; work done on an event (no caller) is the "system" acting on that event.
/// </summary>
internal sealed class AuditInterceptor(IHttpContextAccessor accessor, BusinessCalendar calendar) : ISaveChangesInterceptor
{
    private static readonly HashSet<Type> PlatformRecords =
        [typeof(AuditEntry), typeof(OutboxMessage), typeof(InboxMessage), typeof(ParkedEvent), typeof(IdempotencyRecord)];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Model.FindEntityType(typeof(AuditEntry)) is not null)
        {
            Record(context);
        }
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext context)
    {
        var changes = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => !PlatformRecords.Contains(e.Metadata.ClrType) && !e.Metadata.IsOwned())
            .ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var http = accessor.HttpContext;
        var caller = http is null ? null : Caller.From(http.User);
        var actor = caller?.Subject ?? "system";
        var operation = http?.Request.Path.Value ?? Activity.Current?.DisplayName ?? "background";
        var now = calendar.Now;
        foreach (var entry in changes)
        {
            context.Set<AuditEntry>().Add(new AuditEntry(Guid.CreateVersion7(), now, actor, caller?.StationId, operation,
                entry.Metadata.ClrType.Name, KeyOf(entry), entry.State.ToString().ToUpperInvariant(), ValuesOf(entry)));
        }
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join("/", entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()) ?? []);

    /// <summary>New values of what changed (all values for an added object; none for a deleted one).</summary>
    private static string ValuesOf(EntityEntry entry)
    {
        var values = entry.Properties
            .Where(p => entry.State == EntityState.Added ? !p.Metadata.IsPrimaryKey() : entry.State == EntityState.Modified && p.IsModified)
            .Where(p => !p.Metadata.IsConcurrencyToken)
            .ToDictionary(p => p.Metadata.Name, p => p.CurrentValue);
        foreach (var navigation in entry.Navigations.Where(n => n.Metadata.TargetEntityType.IsOwned() && (entry.State == EntityState.Added || n.IsModified)))
        {
            values[navigation.Metadata.Name] = navigation.CurrentValue;
        }
        return JsonSerializer.Serialize(values);
    }
}
