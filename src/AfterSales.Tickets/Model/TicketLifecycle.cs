using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;

namespace AfterSales.Tickets.Model;

/// <summary>Where a ticket is in its life; <see cref="TicketLifecycle"/> says which moves each status allows.</summary>
public enum TicketStatus
{
    /// <summary>Registered at intake (报修登记), waiting for dispatch.</summary>
    Registered = 1,
    Dispatched = 2,
    AppointmentAgreed = 3,
    OnTheWay = 4,
    OnSite = 5,
    ResolvedOnSite = 6,
    ResolvedByPhone = 7,
    ResolvedRemotely = 8,
    TakenBack = 9,
    InWorkshopRepair = 10,
    Inspected = 11,
    Returned = 12,
    Signed = 13,
    Closed = 14,
    OnHold = 15,
    Cancelled = 16,
}

/// <summary>What can be done to a ticket: each is a move of the state machine.</summary>
public enum TicketAction
{
    Dispatch,
    Reassign,
    AgreeAppointment,
    StartTravel,
    Arrive,
    RecordWorkOnSite,
    RecordWorkInWorkshop,
    CompleteVisit,
    ResolveRemotely,
    ReceiveInWorkshop,
    Inspect,
    ReturnToCustomer,
    SignOff,
    Close,
    PutOnHold,
    Resume,
    Cancel,
    Reopen,
    ReviseCategory,
    DecideReturnOrExchange,
}

/// <summary>
/// The ticket's state machine as one table: for each action, the statuses it may be taken from. The
/// status an action leads to is decided by the action itself on <see cref="Ticket"/> (e.g. a visit's
/// result), but never from a status this table does not list: a refused move names the current status.
/// </summary>
public static class TicketLifecycle
{
    private static readonly TicketStatus[] BeforeTheVisit = [TicketStatus.Registered, TicketStatus.Dispatched, TicketStatus.AppointmentAgreed];

    /// <summary>Until the customer signs: what they sign includes who pays and what is done.</summary>
    private static readonly TicketStatus[] BeforeTheSignature =
    [
        TicketStatus.Registered, TicketStatus.Dispatched, TicketStatus.AppointmentAgreed, TicketStatus.OnTheWay, TicketStatus.OnSite,
        TicketStatus.ResolvedOnSite, TicketStatus.ResolvedByPhone, TicketStatus.ResolvedRemotely, TicketStatus.TakenBack,
        TicketStatus.InWorkshopRepair, TicketStatus.Inspected, TicketStatus.Returned, TicketStatus.OnHold,
    ];

    private static readonly Dictionary<TicketAction, TicketStatus[]> AllowedFrom = new()
    {
        [TicketAction.Dispatch] = [TicketStatus.Registered],
        // A new technician before anyone has left: the appointment is agreed again by the new one.
        [TicketAction.Reassign] = [TicketStatus.Dispatched, TicketStatus.AppointmentAgreed],
        [TicketAction.AgreeAppointment] = [TicketStatus.Dispatched, TicketStatus.AppointmentAgreed],
        // Emergencies may leave without an appointment (Ticket checks the priority for Dispatched).
        [TicketAction.StartTravel] = [TicketStatus.AppointmentAgreed, TicketStatus.Dispatched],
        [TicketAction.Arrive] = [TicketStatus.OnTheWay],
        [TicketAction.RecordWorkOnSite] = [TicketStatus.OnSite],
        [TicketAction.RecordWorkInWorkshop] = [TicketStatus.InWorkshopRepair],
        [TicketAction.CompleteVisit] = [TicketStatus.OnSite],
        [TicketAction.ResolveRemotely] = BeforeTheVisit,
        [TicketAction.ReceiveInWorkshop] = [TicketStatus.TakenBack],
        [TicketAction.Inspect] = [TicketStatus.InWorkshopRepair],
        [TicketAction.ReturnToCustomer] = [TicketStatus.Inspected],
        [TicketAction.SignOff] = [TicketStatus.ResolvedOnSite, TicketStatus.ResolvedByPhone, TicketStatus.ResolvedRemotely, TicketStatus.Returned],
        [TicketAction.Close] = [TicketStatus.Signed],
        [TicketAction.PutOnHold] =
        [
            TicketStatus.Registered, TicketStatus.Dispatched, TicketStatus.AppointmentAgreed, TicketStatus.OnTheWay, TicketStatus.OnSite,
            TicketStatus.TakenBack, TicketStatus.InWorkshopRepair, TicketStatus.Inspected,
        ],
        [TicketAction.Resume] = [TicketStatus.OnHold],
        // Not once the customer's unit is in the workshop: it must go back first.
        [TicketAction.Cancel] =
        [
            TicketStatus.Registered, TicketStatus.Dispatched, TicketStatus.AppointmentAgreed, TicketStatus.OnTheWay, TicketStatus.OnSite,
            TicketStatus.OnHold,
        ],
        [TicketAction.Reopen] = [TicketStatus.Closed, TicketStatus.Cancelled],
        [TicketAction.ReviseCategory] = BeforeTheSignature,
        [TicketAction.DecideReturnOrExchange] = BeforeTheSignature,
    };

    /// <summary>Statuses in which the ticket still needs work (it counts toward a technician's load).</summary>
    public static readonly IReadOnlySet<TicketStatus> Open = new HashSet<TicketStatus>(
        Enum.GetValues<TicketStatus>().Except([TicketStatus.Signed, TicketStatus.Closed, TicketStatus.Cancelled]));

    public static bool Allows(TicketStatus from, TicketAction action) => AllowedFrom[action].Contains(from);

    /// <summary>The statuses <paramref name="action"/> may be taken from.</summary>
    public static IReadOnlyList<TicketStatus> StatusesAllowing(TicketAction action) => AllowedFrom[action];

    /// <summary>Refuses <paramref name="action"/> unless the table allows it from <paramref name="current"/>.</summary>
    public static void Require(TicketStatus current, TicketAction action)
    {
        if (!Allows(current, action))
        {
            throw Refusal(current, action);
        }
    }

    public static PreconditionFailedException Refusal(TicketStatus current, TicketAction action, string? why = null) =>
        new($"The ticket is {NameOf(current)}: it cannot {Describe(action)}{(why is null ? "" : $" ({why})")}.");

    /// <summary>The status as callers see it on the wire, e.g. ON_HOLD.</summary>
    public static string NameOf(TicketStatus status) => status.WireName();

    private static string Describe(TicketAction action) => action switch
    {
        TicketAction.Dispatch => "be dispatched",
        TicketAction.Reassign => "be reassigned",
        TicketAction.AgreeAppointment => "have an appointment agreed",
        TicketAction.StartTravel => "start travel",
        TicketAction.Arrive => "record an arrival on site",
        TicketAction.RecordWorkOnSite => "record on-site work",
        TicketAction.RecordWorkInWorkshop => "record workshop work",
        TicketAction.CompleteVisit => "complete a visit",
        TicketAction.ResolveRemotely => "be resolved remotely",
        TicketAction.ReceiveInWorkshop => "be received in the workshop",
        TicketAction.Inspect => "be inspected",
        TicketAction.ReturnToCustomer => "be returned to the customer",
        TicketAction.SignOff => "be signed off",
        TicketAction.Close => "be closed",
        TicketAction.PutOnHold => "be put on hold",
        TicketAction.Resume => "be resumed",
        TicketAction.Cancel => "be cancelled",
        TicketAction.Reopen => "be reopened",
        TicketAction.ReviseCategory => "have its category revised",
        TicketAction.DecideReturnOrExchange => "have a return or exchange decided",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown action."),
    };
}
