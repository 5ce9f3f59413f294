using AfterSales.Platform.Grpc;
using Model = AfterSales.Inventory.Model;
using V1 = AfterSales.Inventory.V1;

namespace AfterSales.Inventory.Grpc;

/// <summary>Domain → wire for the parts catalogue and stock, by hand.</summary>
internal static class InventoryMappings
{
    /// <summary>The currency of catalogue prices.</summary>
    public static V1.Part ToProto(this Model.Part part) => new()
    {
        PartId = part.Id.ToString(),
        PartNumber = part.PartNumber,
        Name = part.Name,
        Specification = part.Specification,
        UnitPrice = ProtoConversions.ToMoney(part.UnitPrice),
        AbcClass = part.AbcClass is { } abcClass ? (V1.AbcClass)abcClass : V1.AbcClass.Unspecified,
    };

    public static V1.StockLevel ToProto(this Model.StockLevel level, Model.Warehouse warehouse) => new()
    {
        Warehouse = new V1.Warehouse
        {
            WarehouseId = warehouse.Id.ToString(),
            Code = warehouse.Code,
            Name = warehouse.Name,
            StationId = warehouse.StationId?.ToString() ?? "",
        },
        OnHand = level.OnHand,
        Reserved = level.Reserved,
        Available = level.Available,
    };
}
