using System.Security.Claims;
using AfterSales.Platform.Errors;

namespace AfterSales.Platform.Security;

/// <summary>The staff roles tokens carry (claim <c>role</c>).</summary>
public static class StaffRoles
{
    public const string Receptionist = "receptionist";
    public const string Dispatcher = "dispatcher";
    public const string Technician = "technician";
    public const string Manager = "manager";
    public const string Finance = "finance";
    public const string Qa = "qa";
    public const string Admin = "admin";

    /// <summary>The service centre's director (服务中心主任): confirms repair estimates (§3 3.6).</summary>
    public const string Director = "director";

    /// <summary>The general manager (总经理): approves repair estimates, and emergency work by phone (§3 4.4.2).</summary>
    public const string GeneralManager = "general_manager";

    /// <summary>The affairs supervisor (事务主管): the second approval of a purchase request (§12 5.2.3).</summary>
    public const string AffairsSupervisor = "affairs_supervisor";

    /// <summary>The materials planner (物资计划员): the third approval of a purchase request (§12 5.2.3).</summary>
    public const string MaterialsPlanner = "materials_planner";

    /// <summary>Every staff role; a token with any other role is refused by the token server.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Receptionist, Dispatcher, Technician, Manager, Finance, Qa, Admin, Director, GeneralManager, AffairsSupervisor, MaterialsPlanner,
    };
}

/// <summary>
/// Who is calling, from the validated access token: a partner station (client credentials, with its
/// station id), a member of a station's staff (roles and a station id), or internal staff (roles, no
/// station). Handlers ask it at the point where they load or change an object.
/// </summary>
public sealed class Caller
{
    public const string StationIdClaim = "station_id";
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";
    public const string NameClaim = "name";

    private Caller(string subject, string displayName, Guid? stationId, IReadOnlySet<string> roles)
    {
        Subject = subject;
        DisplayName = displayName;
        StationId = stationId;
        Roles = roles;
    }

    /// <summary>The token's subject: a station client or a staff user.</summary>
    public string Subject { get; }

    /// <summary>The name a form prints for the caller: a member of staff's full name, a station client's id.</summary>
    public string DisplayName { get; }

    /// <summary>The station the caller belongs to, if any; then it sees only that station's objects.</summary>
    public Guid? StationId { get; }

    public IReadOnlySet<string> Roles { get; }

    /// <summary>Internal staff: no station, and at least one staff role.</summary>
    public bool IsInternalStaff => StationId is null && Roles.Overlaps(StaffRoles.All);

    public bool HasAnyRole(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>
    /// Whether an object of <paramref name="stationId"/> exists for this caller. Answer NOT_FOUND when it
    /// does not: another station's object must be indistinguishable from a missing one. Who may call at
    /// all is declared per RPC (<see cref="AccessAttribute"/>); this is the one rule of what they then see.
    /// </summary>
    public bool MaySee(Guid stationId) => StationId == stationId || IsInternalStaff;

    /// <summary>
    /// <paramref name="found"/> when this caller may see it; otherwise NOT_FOUND, exactly as if it did not
    /// exist. Handlers load an object, then pass it through here before using it in any way.
    /// </summary>
    public T Visible<T>(T? found, Func<T, Guid> stationOf, string kind, string id) where T : class =>
        found is not null && MaySee(stationOf(found)) ? found : throw new NotFoundException(kind, id);

    public static Caller From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return new Caller("anonymous", "anonymous", null, new HashSet<string>());
        }
        var stationId = Guid.TryParse(principal.FindFirst(StationIdClaim)?.Value, out var id) ? id : (Guid?)null;
        var roles = principal.FindAll(RoleClaim).Select(c => c.Value)
            .Concat(principal.FindAll(ClaimTypes.Role).Select(c => c.Value))
            .ToHashSet(StringComparer.Ordinal);
        var subject = principal.FindFirst(SubjectClaim)?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "unknown";
        var name = principal.FindFirst(NameClaim)?.Value ?? principal.FindFirst(ClaimTypes.Name)?.Value;
        return new Caller(subject, string.IsNullOrWhiteSpace(name) ? subject : name, stationId, roles);
    }
}
