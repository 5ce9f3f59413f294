namespace AfterSales.Platform.Grpc;

/// <summary>Calendar dates on the wire are google.type.Date; in the domain they are <see cref="DateOnly"/>.</summary>
public static class ProtoConversions
{
    public static Google.Type.Date ToProtoDate(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static Google.Type.Date? ToProtoDate(this DateOnly? date) => date?.ToProtoDate();
}
