namespace AfterSales.Documents.Model;

/// <summary>What a document is about: what its subject id identifies, in the service that owns it.</summary>
public enum SubjectKind
{
    Ticket = 1,
    Customer = 2,
    Asset = 3,
    Contract = 4,
    Station = 5,
    Project = 6,
    Warehouse = 7,
}

/// <summary>A form the suite renders and archives (§6), titled in Chinese as the regulations print it.</summary>
public sealed class Template
{
    private Template() { }

    public Template(Guid id, string code, string title, int version, SubjectKind subjectKind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        if (!Enum.IsDefined(subjectKind))
        {
            throw new ArgumentOutOfRangeException(nameof(subjectKind), subjectKind, "Unknown subject kind.");
        }
        Id = id;
        Code = code;
        Title = title;
        Version = version;
        SubjectKind = subjectKind;
    }

    public Guid Id { get; private set; }

    /// <summary>Unique; archived copies name their template by it.</summary>
    public string Code { get; private set; } = "";

    public string Title { get; private set; } = "";

    /// <summary>Raised when the form's layout or wording changes; each archived copy keeps the version it was made from.</summary>
    public int Version { get; private set; }

    public SubjectKind SubjectKind { get; private set; }
}
