using AfterSales.Tickets.Model;

namespace AfterSales.Tickets.Sla;

/// <summary>
/// The policy the suite starts with: every SLA example of the seed as a rule, and the two service lines
/// of §8 5.1 as calendars. A seeder writes these once; from then on they are data to edit. Each call
/// returns new objects, since the objects a context tracks cannot be shared.
/// </summary>
/// <remarks>
/// <para>Precedence of the defaults. Ordinary rules, keyed by fault and distance, have precedence 0; rules
/// for emergencies and for jobs of a flow of their own (return orders, quality complaints) have 1, so an
/// emergency or a complaint is never held to the slower target of its fault type. Within a rank the more
/// specific rule wins (a §12 project emergency, with three criteria, over the §8 emergency line).</para>
/// <para>Where the seed is silent: §12's "at once" while the team is on site is taken as 1 hour on site,
/// the seed's fastest figure (§3 4.4.1); §8's 2 h answer and 12 h visit are business hours of the
/// hotline for ordinary calls and elapsed hours of the 24-hour line for emergencies; a target of days is
/// counted in elapsed days of 24 hours; §2 3.2.2's "beyond 100 km or needing the supplier" sets only
/// the answer, and "within 100 km" only the visit, as the seed says and no more.</para>
/// </remarks>
public static class SlaDefaults
{
    /// <summary>The hotline's hours (服务热线, 每天8:30~17:30), on working days.</summary>
    public const string HotlineCalendar = "hotline";

    /// <summary>The 24-hour line (24小时): calendar hours.</summary>
    public const string RoundTheClockCalendar = "24h";

    /// <summary>Codes of the fault-type list (the tickets service's fault types) the seed's targets are keyed by (§2 3.2.2–3.2.3).</summary>
    public const string BodyFault = "BODY";
    public const string EngineChassisFault = "ENGINE_CHASSIS";

    /// <summary>Kilometres from the serving station within which a body fault is visited (服务半径100km).</summary>
    public const decimal ServiceRadiusKm = 100;

    public static SlaPolicy Policy() => new(Rules(), Calendars());

    public static IReadOnlyList<ServiceCalendar> Calendars() =>
    [
        ServiceCalendar.WorkingHours(HotlineCalendar, "服务热线 8:30–17:30", new TimeOnly(8, 30), new TimeOnly(17, 30),
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            Holidays2026()),
        ServiceCalendar.RoundTheClock(RoundTheClockCalendar, "24小时服务热线"),
    ];

