using AfterSales.Documents.V1;
using AfterSales.Inventory.Infrastructure;
using AfterSales.Inventory.Services;
using AfterSales.Inventory.V1;
using AfterSales.Platform;
using AfterSales.Platform.Data;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Events;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Peers;
using AfterSales.Platform.Security;
using AfterSales.Tickets.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.Inventory.Grpc;

/// <summary>
/// Stock that moves: each call books its movements and the stock levels they change in one transaction, once
/// per request id. Stock levels carry a row version, so of two callers moving the same units at once one is
/// refused (ABORTED, safe to retry with its request id) and nothing is ever promised or issued twice.
/// </summary>
public sealed class StockGrpcService(
    InventoryDbContext db,
    Caller caller,
    BusinessCalendar calendar,
    IdempotentRequests<InventoryDbContext> requests,
    IEventOutbox outbox,
    StationDirectory stations,
    OpenTickets openTickets,
    AbcRunner abc,
    DocumentService.DocumentServiceClient documents)
    : StockService.StockServiceBase
{
    private const int MaxLines = 100;

    [Access(StaffRoles.Manager, StaffRoles.Admin)]
    public override async Task<StockChange> ReceiveStock(ReceiveStockRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireText("slip_number", request.SlipNumber, Model.ReceivingSlip.MaxNumberLength)
            .RequireText("supplier", request.Supplier, Model.ReceivingSlip.MaxSupplierLength)
            .OptionalId("purchase_request_id", request.PurchaseRequestId, out var purchaseId);
        var lines = StockLines.Check(violations, request.Lines, MaxLines);
        violations.ThrowIfAny();
        return await requests.SaveOnceAsync(request, context, async () =>
        {
            var slip = request.SlipNumber.Trim();
            if (await db.ReceivingSlips.AnyAsync(s => s.Number == slip, context.CancellationToken))
            {
                throw new AlreadyExistsException($"Receiving slip {slip} was booked already.");
            }
            var now = calendar.Now;
            var receivingSlip = new Model.ReceivingSlip(slip, request.Supplier.Trim(), caller.Subject, now);
            if (purchaseId is { } bought)
            {
                // The receipt closes the approved request the parts were bought on.
                var purchase = await db.PurchaseRequests.SingleOrDefaultAsync(p => p.Id == bought, context.CancellationToken)
                    ?? throw ValidationException.ForField("purchase_request_id", "purchase_request_id names no purchase request.");
                purchase.Receive(slip, now);
            }
            var central = await db.Warehouses.SingleAsync(w => w.StationId == null, context.CancellationToken);
            var parts = await StockLines.PartsAsync(db, lines, context.CancellationToken);
            var levels = await LevelsAsync(central.Id, lines, create: true, context.CancellationToken);
            var movements = lines.Select(l => levels[l.PartId].Receive(l.Quantity, Model.MovementKind.Receipt, slip, caller.Subject, now)).ToList();
            db.Movements.AddRange(movements);
            // The slip in duplicate, archived on the caller's behalf before the booking commits: a retry archives the same
            // content, which documents answers with the first copy, so a booking never points at two slips.
            var document = await documents.ArchiveDocumentAsync(new ArchiveDocumentRequest
            {
                TemplateCode = ReceivingSlipForm.TemplateCode,
                SubjectId = central.Id.ToString(),
                Content = ByteString.CopyFrom(ReceivingSlipForm.Render(receivingSlip, central, [.. lines.Select(l => (parts[l.PartId], l.Quantity))],
                    caller.DisplayName, calendar.ToLocal(now))),
                MediaType = ReceivingSlipForm.MediaType,
            }, cancellationToken: context.CancellationToken);
            db.ReceivingSlips.Add(receivingSlip with { DocumentId = Guid.Parse(document.DocumentId) });
            return new StockChange { Movements = { movements.Select(m => m.ToProto(parts[m.PartId].PartNumber)) }, SlipDocumentId = document.DocumentId };
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Admin)]
    public override async Task<StockChange> TransferStock(TransferStockRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("to_station_id", request.ToStationId, out var stationId)
            .OptionalText("reason", request.Reason, 200);
        var lines = StockLines.Check(violations, request.Lines, MaxLines);
        violations.ThrowIfAny();
        return await requests.SaveOnceAsync(request, context, async () =>
        {
            var ledger = await db.Warehouses.SingleOrDefaultAsync(w => w.StationId == stationId, context.CancellationToken);
            if (ledger is null)
            {
                if (!await stations.ExistsAsync(stationId, context.CancellationToken))
                {
                    throw ValidationException.ForField("to_station_id", "to_station_id names no station of the service network.");
                }
                // The station's first stock opens its ledger (§2 3.7.6).
                ledger = Model.Warehouse.StationLedger(Guid.CreateVersion7(), $"WH-{stationId.ToString("N")[..12].ToUpperInvariant()}",
                    "特约服务站备件账", stationId);
                db.Warehouses.Add(ledger);
            }
            var now = calendar.Now;
            var reference = RequestText.NullIfBlank(request.Reason)?.Trim() is { } reason
                ? reason[..Math.Min(reason.Length, Model.Movement.MaxReferenceLength)]
                : "TRANSFER";
            var central = await db.Warehouses.SingleAsync(w => w.StationId == null, context.CancellationToken);
            var parts = await StockLines.PartsAsync(db, lines, context.CancellationToken);
            var from = await LevelsAsync(central.Id, lines, create: false, context.CancellationToken);
            var before = from.ToDictionary(l => l.Key, l => l.Value.Available);
            var to = await LevelsAsync(ledger.Id, lines, create: true, context.CancellationToken);
            var movements = new List<Model.Movement>();
            foreach (var line in lines)
            {
                var partNumber = parts[line.PartId].PartNumber;
                var source = from.GetValueOrDefault(line.PartId)
                    ?? throw new PreconditionFailedException($"The central warehouse holds no {partNumber}; none can be sent.");
                movements.Add(source.TransferOut(line.Quantity, partNumber, reference, caller.Subject, now));
                movements.Add(to[line.PartId].Receive(line.Quantity, Model.MovementKind.TransferIn, reference, caller.Subject, now));
            }
            db.Movements.AddRange(movements);
            await abc.StageStockLowAsync(before, from, context.CancellationToken);
            return new StockChange { Movements = { movements.Select(m => m.ToProto(parts[m.PartId].PartNumber)) } };
        });
    }

    [Access(StaffRoles.Technician, StaffRoles.Dispatcher, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override async Task<Requisition> ProposeRequisition(ProposeRequisitionRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireId("ticket_id", request.TicketId, out var ticketId);
        var lines = StockLines.Check(violations, request.Lines, Model.Requisition.MaxLines);
        violations.ThrowIfAny();
        return await requests.SaveOnceAsync(request, context, async () =>
        {
            var ticket = await openTickets.GetAsync(request.TicketId, "parts are drawn", context.CancellationToken);
            var stationId = Guid.Parse(ticket.StationId);
            var ledger = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.StationId == stationId, context.CancellationToken)
                ?? throw new PreconditionFailedException($"The station of ticket {ticket.Number} keeps no parts ledger yet: transfer stock to it first.");
            var parts = await StockLines.PartsAsync(db, lines, context.CancellationToken);
            var number = await db.NextRequisitionNumberAsync(context.CancellationToken);
            var requisition = new Model.Requisition(Guid.CreateVersion7(), $"RQ-{number:D6}", ticketId, ticket.Number, stationId, ledger.Id,
                lines.Select(l => new Model.RequisitionLine(l.PartId, parts[l.PartId].PartNumber, l.Quantity)), caller.Subject, calendar.Now);
            db.Requisitions.Add(requisition);
            return requisition.ToProto();
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Requisition> ApproveRequisition(DecideRequisitionRequest request, ServerCallContext context) =>
        DecideAsync(request, context, (requisition, levels, now) => requisition.Approve(levels, caller.Subject, now));

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Requisition> RejectRequisition(DecideRequisitionRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireText("reason", request.Reason, Model.Requisition.MaxReasonLength).ThrowIfAny();
        return DecideAsync(request, context, (requisition, levels, now) => requisition.Reject(levels, request.Reason.Trim(), caller.Subject, now));
    }

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<Requisition> IssueRequisition(DecideRequisitionRequest request, ServerCallContext context) =>
        DecideAsync(request, context, (requisition, levels, now) =>
        {
            var movements = requisition.Issue(levels, caller.Subject, now);
            outbox.Enqueue(requisition.ToIssuedEvent(db.Parts.Local.ToDictionary(p => p.Id)));
            return movements;
        });

    [Access(StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override Task<StockChange> ReturnToStock(ReturnToStockRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().RequireId("requisition_id", request.RequisitionId, out var id);
        var lines = StockLines.Check(violations, request.Lines, Model.Requisition.MaxLines);
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var requisition = caller.Visible(await db.Requisitions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, context.CancellationToken),
                r => r.StationId, "Requisition", request.RequisitionId);
            var partIds = requisition.Lines.Select(l => l.PartId).ToList();
            var returnedBefore = await db.Movements.AsNoTracking()
                .Where(m => m.WarehouseId == requisition.WarehouseId && m.Kind == Model.MovementKind.Return && m.Reference == requisition.Code)
                .GroupBy(m => m.PartId).Select(g => new { PartId = g.Key, Units = g.Sum(m => m.OnHandChange) })
                .ToDictionaryAsync(g => g.PartId, g => g.Units, context.CancellationToken);
            // Two returns at once both change these levels: their row version lets one through, so none over-returns.
            var levels = await db.StockLevels.Where(l => l.WarehouseId == requisition.WarehouseId && partIds.Contains(l.PartId))
                .ToDictionaryAsync(l => l.PartId, context.CancellationToken);
            var movements = requisition.ReturnUnused(lines, returnedBefore, levels, caller.Subject, calendar.Now);
            db.Movements.AddRange(movements);
            var numbers = requisition.Lines.ToDictionary(l => l.PartId, l => l.PartNumber);
            return new StockChange { Movements = { movements.Select(m => m.ToProto(numbers[m.PartId])) } };
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Admin)]
    public override Task<StockChange> WriteOffStock(WriteOffStockRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("warehouse_id", request.WarehouseId, out var warehouseId)
            .RequireText("reason", request.Reason, Model.Movement.MaxReferenceLength);
        var lines = StockLines.Check(violations, request.Lines, MaxLines);
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var warehouse = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == warehouseId, context.CancellationToken)
                ?? throw new NotFoundException("Warehouse", request.WarehouseId);
            var parts = await StockLines.PartsAsync(db, lines, context.CancellationToken);
            var levels = await LevelsAsync(warehouse.Id, lines, create: false, context.CancellationToken);
            var before = levels.ToDictionary(l => l.Key, l => l.Value.Available);
            var (reason, now) = (request.Reason.Trim(), calendar.Now);
            var movements = lines.Select(l => (levels.GetValueOrDefault(l.PartId)
                    ?? throw new PreconditionFailedException($"{warehouse.Code} holds no {parts[l.PartId].PartNumber}; none can be written off."))
                .WriteOff(l.Quantity, parts[l.PartId].PartNumber, reason, caller.Subject, now)).ToList();
            db.Movements.AddRange(movements);
            if (warehouse.StationId is null)
            {
                await abc.StageStockLowAsync(before, levels, context.CancellationToken);
            }
            return new StockChange { Movements = { movements.Select(m => m.ToProto(parts[m.PartId].PartNumber)) } };
        });
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<Requisition> GetRequisition(GetRequisitionRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("requisition_id", request.RequisitionId, out var id).ThrowIfAny();
        var requisition = await db.Requisitions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, context.CancellationToken);
        return caller.Visible(requisition, r => r.StationId, "Requisition", request.RequisitionId).ToProto();
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListRequisitionsResponse> ListRequisitions(ListRequisitionsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .OptionalId("ticket_id", request.TicketId, out var ticketId)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize);
        violations.OptionalChoice("status", request.Status, "status must be PROPOSED, APPROVED, ISSUED or REJECTED, or unspecified for all.");
        violations.ThrowIfAny();
        var query = db.Requisitions.AsNoTracking().VisibleTo(caller, r => r.StationId);
        if (request.Status != RequisitionStatus.Unspecified)
        {
            var status = (Model.RequisitionStatus)request.Status;
            query = query.Where(r => r.Status == status);
        }
        if (ticketId is { } ticket)
        {
            query = query.Where(r => r.TicketId == ticket);
        }
        var (page, next) = await query.NewestFirstPageAsync(r => r.Id, request.PageToken, request.PageSize, context.CancellationToken);
        return new ListRequisitionsResponse { Requisitions = { page.Select(r => r.ToProto()) }, NextPageToken = next };
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListMovementsResponse> ListMovements(ListMovementsRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("warehouse_id", request.WarehouseId, out var warehouseId)
            .OptionalId("part_id", request.PartId, out var partId)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize)
            .ThrowIfAny();
        var before = PageToken.DecodeInstantAndId(request.PageToken);
        var warehouse = await db.Warehouses.AsNoTracking().SingleOrDefaultAsync(w => w.Id == warehouseId, context.CancellationToken);
        // The central warehouse is read by every station, a station's ledger by that station alone.
        if (warehouse is null || (warehouse.StationId is { } owner && !caller.MaySee(owner)))
        {
            throw new NotFoundException("Warehouse", request.WarehouseId);
        }
        var query = db.Movements.AsNoTracking().Where(m => m.WarehouseId == warehouse.Id);
        if (partId is { } part)
        {
            query = query.Where(m => m.PartId == part);
        }
        if (before is var (bookedAt, lastId))
        {
            query = query.Where(m => m.BookedAt < bookedAt || (m.BookedAt == bookedAt && m.Id.CompareTo(lastId) < 0));
        }
        // Newest first by when each was booked: movements booked back-dated (a demo year, an opening balance) keep their place.
        var size = PageToken.SizeOrDefault(request.PageSize);
        var page = await query
            .Join(db.Parts, m => m.PartId, p => p.Id, (m, p) => new { Movement = m, p.PartNumber })
            .OrderByDescending(m => m.Movement.BookedAt).ThenByDescending(m => m.Movement.Id)
            .Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new ListMovementsResponse { Movements = { page.Take(size).Select(m => m.Movement.ToProto(m.PartNumber)) } };
        if (page.Count > size)
        {
            var last = page[size - 1].Movement;
            response.NextPageToken = PageToken.EncodeInstant(last.BookedAt, last.Id.ToString());
        }
        return response;
    }

    /// <summary>
    /// Moves a requisition on: found as the caller may see it, with its ledger's levels of its parts, changed by
    /// <paramref name="decide"/>, its movements booked, saved once per request id.
    /// </summary>
    private Task<Requisition> DecideAsync(DecideRequisitionRequest request, ServerCallContext context,
        Func<Model.Requisition, IReadOnlyDictionary<Guid, Model.StockLevel>, DateTimeOffset, IReadOnlyList<Model.Movement>> decide)
    {
        new FieldViolations()
            .RequireId("requisition_id", request.RequisitionId, out var id)
            .OptionalText("reason", request.Reason, Model.Requisition.MaxReasonLength)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var requisition = caller.Visible(await db.Requisitions.SingleOrDefaultAsync(r => r.Id == id, context.CancellationToken),
                r => r.StationId, "Requisition", request.RequisitionId);
            var partIds = requisition.Lines.Select(l => l.PartId).ToList();
            await db.Parts.Where(p => partIds.Contains(p.Id)).LoadAsync(context.CancellationToken);
            var levels = await db.StockLevels.Where(l => l.WarehouseId == requisition.WarehouseId && partIds.Contains(l.PartId))
                .ToDictionaryAsync(l => l.PartId, context.CancellationToken);
            db.Movements.AddRange(decide(requisition, levels, calendar.Now));
            return requisition.ToProto();
        });
    }

    /// <summary>A warehouse's levels of the lines' parts, tracked; with <paramref name="create"/> a missing one is opened empty.</summary>
    private async Task<Dictionary<Guid, Model.StockLevel>> LevelsAsync(Guid warehouseId, List<(Guid PartId, int Quantity)> lines, bool create,
        CancellationToken cancellationToken)
    {
        var ids = lines.Select(l => l.PartId).ToList();
        var levels = await db.StockLevels.Where(l => l.WarehouseId == warehouseId && ids.Contains(l.PartId)).ToDictionaryAsync(l => l.PartId, cancellationToken);
        foreach (var id in create ? ids.Where(id => !levels.ContainsKey(id)) : [])
        {
            levels[id] = new Model.StockLevel(warehouseId, id);
            db.StockLevels.Add(levels[id]);
        }
        return levels;
    }
}
