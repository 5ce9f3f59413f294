namespace AfterSales.Platform.Grpc;

/// <summary>Optional text of a request as the domain keeps it: trimmed, and null when blank.</summary>
public static class RequestText
{
    public static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
