using AfterSales.Inventory.Model;
using AfterSales.Platform.Data;
using AfterSales.ServiceDefaults;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Inventory.Infrastructure;

public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
    public DbSet<Part> Parts => Set<Part>();
    public DbSet<Warehouse> Warehouses => Set<Warehouse>();
    public DbSet<StockLevel> StockLevels => Set<StockLevel>();
    public DbSet<Movement> Movements => Set<Movement>();
    public DbSet<ReceivingSlip> ReceivingSlips => Set<ReceivingSlip>();
    public DbSet<Requisition> Requisitions => Set<Requisition>();
    public DbSet<AbcRun> AbcRuns => Set<AbcRun>();
    public DbSet<OldPart> OldParts => Set<OldPart>();
    public DbSet<SignedTicket> SignedTickets => Set<SignedTicket>();
    public DbSet<OldPartShipment> OldPartShipments => Set<OldPartShipment>();
    public DbSet<PurchaseRequest> PurchaseRequests => Set<PurchaseRequest>();
    public DbSet<RmaCase> RmaCases => Set<RmaCase>();
    public DbSet<StockCount> StockCounts => Set<StockCount>();
    public DbSet<Loaner> Loaners => Set<Loaner>();
    public DbSet<Tool> Tools => Set<Tool>();
    public DbSet<SupplierClaim> SupplierClaims => Set<SupplierClaim>();

    /// <summary>The next number of a count sheet, loaner unit, tool or supplier claim (sequences: never repeated, gaps allowed).</summary>
    public Task<long> NextNumberAsync(NumberedKind kind, CancellationToken cancellationToken) =>
        this.NextValueAsync($"{kind}Numbers", cancellationToken);

    /// <summary>The next number of a return to the manufacturer (a sequence: never repeated, gaps allowed).</summary>
    public Task<long> NextRmaNumberAsync(CancellationToken cancellationToken) =>
        this.NextValueAsync("RmaNumbers", cancellationToken);

    /// <summary>The next number of a purchase request (a sequence: never repeated, gaps allowed).</summary>
    public Task<long> NextPurchaseRequestNumberAsync(CancellationToken cancellationToken) =>
        this.NextValueAsync("PurchaseRequestNumbers", cancellationToken);

    /// <summary>The next number of a requisition (a sequence: never repeated, gaps allowed).</summary>
    public Task<long> NextRequisitionNumberAsync(CancellationToken cancellationToken) =>
        this.NextValueAsync("RequisitionNumbers", cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(ResourceNames.Inventory);
        modelBuilder.HasSequence<long>("RequisitionNumbers").StartsAt(1);
        modelBuilder.HasSequence<long>("PurchaseRequestNumbers").StartsAt(1);
        modelBuilder.HasSequence<long>("RmaNumbers").StartsAt(1);
        foreach (var kind in Enum.GetValues<NumberedKind>())
        {
            modelBuilder.HasSequence<long>($"{kind}Numbers").StartsAt(1);
        }
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InventoryDbContext).Assembly);
        modelBuilder.AddPlatformTables();
    }
}

/// <summary>What else is numbered by a sequence of its own, named after it.</summary>
public enum NumberedKind
{
    StockCount,
    Loaner,
    Tool,
    SupplierClaim,
}
