using AfterSales.Common.V1;
using AfterSales.Customers.V1;
using Date = Google.Type.Date;

namespace AfterSales.FunctionalTests.Customers;

/// <summary>Requests for a test's own customer files, assets and contracts, valid unless a test spoils them.</summary>
internal static class CustomerRequests
{
    public static Date DateOf(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    /// <summary>Today as the services count days: in the company's time zone (the suite's default, Asia/Shanghai).</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

    public static CreateCustomerRequest NewFile(string name) => new()
    {
        Name = name,
        Attribute = CustomerAttribute.InWarranty,
        Contacts = { new Contact { Name = "王建国", Phone = "0571-8888-1001" } },
        Sites = { new Site { Name = "主楼", Address = "杭州市西湖区文三路 100 号", Region = "ZJ-HZ", DistanceKm = 8 } },
        RequestId = Guid.NewGuid().ToString(),
    };

    public static RegisterAssetRequest NewAsset(Customer customer, DateOnly acceptedOn, int warrantyMonths = 0) => new()
    {
        CustomerId = customer.CustomerId,
        SiteId = customer.Sites[0].SiteId,
        Model = "AquaChill 500",
        SerialNumber = Unique.Name("SN"),
        AcceptedOn = DateOf(acceptedOn),
        SoftwareVersion = "2.1.3",
        WarrantyMonths = warrantyMonths,
        Components = { new Component { Code = "COMP", Name = "压缩机", WarrantyMonths = 60 } },
        RequestId = Guid.NewGuid().ToString(),
    };

    public static CreateContractRequest NewContract(Customer customer, ContractKind kind, DateOnly startsOn, DateOnly endsOn, params string[] assetIds) => new()
    {
        CustomerId = customer.CustomerId,
        Number = Unique.Name("HT"),
        Kind = kind,
        StartsOn = DateOf(startsOn),
        EndsOn = DateOf(endsOn),
        Price = new Money { CurrencyCode = "CNY", Units = 800 },
        CoveredAssetIds = { assetIds },
        RequestId = Guid.NewGuid().ToString(),
    };
}
