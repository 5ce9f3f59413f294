using AfterSales.Billing.V1;
using AfterSales.Documents.V1;
using AfterSales.Feedback.V1;
using AfterSales.Inventory.V1;
using AfterSales.Platform.Grpc;

namespace AfterSales.UnitTests.Contracts;

/// <summary>
/// Service clients retry exactly the methods a contract marks NO_SIDE_EFFECTS: a read left unmarked loses its
/// retries, a write marked by mistake is retried into duplicates.
/// </summary>
public class RetrySafetyTests
{
    [Fact]
    public void Clients_retry_every_read_of_the_inventory_billing_feedback_and_documents_contracts_and_no_write()
    {
        var retried = new[] { InventoryService.Descriptor, BillingService.Descriptor, FeedbackService.Descriptor, DocumentService.Descriptor }
            .ToDictionary(
                contract => contract.Name,
                contract => ServiceClientExtensions.RetryOnlySafeMethods(contract).MethodConfigs
                    .SelectMany(config => config.Names).Select(name => name.Method!).Order().ToArray());

        Assert.Equal(new Dictionary<string, string[]>
        {
            ["InventoryService"] = ["GetPart", "GetStockLevels", "GetWarehouse", "ListParts", "LookUpParts"],
            ["BillingService"] = ["GetFeeItem", "GetTicketAccount", "ListBuilderCharges", "ListFeeItems", "Quote"],
            ["FeedbackService"] = ["GetComplaint", "ListComplaints"],
            ["DocumentService"] = ["GetDocument", "GetTemplate", "ListDocuments", "ListTemplates"],
        }, retried);
    }
}
