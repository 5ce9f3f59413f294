namespace AfterSales.Platform.Data;

/// <summary>
/// Ids of the Development demo data that more than one service seeds against (a customer's serving
/// station lives in Tickets, the customer in Customers), and that tests and the README use.
/// </summary>
public static class DemoIds
{
    /// <summary>杭州西湖特约服务站, the first partner station.</summary>
    public static readonly Guid StationHangzhou = Guid.Parse("0a000000-0000-4000-8000-000000000001");

    /// <summary>宁波北仑特约服务站, the second partner station.</summary>
    public static readonly Guid StationNingbo = Guid.Parse("0a000000-0000-4000-8000-000000000002");

    /// <summary>A lift accepted long ago with an active maintenance contract: entitlement B (contract).</summary>
    public const string SerialUnderContract = "EL-2019-0001";

    /// <summary>A chiller accepted recently: entitlement C (free, in warranty).</summary>
    public const string SerialInWarranty = "CH-2026-0002";

    /// <summary>An access-control unit out of warranty and contract: entitlement A (paid).</summary>
    public const string SerialOutOfWarranty = "AC-2018-0003";

    /// <summary>A unit of a customer served by the Ningbo station.</summary>
    public const string SerialNingbo = "EL-2024-0101";
}
