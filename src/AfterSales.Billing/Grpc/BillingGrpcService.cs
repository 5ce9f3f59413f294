using AfterSales.Billing.Infrastructure;
using AfterSales.Billing.V1;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
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
        new FieldViolations().RequireText("fee_code", request.FeeCode, Model.FeeItem.MaxCodeLength).ThrowIfAny();
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

    [Access(StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Director, StaffRoles.GeneralManager, StaffRoles.Admin, Stations = true)]
    public override async Task<ListBuilderChargesResponse> ListBuilderCharges(ListBuilderChargesRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .OptionalText("contract_reference", request.ContractReference, Model.BuilderCharge.MaxNameLength)
            .OptionalId("station_id", request.StationId, out var stationId)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize)
            .ThrowIfAny();
        var after = PageToken.DecodeInstantAndId(request.PageToken);
        var query = db.BuilderCharges.AsNoTracking().VisibleTo(caller, c => c.StationId);
        if (!string.IsNullOrEmpty(request.ContractReference))
        {
            query = query.Where(c => c.ContractReference == request.ContractReference);
        }
        if (stationId is { } station)
        {
            query = query.Where(c => c.StationId == station);
        }
        if (after is var (lastAccepted, lastTicket))
        {
            query = query.Where(c => c.AcceptedAt < lastAccepted || (c.AcceptedAt == lastAccepted && c.TicketId.CompareTo(lastTicket) < 0));
        }
        var size = PageToken.SizeOrDefault(request.PageSize);
        var page = await query.OrderByDescending(c => c.AcceptedAt).ThenByDescending(c => c.TicketId).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new ListBuilderChargesResponse { BuilderCharges = { page.Take(size).Select(c => c.ToProto()) } };
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.EncodeInstant(page[size - 1].AcceptedAt, page[size - 1].TicketId.ToString());
        }
        return response;
    }
}
