namespace AfterSales.Identity.Model;

/// <summary>The roles of internal staff, as the <c>role</c> claims of their access tokens spell them.</summary>
public static class StaffRoles
{
    public const string Receptionist = "receptionist";
    public const string Dispatcher = "dispatcher";
    public const string Technician = "technician";
    public const string Manager = "manager";
    public const string Finance = "finance";
    public const string QualityAssurance = "qa";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Receptionist, Dispatcher, Technician, Manager, Finance, QualityAssurance, Admin,
    };
}
