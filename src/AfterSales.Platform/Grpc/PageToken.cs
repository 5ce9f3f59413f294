using System.Globalization;
using System.Text;
using AfterSales.Platform.Errors;

namespace AfterSales.Platform.Grpc;

/// <summary>
/// Opaque keyset page tokens: the sort key of the last item served, base64url-encoded. Keyset paging
/// stays correct while rows are added, and a token reveals nothing a caller could not already see.
/// </summary>
public static class PageToken
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static int SizeOrDefault(int requested) => requested == 0 ? DefaultPageSize : requested;

    public static string Encode(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A token for lists ordered newest first by an instant, ties broken by a unique number.</summary>
    public static string EncodeInstant(DateTimeOffset instant, string number) =>
        Encode(string.Create(CultureInfo.InvariantCulture, $"{instant.UtcTicks}|{number}"));

    /// <summary>The instant and number in a token from <see cref="EncodeInstant"/>, or null for the first page.</summary>
    public static (DateTimeOffset Instant, string Number)? DecodeInstant(string? token)
    {
        if (Decode(token) is not { } key)
        {
            return null;
        }
        var parts = key.Split('|');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks)
        {
            return (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
        }
        throw NotIssuedHere();
    }

    /// <summary>The instant and id in a token from <see cref="EncodeInstant"/> with an id as its number, or null for the first page.</summary>
    public static (DateTimeOffset Instant, Guid Id)? DecodeInstantAndId(string? token) =>
        DecodeInstant(token) is var (instant, number)
            ? (instant, Guid.TryParse(number, out var id) ? id : throw NotIssuedHere())
            : null;

    /// <summary>The id in a token of <see cref="Encode"/>d id, for lists ordered by a time-ordered id; null for the first page.</summary>
    public static Guid? DecodeId(string? token) =>
        Decode(token) is { } key ? Guid.TryParse(key, out var id) ? id : throw NotIssuedHere() : null;

    /// <summary>The key in a token, or null for the first page; a malformed token is a field violation.</summary>
    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var key = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            // A forged token must not smuggle in what the request's own fields may not carry.
            return MalformedInput.IsText(key) ? key : throw NotIssuedHere();
        }
        catch (FormatException)
        {
            throw NotIssuedHere();
        }
    }

    private static ValidationException NotIssuedHere() =>
        ValidationException.ForField("page_token", "page_token is not a token this service issued.");
}
