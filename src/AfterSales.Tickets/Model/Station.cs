namespace AfterSales.Tickets.Model;

/// <summary>A partner service station (特约服务站), authorised under an agreement with the company (§10 二.3–4).</summary>
public sealed class Station
{
    private Station() { }

    /// <summary>A station's code appears in each of its ticket numbers, so it is kept short.</summary>
    public const int MaxCodeLength = 16;

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

    public Technician(Guid id, Guid stationId, string name, IEnumerable<string> skills)
    {
        Id = id;
        StationId = stationId;
        Name = name;
        Skills = [.. skills];
    }

    public Guid Id { get; private set; }
    public Guid StationId { get; private set; }
    public string Name { get; private set; } = "";
    public List<string> Skills { get; private set; } = [];
}
