using AfterSales.Platform.Errors;
using AfterSales.Platform.Security;

namespace AfterSales.Inventory.Model;

/// <summary>The approval chain of a purchase request (§12 5.2.3, §10 六.7), in order.</summary>
public enum PurchaseStep
{
    /// <summary>技术组: the technical group confirms the need.</summary>
    TechnicalGroup = 1,

    /// <summary>事务主管: the affairs supervisor.</summary>
    AffairsSupervisor = 2,

    /// <summary>物资计划员: the materials planner.</summary>
    MaterialsPlanner = 3,

    /// <summary>部门经理: the department manager; the last approval.</summary>
    DepartmentManager = 4,
}

/// <summary>Where a purchase request is.</summary>
public enum PurchaseRequestStatus
{
    /// <summary>Going up the chain.</summary>
    Submitted = 1,

    /// <summary>Approved by every step: to be bought.</summary>
    Approved = 2,

    /// <summary>Received: closed by the receiving slip that booked it.</summary>
    Received = 3,

    Rejected = 4,
}

/// <summary>One approval of the chain.</summary>
public sealed record PurchaseApproval(PurchaseStep Step, string ApprovedBy, DateTimeOffset ApprovedAt);

/// <summary>
/// A request to buy parts, approved up the chain technical group → affairs supervisor → materials planner →
/// department manager, each step by the role it names and each by a different person; receiving the parts closes it.
/// </summary>
public sealed class PurchaseRequest
{
    public const int MaxReasonLength = 500;

    private PurchaseRequest() { }

    public PurchaseRequest(Guid id, string code, IEnumerable<RequisitionLine> lines, string reason, string requestedBy, DateTimeOffset requestedAt)
    {
        Id = id;
        Code = code;
        Lines = [.. lines];
        Reason = reason;
        RequestedBy = requestedBy;
        RequestedAt = requestedAt;
        Status = PurchaseRequestStatus.Submitted;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public List<RequisitionLine> Lines { get; private set; } = [];
    public string Reason { get; private set; } = "";
    public string RequestedBy { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public PurchaseRequestStatus Status { get; private set; }
    public List<PurchaseApproval> Approvals { get; private set; } = [];
    public string? RejectedBy { get; private set; }
    public DateTimeOffset? RejectedAt { get; private set; }
    public string? RejectionReason { get; private set; }
    public string? ReceivedSlip { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): one approval per step, whoever clicks at once.</summary>
    public uint Version { get; private set; }

    /// <summary>The step that approves next; null once approved, received or rejected.</summary>
    public PurchaseStep? NextStep => Status == PurchaseRequestStatus.Submitted ? (PurchaseStep)(Approvals.Count + 1) : null;

    /// <summary>The staff role that gives a step's approval.</summary>
    public static string RoleOf(PurchaseStep step) => step switch
    {
        PurchaseStep.TechnicalGroup => StaffRoles.Technician,
        PurchaseStep.AffairsSupervisor => StaffRoles.AffairsSupervisor,
        PurchaseStep.MaterialsPlanner => StaffRoles.MaterialsPlanner,
        _ => StaffRoles.Manager,
    };

    /// <summary>Gives the next step's approval: by a holder of its role who approved no earlier step.</summary>
    public void Approve(IReadOnlySet<string> roles, string actor, DateTimeOffset at)
    {
        var step = RequireNextStep("approved");
        if (!roles.Contains(RoleOf(step)))
        {
            throw new PermissionDeniedException($"Purchase request {Code} waits for the {Wire(step)} step, which the {RoleOf(step)} role gives.");
        }
        if (Approvals.Any(a => a.ApprovedBy == actor))
        {
            throw new PreconditionFailedException($"Each step of purchase request {Code} is approved by a different person; you approved an earlier one.");
        }
        Approvals.Add(new PurchaseApproval(step, actor, at));
        if (step == PurchaseStep.DepartmentManager)
        {
            Status = PurchaseRequestStatus.Approved;
        }
    }

    /// <summary>Rejects it at the step it waits for, by a holder of that step's role.</summary>
    public void Reject(IReadOnlySet<string> roles, string reason, string actor, DateTimeOffset at)
    {
        var step = RequireNextStep("rejected");
        if (!roles.Contains(RoleOf(step)))
        {
            throw new PermissionDeniedException($"Purchase request {Code} waits for the {Wire(step)} step, which the {RoleOf(step)} role gives.");
        }
        (Status, RejectedBy, RejectedAt, RejectionReason) = (PurchaseRequestStatus.Rejected, actor, at, reason);
    }

    /// <summary>Closes it with the receiving slip that booked its parts.</summary>
    public void Receive(string slip, DateTimeOffset at)
    {
        if (Status != PurchaseRequestStatus.Approved)
        {
            throw new PreconditionFailedException($"Purchase request {Code} is {Wire(Status)}: only an approved request is received.");
        }
        (Status, ReceivedSlip, ReceivedAt) = (PurchaseRequestStatus.Received, slip, at);
    }

    private PurchaseStep RequireNextStep(string verb) =>
        NextStep ?? throw new PreconditionFailedException($"Purchase request {Code} is {Wire(Status)}: it is {verb} only while it goes up the chain.");

    private static string Wire(Enum value) => Platform.Grpc.ProtoConversions.WireName(value);
}
