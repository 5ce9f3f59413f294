namespace AfterSales.Inventory.Model;

/// <summary>
/// Where stock is kept: the central spare-parts warehouse, or the separate ledger of the stock sent to
/// one partner station (§2 3.7.6), so a station's stock is accounted for apart from the company's.
/// </summary>
public sealed class Warehouse
{
    private Warehouse() { }

    private Warehouse(Guid id, string code, string name, Guid? stationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Code = code;
        Name = name;
        StationId = stationId;
    }

    public static Warehouse Central(Guid id, string code, string name) => new(id, code, name, null);

    public static Warehouse StationLedger(Guid id, string code, string name, Guid stationId) => new(id, code, name, stationId);

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>The partner station (owned by the tickets service) whose ledger this is; null for the central warehouse.</summary>
    public Guid? StationId { get; private set; }
}
