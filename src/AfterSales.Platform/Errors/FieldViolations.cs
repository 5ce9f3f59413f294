using AfterSales.Platform.Grpc;
using Google.Rpc;

namespace AfterSales.Platform.Errors;

/// <summary>
/// Collects every problem of a request before answering, so a caller fixes all fields in one round trip.
/// Field names are the proto field paths (snake_case), as google.rpc.BadRequest expects.
/// </summary>
public sealed class FieldViolations
{
    private readonly List<BadRequest.Types.FieldViolation> _violations = [];

    public bool Any => _violations.Count > 0;

    public FieldViolations Add(string field, string description)
    {
        _violations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        return this;
    }

    /// <summary>A required text: not blank and at most <paramref name="maxLength"/> characters.</summary>
    public FieldViolations RequireText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, $"{field} is required.");
        }
        return OptionalText(field, value, maxLength);
    }

    /// <summary>An optional text: when present, at most <paramref name="maxLength"/> characters.</summary>
    public FieldViolations OptionalText(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }
        return this;
    }

    /// <summary>An opaque id issued by this suite: present and well-formed.</summary>
    public FieldViolations RequireId(string field, string? value, out Guid id)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            id = Guid.Empty;
            Add(field, $"{field} is required.");
        }
        else if (!Guid.TryParse(value, out id))
        {
            Add(field, $"{field} is not a valid id.");
        }
        return this;
    }

    /// <summary>An opaque id that may be left empty (null then); when given, well-formed.</summary>
    public FieldViolations OptionalId(string field, string? value, out Guid? id)
    {
        id = null;
        if (!string.IsNullOrEmpty(value))
        {
            RequireId(field, value, out var given);
            id = given;
        }
        return this;
    }

    /// <summary>
    /// A required amount of money: in yuan (CNY), more than zero, to the fen, and at most <paramref name="max"/>.
    /// </summary>
    public FieldViolations RequireAmount(string field, Common.V1.Money? value, decimal max, out decimal amount)
    {
        amount = 0m;
        if (value is null)
        {
            return Add(field, $"{field} is required.");
        }
        if (value.CurrencyCode != ProtoConversions.Currency)
        {
            return Add(field, $"{field} must be in {ProtoConversions.Currency}.");
        }
        if (value.Units < 0 || value.Nanos is < 0 or >= 1_000_000_000 || value.Nanos % 10_000_000 != 0 || value.Units > max)
        {
            return Add(field, $"{field} must be an amount in yuan to the fen (nanos a multiple of 10,000,000), at most {max}.");
        }
        amount = value.ToDecimal();
        if (amount <= 0m || amount > max)
        {
            amount = 0m;
            return Add(field, $"{field} must be more than 0 and at most {max}.");
        }
        return this;
    }

    /// <summary>A page size: 0 means the default, otherwise 1 to <paramref name="max"/>.</summary>
    public FieldViolations PageSize(string field, int value, int max)
    {
        if (value < 0 || value > max)
        {
            Add(field, $"{field} must be between 0 and {max}.");
        }
        return this;
    }

    /// <summary>One of an enumeration's values, or unspecified (0) where that means "any" or "none".</summary>
    public FieldViolations OptionalChoice<TEnum>(string field, TEnum value, string description) where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? this : Add(field, description);

    /// <summary>One of an enumeration's values, and not unspecified (0).</summary>
    public FieldViolations RequireChoice<TEnum>(string field, TEnum value, string description) where TEnum : struct, Enum =>
        Enum.IsDefined(value) && !EqualityComparer<TEnum>.Default.Equals(value, default) ? this : Add(field, description);

    /// <summary>An update mask naming at least one field, each of <paramref name="editable"/>; the paths it names.</summary>
    public FieldViolations UpdateMask(string field, Google.Protobuf.WellKnownTypes.FieldMask? mask, IReadOnlyCollection<string> editable, out IReadOnlySet<string> paths)
    {
        var named = new HashSet<string>(mask?.Paths ?? [], StringComparer.Ordinal);
        if (named.Count == 0 || !named.IsSubsetOf(editable))
        {
            Add(field, $"{field} names the fields to change, of: {string.Join(", ", editable)}.");
        }
        paths = named;
        return this;
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new ValidationException(_violations.ToArray());
        }
    }
}
