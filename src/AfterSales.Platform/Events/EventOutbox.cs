using System.Diagnostics;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Platform.Events;

/// <summary>Adds integration events to the service's outbox, to be saved with the change they report.</summary>
public interface IEventOutbox
{
    /// <summary>
    /// Queues <paramref name="integrationEvent"/> in the current unit of work: it is stored by the next
    /// SaveChanges, in the same transaction, and published after it commits.
    /// </summary>
    void Enqueue(IMessage integrationEvent);
}

internal sealed class EventOutbox<TContext>(TContext db, BusinessCalendar calendar) : IEventOutbox where TContext : DbContext
{
    public void Enqueue(IMessage integrationEvent) =>
        db.Set<OutboxMessage>().Add(new OutboxMessage(
            Guid.CreateVersion7(),
            integrationEvent.Descriptor.FullName,
            integrationEvent.ToByteArray(),
            Activity.Current?.Id,
            calendar.Now));
}
