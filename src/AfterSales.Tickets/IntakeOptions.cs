namespace AfterSales.Tickets;

/// <summary>The <c>Tickets:Intake</c> configuration section.</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Tickets:Intake";

    /// <summary>How long after a request was received the company's staff may still register it (a letter, a weekend).</summary>
    public TimeSpan LateRegistrationWindow { get; set; } = TimeSpan.FromDays(7);
}
