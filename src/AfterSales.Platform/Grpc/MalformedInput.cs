using System.Buffers;
using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace AfterSales.Platform.Grpc;

/// <summary>
/// What no request of any RPC may carry, whatever its contract says: text with control characters
/// (PostgreSQL refuses NUL, and the others are never data), timestamps, durations and dates that do not
/// exist (converting them throws), and lists longer than any caller means. Found by walking the message
/// with its descriptors, so every RPC, today's and tomorrow's, is covered without a line of its own.
/// Field paths are the proto's, as google.rpc.BadRequest expects: <c>received_at</c>, <c>lines[3].fee_code</c>.
/// </summary>
/// <remarks>
/// Limits that belong to one field (a name's length, a page size) stay with the domain type that owns
/// them; these are only what is garbage everywhere.
/// </remarks>
public static class MalformedInput
{
    /// <summary>No list in a request is meant to be longer; a domain's own limits are usually far lower.</summary>
    public const int MaxRepeatedEntries = 1_000;

    /// <summary>Enough to fix a request by; a message of garbage has no use for more.</summary>
    private const int MaxViolations = 100;

    // google.protobuf.Timestamp's range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
    private const long MinTimestampSeconds = -62_135_596_800;
    private const long MaxTimestampSeconds = 253_402_300_799;

    // google.protobuf.Duration's range: about ±10,000 years.
    private const long MaxDurationSeconds = 315_576_000_000;

    private const int MaxNanos = 999_999_999;

    /// <summary>The C0 control characters but tab, line feed and carriage return.</summary>
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r'))]);

    /// <summary>Every malformed field of <paramref name="message"/> (at most a hundred); empty when there is none.</summary>
    public static IReadOnlyList<BadRequest.Types.FieldViolation> Find(IMessage message)
    {
        var found = new List<BadRequest.Types.FieldViolation>();
        Walk(message, "", found);
        return found;
    }

    /// <summary>True for text without control characters (tab, CR and LF are text) and without broken surrogate pairs.</summary>
    public static bool IsText(ReadOnlySpan<char> text)
    {
        if (text.ContainsAny(Controls))
        {
            return false;
        }
        if (!text.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return true;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static void Walk(IMessage message, string path, List<BadRequest.Types.FieldViolation> found)
    {
        switch (message)
        {
            case Timestamp timestamp:
                if (timestamp.Seconds is < MinTimestampSeconds or > MaxTimestampSeconds || timestamp.Nanos is < 0 or > MaxNanos)
                {
                    Add(found, path, $"{path} must be an instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z.");
                }
                return;
            case Duration duration:
                if (duration.Seconds is < -MaxDurationSeconds or > MaxDurationSeconds || duration.Nanos is < -MaxNanos or > MaxNanos
                    || (duration.Seconds < 0 && duration.Nanos > 0) || (duration.Seconds > 0 && duration.Nanos < 0))
                {
                    Add(found, path, $"{path} must be a duration of at most 10,000 years, its seconds and nanos of one sign.");
                }
                return;
            case Google.Type.Date date:
                if (!IsDate(date))
                {
                    Add(found, path, $"{path} is not a date of the calendar.");
                }
                return;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (found.Count >= MaxViolations)
            {
                return;
            }
            var fieldPath = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            var value = field.Accessor.GetValue(message);
            if (value is ICollection entries && field.IsRepeated && entries.Count > MaxRepeatedEntries)
            {
                Add(found, fieldPath, $"{fieldPath} holds {entries.Count} entries; no list takes more than {MaxRepeatedEntries}.");
            }
            else if (field.IsMap)
            {
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    var entryPath = $"{fieldPath}[{entry.Key}]";
                    Check(entry.Key, entryPath, found);
                    Check(entry.Value, entryPath, found);
                }
            }
            else if (field.IsRepeated)
            {
                var index = 0;
                foreach (var entry in (IEnumerable)value)
                {
                    Check(entry, $"{fieldPath}[{index++}]", found);
                }
            }
            else
            {
                Check(value, fieldPath, found);
            }
        }
    }

    private static void Check(object? value, string path, List<BadRequest.Types.FieldViolation> found)
    {
        switch (value)
        {
            case string text when !IsText(text):
                Add(found, path, $"{path} holds a control character or broken Unicode; text may hold tabs and line breaks, no other control characters.");
                break;
            case IMessage child:
                Walk(child, path, found);
                break;
        }
    }

    /// <summary>A whole date, or one of the partial dates google.type.Date allows (no year; year and month; year alone).</summary>
    private static bool IsDate(Google.Type.Date date)
    {
        if (date.Year is < 0 or > 9999 || date.Month is < 0 or > 12 || date.Day is < 0 or > 31 || (date.Month == 0 && date.Day != 0))
        {
            return false;
        }
        // Without a year, 29 February is a date (a birthday); the leap year 2000 stands in.
        return date.Month == 0 || date.Day <= DateTime.DaysInMonth(date.Year == 0 ? 2000 : date.Year, date.Month);
    }

    private static void Add(List<BadRequest.Types.FieldViolation> found, string path, string description)
    {
        if (found.Count < MaxViolations)
        {
            found.Add(new BadRequest.Types.FieldViolation { Field = path, Description = description });
        }
    }
}
