using AfterSales.Platform.Errors;

namespace AfterSales.Platform.Data;

/// <summary>
/// The name of the service this process is (e.g. "tickets"). Platform requests that every service hosts
/// name the service they are for; a request meant for another service is refused here rather than
/// answered with this service's records.
/// </summary>
public sealed record OwnService(string Name)
{
    public void Require(string requested)
    {
        if (!string.Equals(requested, Name, StringComparison.Ordinal))
        {
            throw ValidationException.ForField("service", $"This is the {Name} service.");
        }
    }
}
