using AfterSales.Common.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Inventory.V1;
using Grpc.Core;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.FunctionalTests.Inventory;

/// <summary>
/// Secondary claims through the gateway: written-off warranty parts claimed from their supplier at the price they were
/// written off at, each once; settled in part against the supplier's reference; staff only.
/// </summary>
public class SupplierClaimTests(Suite suite) : SuiteTest(suite)
{
    private SupplierClaimService.SupplierClaimServiceClient Claims(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    private static string NewId() => Guid.NewGuid().ToString();

    /// <summary>Old parts of a repair of its own, as the write-off rule left them (that rule is OldPartTests').</summary>
    private async Task<Model.OldPart[]> OldPartsAsync(params bool[] writtenOff)
    {
        var part = await Data.NewPartAsync();
        var at = DateTimeOffset.UtcNow;
        var oldParts = writtenOff.Select(done =>
        {
            var oldPart = new Model.OldPart(Guid.NewGuid(), Guid.NewGuid(), Unique.Name("T"), Guid.NewGuid(), Guid.NewGuid(), null, part.Id, part.PartNumber, 2, true, at);
            if (done)
            {
                oldPart.Return("store", at);
                oldPart.WriteOff(new Model.SignedTicket(oldPart.TicketId, oldPart.TicketNumber, "王建国", at, null), 45.50m, "finance", at);
            }
            return oldPart;
        }).ToArray();
        await Suite.Inventory.WithDbAsync(db =>
        {
            db.OldParts.AddRange(oldParts);
            return db.SaveChangesAsync();
        });
        return oldParts;
    }

    [Fact]
    public async Task Written_off_warranty_parts_are_claimed_once_from_their_supplier_and_settled_in_part()
    {
        var (a, b, pending) = await OldPartsAsync(true, true, false) switch { var p => (p[0], p[1], p[2]) };
        var finance = Claims(Suite.Callers.Staff("finance"));
        OpenSupplierClaimRequest Open(params Model.OldPart[] parts) => new()
        {
            Supplier = "奥的斯配件公司", OldPartIds = { parts.Select(p => p.Id.ToString()) }, RequestId = NewId(),
        };

        var notWrittenOff = await Assert.ThrowsAsync<RpcException>(() => finance.OpenSupplierClaimAsync(Open(a, pending)).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => finance.OpenSupplierClaimAsync(new OpenSupplierClaimRequest
        {
            Supplier = "奥的斯配件公司", OldPartIds = { a.Id.ToString(), NewId() }, RequestId = NewId(),
        }).ResponseAsync);
        var claim = await finance.OpenSupplierClaimAsync(Open(a, b));
        var twice = await Assert.ThrowsAsync<RpcException>(() => finance.OpenSupplierClaimAsync(Open(b)).ResponseAsync);
        var station = await Data.NewStationAsync();
        var byStation = await Assert.ThrowsAsync<RpcException>(() => Claims(station.Caller).OpenSupplierClaimAsync(Open(a)).ResponseAsync);
        var tooMuch = await Assert.ThrowsAsync<RpcException>(() => finance.SettleSupplierClaimAsync(new SettleSupplierClaimRequest
        {
            ClaimId = claim.ClaimId, Recovered = new Money { CurrencyCode = "CNY", Units = 200 }, SupplierReference = "CN-2026-77", RequestId = NewId(),
        }).ResponseAsync);
        var settled = await finance.SettleSupplierClaimAsync(new SettleSupplierClaimRequest
        {
            ClaimId = claim.ClaimId, Recovered = new Money { CurrencyCode = "CNY", Units = 150 }, SupplierReference = "CN-2026-77", RequestId = NewId(),
        });
        var refusedAfter = await Assert.ThrowsAsync<RpcException>(() => finance.RefuseSupplierClaimAsync(
            new RefuseSupplierClaimRequest { ClaimId = claim.ClaimId, Reason = "超过索赔期", RequestId = NewId() }).ResponseAsync);
        var open = await finance.ListSupplierClaimsAsync(new ListSupplierClaimsRequest { Status = SupplierClaimStatus.Open, PageSize = 100 });

        Assert.Equal(StatusCode.FailedPrecondition, notWrittenOff.StatusCode);
        Problems.AssertFieldViolations(unknown, "old_part_ids[1]");
        Assert.StartsWith("SC-", claim.Code, StringComparison.Ordinal);
        Assert.Equal((182L, 0), (claim.Claimed.Units, claim.Claimed.Nanos));
        Assert.Equal(2, claim.Parts.Count);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, byStation.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, tooMuch.StatusCode);
        Assert.Equal((SupplierClaimStatus.Settled, 150L, "CN-2026-77"), (settled.Status, settled.Recovered.Units, settled.SupplierReference));
        Assert.Equal(StatusCode.FailedPrecondition, refusedAfter.StatusCode);
        Assert.DoesNotContain(open.Claims, c => c.ClaimId == claim.ClaimId);
    }
}
