using AfterSales.Platform.Data;
using AfterSales.Tickets.Sla;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tickets.Infrastructure;

/// <summary>
/// The SLA policy every installation starts with (<see cref="SlaDefaults"/>: the seed's examples and the
/// hotline and 24-hour calendars), written once when there is none; from then on the rules and calendars
/// are data an installation edits, and this leaves them alone.
/// </summary>
internal sealed class SlaReferenceData : IReferenceDataSeeder<TicketsDbContext>
{
    public async Task SeedAsync(TicketsDbContext context, CancellationToken cancellationToken)
    {
        if (!await context.ServiceCalendars.AnyAsync(cancellationToken))
        {
            context.ServiceCalendars.AddRange(SlaDefaults.Calendars());
        }
        if (!await context.SlaRules.AnyAsync(cancellationToken))
        {
            context.SlaRules.AddRange(SlaDefaults.Rules());
        }
        await context.SaveChangesAsync(cancellationToken);
    }
}