    public static IReadOnlyList<SlaRule> Rules() =>
    [
        new("S8-5.1-5.3", "§8 5.1, 5.3: every question answered within 2 h and a technician on site within 12 h, in hotline hours",
            new SlaCriteria(),
            firstResponse: Hotline(2), arrival: Hotline(12)),
        new("S8-5.1-EMERGENCY", "§8 5.1: the 24-hour line, for emergencies: answered within 2 h, on site within 12 h, around the clock",
            new SlaCriteria { Priority = Priority.Emergency },
            firstResponse: Elapsed(2), arrival: Elapsed(12), precedence: 1),
        new("S2-3.2.2-BODY-NEAR", "§2 3.2.2: a body fault within 100 km of the station is handled on site within 24 h",
            new SlaCriteria { FaultType = BodyFault, DistanceUpToKm = ServiceRadiusKm, NeedsSupplier = false },
            arrival: Elapsed(24)),
        new("S2-3.2.2-BODY-FAR", "§2 3.2.2: a body fault beyond 100 km of the station is answered within 12 h",
            new SlaCriteria { FaultType = BodyFault, DistanceAboveKm = ServiceRadiusKm },
            firstResponse: Elapsed(12)),
        new("S2-3.2.2-BODY-SUPPLIER", "§2 3.2.2: a body fault that needs the component's supplier is answered within 12 h",
            new SlaCriteria { FaultType = BodyFault, NeedsSupplier = true },
            firstResponse: Elapsed(12)),
        new("S2-3.2.3-ENGINE-CHASSIS", "§2 3.2.3: an engine or chassis fault is answered in writing within 12 h",
            new SlaCriteria { FaultType = EngineChassisFault },
            firstResponse: Elapsed(12)),
        new("S7-2.2-IN-PROVINCE", "§7 2.2: a quality complaint in the province: on site within 3 days",
            new SlaCriteria { Job = SlaJobKind.QualityComplaint, Zone = SiteZone.InProvince },
            arrival: SlaTarget.Days(3, RoundTheClockCalendar), precedence: 1),
        new("S7-2.2-OUT-OF-PROVINCE", "§7 2.2: a quality complaint outside the province: on site within a week",
            new SlaCriteria { Job = SlaJobKind.QualityComplaint, Zone = SiteZone.OutOfProvince },
            arrival: SlaTarget.Days(7, RoundTheClockCalendar), precedence: 1),
        new("S7-2.2-REMOTE", "§7 2.2: a quality complaint in a remote area: on site within 10 days",
            new SlaCriteria { Job = SlaJobKind.QualityComplaint, Zone = SiteZone.Remote },
            arrival: SlaTarget.Days(10, RoundTheClockCalendar), precedence: 1),
        new("S3-4.4.1-RETURN-ORDER", "§3 4.4.1: equipment staff survey the site within 1 h of receiving a return order",
            new SlaCriteria { Job = SlaJobKind.ReturnOrder },
            arrival: Elapsed(1), precedence: 1),
        new("S12-5.4.1.2-TEAM-ON-SITE", "§12 5.4.1.2 1a: an emergency in warranty while the project team still works there: on site at once (1 h)",
            ProjectEmergency(ProjectPhase.TeamOnSite),
            arrival: Elapsed(1), precedence: 1),
        new("S12-5.4.1.2-TEAM-LEFT", "§12 5.4.1.2 2a: an emergency in warranty after the team left, the department still in the city: on site within 24 h",
            ProjectEmergency(ProjectPhase.TeamLeft),
            arrival: Elapsed(24), precedence: 1),
        new("S12-5.4.1.2-DEPARTMENT-LEFT", "§12 5.4.1.2 3a: an emergency in warranty after the department left the city: the nearest team on site within 48 h",
            ProjectEmergency(ProjectPhase.DepartmentLeftCity),
            arrival: Elapsed(48), precedence: 1),
    ];

    private static SlaTarget Hotline(int hours) => SlaTarget.Hours(hours, HotlineCalendar);

    private static SlaTarget Elapsed(int hours) => SlaTarget.Hours(hours, RoundTheClockCalendar);

    /// <summary>§12 5.4.1.2 is the rule for projects in warranty (category C) whose contract says nothing more.</summary>
    private static SlaCriteria ProjectEmergency(ProjectPhase phase) =>
        new() { Priority = Priority.Emergency, Category = ServiceCategory.Free, ProjectPhase = phase };

    /// <summary>国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025): the days off and the weekend days worked.</summary>
    private static IEnumerable<SpecialDay> Holidays2026()
    {
        var days = new List<SpecialDay>();
        void Off(string name, int month, int firstDay, int lastDay)
        {
            for (var day = firstDay; day <= lastDay; day++)
            {
                days.Add(new SpecialDay(new DateOnly(2026, month, day), SpecialDayKind.Holiday, name));
            }
        }
        void Worked(string name, int month, int day) =>
            days.Add(new SpecialDay(new DateOnly(2026, month, day), SpecialDayKind.WorkingDay, name + "调休上班"));

        Off("元旦", 1, 1, 3);
        Worked("元旦", 1, 4);
        Off("春节", 2, 15, 23);
        Worked("春节", 2, 14);
        Worked("春节", 2, 28);
        Off("清明节", 4, 4, 6);
        Off("劳动节", 5, 1, 5);
        Worked("劳动节", 5, 9);
        Off("端午节", 6, 19, 21);
        Off("中秋节", 9, 25, 27);
        Off("国庆节", 10, 1, 7);
        Worked("国庆节", 9, 20);
        Worked("国庆节", 10, 10);
        return days;
    }
}
