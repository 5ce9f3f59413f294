using AfterSales.Billing.Infrastructure;
using AfterSales.Billing.V1;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Security;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using FeeItem = AfterSales.Billing.V1.FeeItem;
using Quote = AfterSales.Billing.V1.Quote;
using TicketAccount = AfterSales.Billing.V1.TicketAccount;

namespace AfterSales.Billing.Grpc;

public sealed class BillingGrpcService(BillingDbContext db, Caller caller) : BillingService.BillingServiceBase
{
    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListFeeItemsResponse> ListFeeItems(ListFeeItemsRequest request, ServerCallContext context)
    {
        var schedule = await db.FeeItems.AsNoTracking().OrderBy(f => f.Code).ToListAsync(context.CancellationToken);
        return new ListFeeItemsResponse { FeeItems = { schedule.Select(f => f.ToProto()) } };
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<FeeItem> GetFeeItem(GetFeeItemRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireText("fee_code", request.FeeCode, 32).ThrowIfAny();
        var item = await db.FeeItems.AsNoTracking().SingleOrDefaultAsync(f => f.Code == request.FeeCode, context.CancellationToken)
            ?? throw new NotFoundException("Fee item", request.FeeCode);
        return item.ToProto();
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<Quote> Quote(QuoteRequest request, ServerCallContext context)
    {
        var codes = request.Lines.Select(l => l.FeeCode).Distinct().ToList();
        var schedule = await db.FeeItems.AsNoTracking()
            .Where(f => codes.Contains(f.Code))
            .ToDictionaryAsync(f => f.Code, context.CancellationToken);

        var (category, work) = request.ToWork(schedule);
        return Model.Quote.Price(category, work).ToProto();
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<TicketAccount> GetTicketAccount(GetTicketAccountRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("ticket_id", request.TicketId, out var ticketId).ThrowIfAny();
        var account = await db.TicketAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.TicketId == ticketId, context.CancellationToken);
        return caller.Visible(account, a => a.StationId, "Ticket account", request.TicketId).ToProto();
    }
}
