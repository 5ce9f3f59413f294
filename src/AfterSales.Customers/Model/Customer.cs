using AfterSales.Platform.Errors;

namespace AfterSales.Customers.Model;

/// <summary>How a customer is served, as the service ticket form records it (§1 表1.1).</summary>
public enum CustomerAttribute
{
    InWarranty = 1,
    AnnualContract = 2,
    PerVisitContract = 3,
    ContactLetter = 4,
}

/// <summary>A customer file (客户档案), opened at sale or project handover (§1, §4 顾客档案制).</summary>
public sealed class Customer
{
    private Customer() { }

    public Customer(Guid id, string code, string name, CustomerAttribute attribute, Guid servingStationId, DateTimeOffset openedAt)
    {
        Id = id;
        Code = code;
        Name = name;
        Attribute = attribute;
        ServingStationId = servingStationId;
        OpenedAt = openedAt;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public CustomerAttribute Attribute { get; private set; }

    /// <summary>The partner station (owned by the tickets service) that serves this customer.</summary>
    public Guid ServingStationId { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>When the file itself (name, attribute, contacts, sites) was last edited; null if never.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    public List<Contact> Contacts { get; private set; } = [];

    /// <summary>The digits of every contact's phone, space separated: what a search by phone number matches, however it was dialled.</summary>
    public string PhoneDigits { get; private set; } = "";
    public List<Site> Sites { get; private set; } = [];

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): of two people editing one file at once, one is refused.</summary>
    public uint Version { get; private set; }

    /// <summary>How many contracts were signed with the customer.</summary>
    public int ContractsSigned { get; private set; }

    /// <summary>
    /// Counts a contract signed with the customer. It changes the file, so of two contracts signed at once,
    /// each checked against the other contracts it could overlap, only one is saved (<see cref="Version"/>).
    /// </summary>
    public void CountContractSigned() => ContractsSigned++;

    public const int MaxNameLength = 200;
    public const int MaxContacts = 10;
    public const int MaxSites = 20;

    /// <summary>The human-facing code of the <paramref name="sequence"/>-th file opened through the API.</summary>
    public static string FormatCode(long sequence) => $"C-{sequence:D6}";

    public void Rename(string name) => Name = name;

    /// <summary>Hands the customer to another station of the network, which serves it from now on.</summary>
    public void TransferTo(Guid stationId)
    {
        if (stationId == ServingStationId)
        {
            throw new PreconditionFailedException($"Customer {Code} is served by that station already.");
        }
        ServingStationId = stationId;
    }

    public void ChangeAttribute(CustomerAttribute attribute) => Attribute = attribute;

    public void ReplaceContacts(IEnumerable<Contact> contacts)
    {
        Contacts = [.. contacts];
        PhoneDigits = string.Join(' ', Contacts.Select(c => DigitsOf(c.Phone)));
    }

    /// <summary>
    /// How many times the file itself was edited: its etag. An edit names the revision it was made against, and
    /// one made against an older revision is refused; of two made at once against the same one, the row version
    /// (<see cref="Version"/>) refuses the second save.
    /// </summary>
    public int Revision { get; private set; }

    /// <summary>Marks the file edited at <paramref name="at"/>: a new revision.</summary>
    public void Touch(DateTimeOffset at)
    {
        UpdatedAt = at;
        Revision++;
    }

    /// <summary>A phone number's digits, as a search by phone compares them ("0571-8888 1001" → "057188881001").</summary>
    public static string DigitsOf(string phone) => string.Concat(phone.Where(char.IsAsciiDigit));

    public void AddSite(Site site)
    {
        if (Sites.Count >= MaxSites)
        {
            throw new PreconditionFailedException($"Customer {Code} has {MaxSites} sites already.");
        }
        Sites.Add(site);
    }
}

/// <summary>A person to call at the customer.</summary>
public sealed record Contact(string Name, string Phone)
{
    public const int MaxNameLength = 100;
    public const int MaxPhoneLength = 32;
}

/// <summary>A place where assets are installed; region and distance drive SLA policies.</summary>
public sealed class Site
{
    private Site() { }

    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;
    public const int MaxRegionLength = 32;

    /// <summary>Farther than any road from a station in the country.</summary>
    public const int MaxDistanceKm = 5000;

    public Site(Guid id, string name, string address, string region, int distanceKm)
    {
        Id = id;
        Name = name;
        Address = address;
        Region = region;
        DistanceKm = distanceKm;
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string Name { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string Region { get; private set; } = "";
    public int DistanceKm { get; private set; }

    public void Update(string? name, string? address, string? region, int? distanceKm)
    {
        Name = name ?? Name;
        Address = address ?? Address;
        Region = region ?? Region;
        DistanceKm = distanceKm ?? DistanceKm;
    }
}
