using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Inventory.V1;
using Grpc.Core;

namespace AfterSales.FunctionalTests.Inventory;

/// <summary>
/// A purchase request through the gateway up the whole chain as the demo staff of each step, refused to the
/// wrong role at each step, and closed by the receiving slip that books its parts.
/// </summary>
public class PurchasingTests(Suite suite) : SuiteTest(suite)
{
    private PurchasingService.PurchasingServiceClient As(string userName) => new(Suite.Gateway.ChannelAs(Suite.Callers.Staff(userName)));

    private static DecidePurchaseRequestRequest Decide(PurchaseRequest purchase, string reason = "") =>
        new() { PurchaseRequestId = purchase.PurchaseRequestId, Reason = reason, RequestId = Guid.NewGuid().ToString() };

    [Fact]
    public async Task A_request_goes_up_the_chain_step_by_step_and_its_receipt_closes_it()
    {
        var part = await Data.NewPartAsync();
        var submitted = await As("planner").SubmitPurchaseRequestAsync(new SubmitPurchaseRequestRequest
        {
            Lines = { new StockLine { PartId = part.Id.ToString(), Quantity = 40 } }, Reason = "低于再订货点", RequestId = Guid.NewGuid().ToString(),
        });

        var managerTooEarly = await Assert.ThrowsAsync<RpcException>(() => As("manager").ApprovePurchaseRequestAsync(Decide(submitted)).ResponseAsync);
        var tooEarlyReceipt = new ReceiveStockRequest
        {
            SlipNumber = Unique.Name("SLIP"), Supplier = "奥的斯配件公司", PurchaseRequestId = submitted.PurchaseRequestId,
            Lines = { new StockLine { PartId = part.Id.ToString(), Quantity = 40 } }, RequestId = Guid.NewGuid().ToString(),
        };
        var storekeeper = new StockService.StockServiceClient(Suite.Gateway.ChannelAs(Suite.Callers.Staff("manager")));
        var notApproved = await Assert.ThrowsAsync<RpcException>(() => storekeeper.ReceiveStockAsync(tooEarlyReceipt).ResponseAsync);
        var byTechnicalGroup = await As("techlead").ApprovePurchaseRequestAsync(Decide(submitted));
        var waiting = await As("affairs").ListPurchaseRequestsAsync(new ListPurchaseRequestsRequest { WaitingFor = PurchaseStep.AffairsSupervisor, PageSize = 100 });
        await As("affairs").ApprovePurchaseRequestAsync(Decide(submitted));
        await As("planner").ApprovePurchaseRequestAsync(Decide(submitted));
        var approved = await As("manager").ApprovePurchaseRequestAsync(Decide(submitted));
        tooEarlyReceipt.RequestId = Guid.NewGuid().ToString();
        tooEarlyReceipt.SlipNumber = Unique.Name("SLIP");
        await storekeeper.ReceiveStockAsync(tooEarlyReceipt);
        var closed = await As("finance").GetPurchaseRequestAsync(new GetPurchaseRequestRequest { PurchaseRequestId = submitted.PurchaseRequestId });
        var station = await Data.NewStationAsync();
        var byStation = await Assert.ThrowsAsync<RpcException>(() =>
            new PurchasingService.PurchasingServiceClient(Suite.Gateway.ChannelAs(station.Caller)).ListPurchaseRequestsAsync(new ListPurchaseRequestsRequest()).ResponseAsync);

        Assert.StartsWith("PR-", submitted.Code, StringComparison.Ordinal);
        Assert.Equal((PurchaseRequestStatus.Submitted, PurchaseStep.TechnicalGroup), (submitted.Status, submitted.WaitingFor));
        Assert.Equal(StatusCode.PermissionDenied, managerTooEarly.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, notApproved.StatusCode);
        Assert.Equal(PurchaseStep.AffairsSupervisor, byTechnicalGroup.WaitingFor);
        Assert.Contains(waiting.PurchaseRequests, p => p.PurchaseRequestId == submitted.PurchaseRequestId);
        Assert.Equal((PurchaseRequestStatus.Approved, 4), (approved.Status, approved.Approvals.Count));
        Assert.Equal(["techlead", "affairs", "planner", "manager"], approved.Approvals.Select(a => a.ApprovedBy).Select(NameOf));
        Assert.Equal((PurchaseRequestStatus.Received, tooEarlyReceipt.SlipNumber), (closed.Status, closed.ReceivedSlip));
        Assert.Equal(StatusCode.PermissionDenied, byStation.StatusCode);
    }

    [Fact]
    public async Task A_request_rejected_at_a_step_goes_no_further()
    {
        var part = await Data.NewPartAsync();
        var submitted = await As("techlead").SubmitPurchaseRequestAsync(new SubmitPurchaseRequestRequest
        {
            Lines = { new StockLine { PartId = part.Id.ToString(), Quantity = 5 } }, Reason = "备用", RequestId = Guid.NewGuid().ToString(),
        });
        await As("techlead").ApprovePurchaseRequestAsync(Decide(submitted));

        var noReason = await Assert.ThrowsAsync<RpcException>(() => As("affairs").RejectPurchaseRequestAsync(Decide(submitted)).ResponseAsync);
        var rejected = await As("affairs").RejectPurchaseRequestAsync(Decide(submitted, "预算不足"));
        var after = await Assert.ThrowsAsync<RpcException>(() => As("planner").ApprovePurchaseRequestAsync(Decide(submitted)).ResponseAsync);

        Problems.AssertFieldViolations(noReason, "reason");
        Assert.Equal((PurchaseRequestStatus.Rejected, "预算不足", PurchaseStep.Unspecified), (rejected.Status, rejected.RejectionReason, rejected.WaitingFor));
        Assert.Equal(StatusCode.FailedPrecondition, after.StatusCode);
    }

    /// <summary>The demo user names the approvals record as subjects; the subjects are the users' ids, listed in the seeder's order.</summary>
    private static string NameOf(string subject) => subject switch
    {
        "1d000000-0000-4000-8000-00000000000a" => "techlead",
        "1d000000-0000-4000-8000-00000000000b" => "affairs",
        "1d000000-0000-4000-8000-00000000000c" => "planner",
        "1d000000-0000-4000-8000-000000000004" => "manager",
        _ => subject,
    };
}
