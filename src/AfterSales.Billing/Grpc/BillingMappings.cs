using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using Model = AfterSales.Billing.Model;
using V1 = AfterSales.Billing.V1;

namespace AfterSales.Billing.Grpc;

/// <summary>Wire ↔ domain for the fee schedule and quotes, by hand.</summary>
internal static class BillingMappings
{
    /// <summary>The currency of the fee schedule.</summary>
    /// <summary>A quote is for one job; more lines than this is a mistake, not a job.</summary>
    private const int MaxLines = 100;

    /// <summary>
    /// Checks every field of a quote request, fee codes against <paramref name="schedule"/> (the fee items
    /// the request names, by code), and returns the work it describes.
    /// </summary>
    public static (Model.ServiceCategory Category, IReadOnlyList<Model.WorkLine> Lines) ToWork(
        this V1.QuoteRequest request, IReadOnlyDictionary<string, Model.FeeItem> schedule)
    {
        var violations = new FieldViolations();
        violations.RequireChoice("category", request.Category, "category must be one of PAID, CONTRACT, FREE, INTERNAL.");
        if (request.Lines.Count is 0 or > MaxLines)
        {
            violations.Add("lines", $"lines must hold 1 to {MaxLines} pieces of work.");
        }

        var work = new List<Model.WorkLine>(request.Lines.Count);
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            var feeCode = $"lines[{i}].fee_code";
            var quantity = $"lines[{i}].quantity";
            Model.FeeItem? item = null;
            if (string.IsNullOrEmpty(line.FeeCode))
            {
                violations.Add(feeCode, $"{feeCode} is required.");
            }
            else if (!schedule.TryGetValue(line.FeeCode, out item))
            {
                violations.Add(feeCode, $"{feeCode} names no item of the fee schedule.");
            }
            if (line.Quantity < 1)
            {
                violations.Add(quantity, $"{quantity} must be at least 1.");
            }
            else if (item is not null)
            {
                work.Add(new Model.WorkLine(item, line.Quantity));
            }
        }
        violations.ThrowIfAny();

        return ((Model.ServiceCategory)request.Category, work);
    }

    public static V1.FeeItem ToProto(this Model.FeeItem item) => new()
    {
        Code = item.Code,
        Name = item.Name,
        Kind = (V1.FeeKind)item.Kind,
        Unit = item.Unit,
        Price = ProtoConversions.ToMoney(item.Price),
        PartNumber = item.PartNumber ?? "",
    };

    public static V1.Quote ToProto(this Model.Quote quote) => new()
    {
        Category = (Common.V1.ServiceCategory)quote.Category,
        Lines =
        {
            quote.Lines.Select(line => new V1.QuoteLine
            {
                FeeCode = line.Item.Code,
                Name = line.Item.Name,
                Kind = (V1.FeeKind)line.Item.Kind,
                Unit = line.Item.Unit,
                Quantity = line.Quantity,
                UnitPrice = ProtoConversions.ToMoney(line.Item.Price),
                ListAmount = ProtoConversions.ToMoney(line.ListAmount),
                AmountDue = ProtoConversions.ToMoney(line.AmountDue),
            }),
        },
        Total = ProtoConversions.ToMoney(quote.Total),
    };

    public static V1.TicketAccount ToProto(this Model.TicketAccount account) => new()
    {
        TicketId = account.TicketId.ToString(),
        TicketNumber = account.TicketNumber,
        StationId = account.StationId.ToString(),
        CustomerId = account.CustomerId.ToString(),
        Category = (Common.V1.ServiceCategory)account.Category,
        OpenedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(account.OpenedAt),
    };

    public static V1.BuilderCharge ToProto(this Model.BuilderCharge charge) => new()
    {
        TicketId = charge.TicketId.ToString(),
        TicketNumber = charge.TicketNumber,
        StationId = charge.StationId.ToString(),
        CustomerId = charge.CustomerId?.ToString() ?? "",
        Builder = charge.Builder,
        ContractReference = charge.ContractReference,
        Allocation = charge.Allocation,
        TotalCost = ProtoConversions.ToMoney(charge.TotalCost),
        BuilderAmount = ProtoConversions.ToMoney(charge.BuilderAmount),
        OwnerAmount = ProtoConversions.ToMoney(charge.OwnerAmount),
        AcceptedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(charge.AcceptedAt),
    };
}
