namespace AfterSales.Tickets.Model;

/// <summary>A partner service station (特约服务站), authorised under an agreement with the company (§10 二.3–4).</summary>
public sealed class Station
{
    private Station() { }

    /// <summary>A station's code appears in each of its ticket numbers, so it is kept short.</summary>
    public const int MaxCodeLength = 16;
    public const int MaxNameLength = 200;
    public const int MaxRegionLength = 32;

    public Station(Guid id, string code, string name, string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code.Length, MaxCodeLength, nameof(code));
        Id = id;
        Code = code;
        Name = name;
        Region = region;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Region { get; private set; } = "";
}

/// <summary>A field technician of a station, with the skills dispatch matches against (§10 五.4).</summary>
public sealed class Technician
{
    private Technician() { }

    public const int MaxNameLength = 100;

    public Technician(Guid id, Guid stationId, string name, IEnumerable<string> skills, IEnumerable<string>? certifications = null, string region = "")
    {
        Id = id;
        StationId = stationId;
        Name = name;
        Skills = [.. skills];
        Certifications = [.. certifications ?? []];
        Region = region;
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public string Name { get; private set; } = "";
    public List<string> Skills { get; private set; } = [];

    /// <summary>Certificates held (§10 五.4), e.g. an electrician's licence.</summary>
    public List<string> Certifications { get; private set; } = [];

    /// <summary>The region the technician covers, e.g. ZJ-HZ; empty when the whole station's.</summary>
    public string Region { get; private set; } = "";

    /// <summary>
    /// The staff account (its subject, a user id) the technician signs in with, when one is linked: signed in, the
    /// technician works the tickets assigned to them, and only those.
    /// </summary>
    public Guid? UserId { get; private set; }

    public void LinkAccount(Guid? userId) => UserId = userId;

    /// <summary>When the technician left the station; null while they work for it. A retired one takes no new work.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    /// <summary>Records that the technician left; retiring them again changes nothing.</summary>
    public void Retire(DateTimeOffset at) => RetiredAt ??= at;

    public void Rename(string name) => Name = name;

    public void ReplaceSkills(IEnumerable<string> skills) => Skills = [.. skills];

    public void ReplaceCertifications(IEnumerable<string> certifications) => Certifications = [.. certifications];

    public void MoveToRegion(string region) => Region = region;
}

/// <summary>A technician's fitness for a ticket, and its reasons.</summary>
public sealed record TechnicianFitness(Technician Technician, bool HasSkill, bool Certified, bool InRegion, int OpenTickets)
{
    /// <summary>
    /// Higher is better: the certification a fault needs counts most (without it the work may not be done
    /// at all), then the skill, then the region; each open ticket costs a little, so work spreads out.
    /// </summary>
    public int Score => (Certified ? 1000 : 0) + (HasSkill ? 100 : 0) + (InRegion ? 30 : 0) - Math.Min(OpenTickets, 20) * 5;

    /// <summary>Ranks a station's technicians for a fault of <paramref name="faultType"/> in <paramref name="region"/>, best first.</summary>
    public static IReadOnlyList<TechnicianFitness> Rank(IEnumerable<Technician> technicians, FaultType? faultType, string? region,
        IReadOnlyDictionary<Guid, int> openTickets) =>
        [.. technicians
            .Select(t => new TechnicianFitness(
                t,
                faultType is null || t.Skills.Contains(faultType.Skill, StringComparer.OrdinalIgnoreCase),
                faultType?.Certification is not { } certification || t.Certifications.Contains(certification, StringComparer.OrdinalIgnoreCase),
                string.IsNullOrEmpty(region) || string.IsNullOrEmpty(t.Region) || string.Equals(t.Region, region, StringComparison.OrdinalIgnoreCase),
                openTickets.GetValueOrDefault(t.Id)))
            .OrderByDescending(f => f.Score)
            .ThenBy(f => f.Technician.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Technician.Id)];
}
