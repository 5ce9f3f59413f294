using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Tickets.Infrastructure;

/// <summary>How many ticket numbers a station has drawn on a day: the count behind its ticket numbers.</summary>
public sealed class TicketNumberCounter
{
    public Guid StationId { get; private set; }
    public DateOnly Day { get; private set; }
    public long LastNumber { get; private set; }
}

internal sealed class TicketNumberCounterConfiguration : IEntityTypeConfiguration<TicketNumberCounter>
{
    public void Configure(EntityTypeBuilder<TicketNumberCounter> builder)
    {
        builder.HasKey(c => new { c.StationId, c.Day });
    }
}
