namespace AfterSales.Platform.Security;

/// <summary>
/// Who may call an RPC, declared on its handler method: the one place a reader looks to learn it.
/// <see cref="AccessInterceptor"/> enforces it before the handler runs and refuses every call to a
/// handler that declares nothing (deny by default); a functional test walks every RPC of every proto
/// against every kind of caller, so an RPC without a declaration cannot land.
/// </summary>
/// <remarks>
/// The staff roles given are those of the company's own staff (internal staff: a token with roles and no
/// station). Partner stations are admitted only with <see cref="Stations"/>: then a station's own client
/// may call, and a member of a station's staff may when they hold one of the roles. Whatever passes
/// here still sees only its own station's objects: that is the handler's <see cref="Caller"/> check.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AccessAttribute(params string[] staffRoles) : Attribute
{
    /// <summary>Stands for every staff role: e.g. reference data any member of staff may read.</summary>
    public const string AnyRole = "*";

    /// <summary>The staff roles admitted; <see cref="AnyRole"/> admits every one of them.</summary>
    public IReadOnlyList<string> StaffRoles { get; } = staffRoles;

    /// <summary>Partner stations may call too (their client, and their staff holding one of the roles).</summary>
    public bool Stations { get; init; }

    /// <summary>No token needed: health checks only. Never on an RPC that reads or changes business data.</summary>
    public bool Anonymous { get; init; }

    /// <summary>Whether <paramref name="caller"/> may make the call.</summary>
    public bool Allows(Caller caller)
    {
        if (Anonymous)
        {
            return true;
        }
        if (caller.StationId is not null)
        {
            // A station's own client speaks for the station as a whole; its staff by their roles.
            return Stations && (caller.Roles.Count == 0 || HoldsAdmittedRole(caller));
        }
        return caller.IsInternalStaff && HoldsAdmittedRole(caller);
    }

    private bool HoldsAdmittedRole(Caller caller) =>
        StaffRoles.Contains(AnyRole) ? caller.Roles.Overlaps(Security.StaffRoles.All) : StaffRoles.Any(caller.Roles.Contains);

    /// <summary>Who the declaration admits, in words, for error messages and test names.</summary>
    public override string ToString()
    {
        if (Anonymous)
        {
            return "anyone";
        }
        var staff = StaffRoles.Contains(AnyRole) ? "all staff" : $"staff with role {string.Join(" or ", StaffRoles)}";
        return Stations ? $"stations and {staff}" : $"internal {staff}";
    }
}
