using AfterSales.Inventory.Model;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Security;

namespace AfterSales.UnitTests.Inventory;

public class PurchaseRequestTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static PurchaseRequest Submitted() =>
        new(Guid.NewGuid(), "PR-000001", [new RequisitionLine(Guid.NewGuid(), "P-1", 10)], "低于再订货点", "planner", At);

    private static HashSet<string> Roles(params string[] roles) => [.. roles];

    [Fact]
    public void The_chain_goes_technical_group_affairs_supervisor_materials_planner_department_manager_then_receiving_closes_it()
    {
        var purchase = Submitted();

        purchase.Approve(Roles(StaffRoles.Technician), "techlead", At);
        purchase.Approve(Roles(StaffRoles.AffairsSupervisor), "affairs", At);
        purchase.Approve(Roles(StaffRoles.MaterialsPlanner), "planner", At);
        Assert.Equal(PurchaseStep.DepartmentManager, purchase.NextStep);
        purchase.Approve(Roles(StaffRoles.Manager), "manager", At);
        purchase.Receive("SLIP-9", At);

        Assert.Equal((PurchaseRequestStatus.Received, (PurchaseStep?)null, "SLIP-9"), (purchase.Status, purchase.NextStep, purchase.ReceivedSlip));
        Assert.Equal([PurchaseStep.TechnicalGroup, PurchaseStep.AffairsSupervisor, PurchaseStep.MaterialsPlanner, PurchaseStep.DepartmentManager],
            purchase.Approvals.Select(a => a.Step));
    }

    [Fact]
    public void A_step_is_approved_only_by_its_role_each_by_a_different_person_and_nothing_is_received_before_the_end()
    {
        var purchase = Submitted();

        Assert.Throws<PermissionDeniedException>(() => purchase.Approve(Roles(StaffRoles.Manager), "manager", At));
        Assert.Throws<PreconditionFailedException>(() => purchase.Receive("SLIP-1", At));
        purchase.Approve(Roles(StaffRoles.Technician, StaffRoles.AffairsSupervisor), "both", At);
        Assert.Throws<PreconditionFailedException>(() => purchase.Approve(Roles(StaffRoles.Technician, StaffRoles.AffairsSupervisor), "both", At));

        Assert.Single(purchase.Approvals);
    }

    [Fact]
    public void A_rejection_at_its_step_ends_the_chain()
    {
        var purchase = Submitted();
        purchase.Approve(Roles(StaffRoles.Technician), "techlead", At);

        Assert.Throws<PermissionDeniedException>(() => purchase.Reject(Roles(StaffRoles.Technician), "不需要", "techlead", At));
        purchase.Reject(Roles(StaffRoles.AffairsSupervisor), "预算不足", "affairs", At);

        Assert.Equal((PurchaseRequestStatus.Rejected, "预算不足"), (purchase.Status, purchase.RejectionReason));
        Assert.Throws<PreconditionFailedException>(() => purchase.Approve(Roles(StaffRoles.MaterialsPlanner), "planner", At));
    }
}
