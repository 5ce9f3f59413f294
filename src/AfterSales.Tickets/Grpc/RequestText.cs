namespace AfterSales.Tickets.Grpc;

/// <summary>Optional text of a request as the domain keeps it: trimmed, and null when blank.</summary>
internal static class RequestText
{
    public static string? NullIfBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
