using AfterSales.Common.V1;
using AfterSales.Events.V1;
using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.Model;
using AfterSales.Platform.Events;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Inventory.Services;

/// <summary>
/// Books the old parts a ticket's work record says were taken out and kept (§2 3.6.2): pending return by the
/// technician who recorded the work, warranty parts when the work was free (category C).
/// </summary>
internal sealed class WorkRecordedHandler(InventoryDbContext db) : IEventHandler<WorkRecorded>
{
    public async Task HandleAsync(WorkRecorded integrationEvent, CancellationToken cancellationToken)
    {
        var kept = integrationEvent.Parts.Where(p => p.OldPartKept).ToList();
        if (kept.Count == 0)
        {
            return;
        }
        var numbers = kept.Select(p => p.PartNumber).ToList();
        // The tickets service checked the part numbers against the catalogue when the work was recorded.
        var parts = await db.Parts.AsNoTracking().Where(p => numbers.Contains(p.PartNumber)).ToDictionaryAsync(p => p.PartNumber, cancellationToken);
        var technician = integrationEvent.Labour.Select(l => Guid.TryParse(l.TechnicianId, out var id) ? id : (Guid?)null).FirstOrDefault(id => id is not null);
        foreach (var used in kept.Where(p => parts.ContainsKey(p.PartNumber)))
        {
            db.OldParts.Add(new OldPart(Guid.CreateVersion7(), Guid.Parse(integrationEvent.TicketId), integrationEvent.Number, Guid.Parse(integrationEvent.StationId),
                Guid.Parse(integrationEvent.WorkRecordId), technician, parts[used.PartNumber].Id, used.PartNumber, used.Quantity,
                integrationEvent.Category == ServiceCategory.Free, integrationEvent.RecordedAt.ToDateTimeOffset()));
        }
    }
}

/// <summary>Notes that the customer signed a ticket's service report: what a warranty part is written off against.</summary>
internal sealed class TicketCompletedHandler(InventoryDbContext db) : IEventHandler<TicketCompleted>
{
    public async Task HandleAsync(TicketCompleted integrationEvent, CancellationToken cancellationToken)
    {
        var ticketId = Guid.Parse(integrationEvent.TicketId);
        // A ticket reopened and signed again keeps its first signature: one is enough to write off against.
        if (!await db.SignedTickets.AnyAsync(s => s.TicketId == ticketId, cancellationToken))
        {
            db.SignedTickets.Add(new SignedTicket(ticketId, integrationEvent.Number, integrationEvent.SignedBy, integrationEvent.SignedAt.ToDateTimeOffset(),
                Guid.TryParse(integrationEvent.VoucherDocumentId, out var voucher) ? voucher : null));
        }
    }
}
