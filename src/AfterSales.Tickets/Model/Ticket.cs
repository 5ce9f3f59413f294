using AfterSales.Platform;
namespace AfterSales.Tickets.Model;

/// <summary>How a repair request reached the company (§1 八, §2 3.5).</summary>
public enum IntakeChannel
{
    Phone = 1,
    Letter = 2,
    Fax = 3,
    Visit = 4,
    PartnerApi = 5,
}

/// <summary>Who pays (§1 六): A paid, B contract, C free, D internal work.</summary>
public enum ServiceCategory
{
    Paid = 1,
    Contract = 2,
    Free = 3,
    Internal = 4,
}

/// <summary>Where a ticket is in its life; the transitions live on <see cref="Ticket"/>.</summary>
public enum TicketStatus
{
    /// <summary>Registered at intake (报修登记), waiting for dispatch.</summary>
    Registered = 1,
}

/// <summary>What a caller reported at intake, checked before a ticket is opened.</summary>
public sealed record IntakeReport(
    string SerialNumber,
    string? ComponentCode,
    IntakeChannel Channel,
    string ContactName,
    string ContactPhone,
    string FaultDescription,
    DateTimeOffset ReceivedAt,
    string? LateRegistrationReason = null);

/// <summary>
/// When intake takes a request to have been received (§2 3.5: the register records a request as it comes
/// in). The entitlement is decided on that day, so a back-dated ticket could turn paid work into free
/// work: only the company's own staff may register a request late, at most <paramref name="LateRegistrationWindow"/>
/// back and with a reason; a station's requests are received when they are registered.
/// </summary>
public sealed record IntakeClock(DateTimeOffset Now, bool CallerMayRegisterLate, TimeSpan LateRegistrationWindow)
{
    /// <summary>How far a caller's clock may be off ours: ahead of now by this much is not the future, behind it is not late.</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    public const int MaxReasonLength = 500;
}

/// <summary>The entitlement the customers service decided for the asset at intake.</summary>
public sealed record IntakeEntitlement(Guid AssetId, Guid CustomerId, Guid StationId, ServiceCategory Category, string Reason);

/// <summary>
/// A repair ticket. It is opened from an intake report and the asset's entitlement, and carries its
/// service category for the rest of its life: billing and reports depend on it never changing silently.
/// </summary>
public sealed class Ticket
{
    private Ticket() { }

    public static Ticket Open(Guid id, string number, IntakeReport report, IntakeEntitlement entitlement, DateTimeOffset now) => new()
    {
        Id = id,
        Number = number,
        StationId = entitlement.StationId,
        CustomerId = entitlement.CustomerId,
        AssetId = entitlement.AssetId,
        SerialNumber = report.SerialNumber,
        ComponentCode = string.IsNullOrEmpty(report.ComponentCode) ? null : report.ComponentCode,
        Channel = report.Channel,
        ContactName = report.ContactName,
        ContactPhone = report.ContactPhone,
        FaultDescription = report.FaultDescription,
        ReceivedAt = BusinessCalendar.ToStoredPrecision(report.ReceivedAt),
        LateRegistrationReason = report.LateRegistrationReason,
        Category = entitlement.Category,
        CategoryReason = entitlement.Reason,
        Status = TicketStatus.Registered,
        CreatedAt = BusinessCalendar.ToStoredPrecision(now),
    };

    public Guid Id { get; private set; }

    /// <summary>Human-facing number, unique, e.g. T20261127-000042.</summary>
    public string Number { get; private set; } = "";

    public Guid StationId { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid AssetId { get; private set; }
    public string SerialNumber { get; private set; } = "";
    public string? ComponentCode { get; private set; }
    public IntakeChannel Channel { get; private set; }
    public string ContactName { get; private set; } = "";
    public string ContactPhone { get; private set; } = "";
    public string FaultDescription { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Why the request was registered after it was received, by staff; null when it was not.</summary>
    public string? LateRegistrationReason { get; private set; }
    public ServiceCategory Category { get; private set; }
    public string CategoryReason { get; private set; } = "";
    public TicketStatus Status { get; private set; }
    /// <summary>When the ticket was registered (opened).</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): two dispatchers never both win.</summary>
    public uint Version { get; private set; }

    /// <summary>
    /// The number of the <paramref name="sequence"/>-th ticket a station registered on a day. Numbered per
    /// station, so a station's numbers tell it nothing about another's volume, and dated by registration,
    /// so a late registration cannot claim an old day.
    /// </summary>
    public static string FormatNumber(DateOnly registeredOn, string stationCode, long sequence) =>
        $"T{registeredOn:yyyyMMdd}-{stationCode}-{sequence:D4}";

    /// <summary>
    /// Room for "T", the date, a station code (<see cref="Station.MaxCodeLength"/>) and a count of up to
    /// five digits; other services (billing) keep ticket numbers of this length.
    /// </summary>
    public const int MaxNumberLength = 32;
}
