using AfterSales.Platform.Grpc;
using Google.Protobuf.WellKnownTypes;
using Model = AfterSales.Inventory.Model;
using V1 = AfterSales.Inventory.V1;

namespace AfterSales.Inventory.Grpc;

/// <summary>Domain → wire for the parts catalogue and stock, by hand.</summary>
internal static class InventoryMappings
{
    /// <summary>The currency of catalogue prices.</summary>
    public static V1.Part ToProto(this Model.Part part) => new()
    {
        PartId = part.Id.ToString(),
        PartNumber = part.PartNumber,
        Name = part.Name,
        Specification = part.Specification,
        UnitPrice = ProtoConversions.ToMoney(part.UnitPrice),
        AbcClass = part.AbcClass is { } abcClass ? (V1.AbcClass)abcClass : V1.AbcClass.Unspecified,
        SafetyStock = part.SafetyStock,
        ReorderPoint = part.ReorderPoint,
        Unit = part.Unit,
        Supplier = part.Supplier,
        SubstitutePartIds = { part.Substitutes.Select(id => id.ToString()) },
    };

    /// <param name="oldPrice">The price before; null for a part just catalogued.</param>
    public static Events.V1.PartPriceChanged ToPriceChangedEvent(this Model.Part part, decimal? oldPrice, DateTimeOffset at) => new()
    {
        PartId = part.Id.ToString(),
        PartNumber = part.PartNumber,
        Name = part.Name,
        Unit = part.Unit,
        OldPrice = oldPrice is { } old ? ProtoConversions.ToMoney(old) : null,
        NewPrice = ProtoConversions.ToMoney(part.UnitPrice),
        ChangedAt = Timestamp.FromDateTimeOffset(at),
    };

    public static V1.Warehouse ToProto(this Model.Warehouse warehouse) => new()
    {
        WarehouseId = warehouse.Id.ToString(),
        Code = warehouse.Code,
        Name = warehouse.Name,
        StationId = warehouse.StationId?.ToString() ?? "",
    };

    public static V1.StockLevel ToProto(this Model.StockLevel level, Model.Warehouse warehouse) => new()
    {
        Warehouse = warehouse.ToProto(),
        OnHand = level.OnHand,
        Reserved = level.Reserved,
        Available = level.Available,
    };

    public static V1.Movement ToProto(this Model.Movement movement, string partNumber) => new()
    {
        MovementId = movement.Id.ToString(),
        WarehouseId = movement.WarehouseId.ToString(),
        PartId = movement.PartId.ToString(),
        PartNumber = partNumber,
        Kind = (V1.MovementKind)movement.Kind,
        OnHandChange = movement.OnHandChange,
        ReservedChange = movement.ReservedChange,
        OnHandAfter = movement.OnHandAfter,
        ReservedAfter = movement.ReservedAfter,
        Reference = movement.Reference,
        BookedBy = movement.BookedBy,
        BookedAt = Timestamp.FromDateTimeOffset(movement.BookedAt),
    };

    public static V1.Requisition ToProto(this Model.Requisition requisition) => new()
    {
        RequisitionId = requisition.Id.ToString(),
        Code = requisition.Code,
        TicketId = requisition.TicketId.ToString(),
        TicketNumber = requisition.TicketNumber,
        StationId = requisition.StationId.ToString(),
        WarehouseId = requisition.WarehouseId.ToString(),
        Status = (V1.RequisitionStatus)requisition.Status,
        Lines = { requisition.Lines.Select(l => new V1.RequisitionLine { PartId = l.PartId.ToString(), PartNumber = l.PartNumber, Quantity = l.Quantity }) },
        ProposedBy = requisition.ProposedBy,
        ProposedAt = Timestamp.FromDateTimeOffset(requisition.ProposedAt),
        DecidedBy = requisition.DecidedBy ?? "",
        DecidedAt = requisition.DecidedAt is { } decided ? Timestamp.FromDateTimeOffset(decided) : null,
        Reason = requisition.Reason ?? "",
        IssuedBy = requisition.IssuedBy ?? "",
        IssuedAt = requisition.IssuedAt is { } issued ? Timestamp.FromDateTimeOffset(issued) : null,
    };

    /// <param name="parts">The requisition's parts, for their prices of the day.</param>
    public static Events.V1.PartsIssued ToIssuedEvent(this Model.Requisition requisition, IReadOnlyDictionary<Guid, Model.Part> parts) => new()
    {
        RequisitionId = requisition.Id.ToString(),
        Code = requisition.Code,
        TicketId = requisition.TicketId.ToString(),
        TicketNumber = requisition.TicketNumber,
        StationId = requisition.StationId.ToString(),
        WarehouseId = requisition.WarehouseId.ToString(),
        Parts =
        {
            requisition.Lines.Select(l => new Events.V1.IssuedPart
            {
                PartId = l.PartId.ToString(), PartNumber = l.PartNumber, Quantity = l.Quantity, UnitPrice = ProtoConversions.ToMoney(parts[l.PartId].UnitPrice),
            }),
        },
        IssuedAt = requisition.IssuedAt is { } issued ? Timestamp.FromDateTimeOffset(issued) : null,
    };

    public static V1.AbcRun ToProto(this Model.AbcRun run, bool withResults)
    {
        var proto = new V1.AbcRun
        {
            RunId = run.Id.ToString(),
            Trigger = run.Trigger.WireName(),
            Period = run.Period ?? "",
            WindowFrom = Timestamp.FromDateTimeOffset(run.WindowFrom),
            WindowTo = Timestamp.FromDateTimeOffset(run.WindowTo),
            AShare = (double)run.AShare,
            BShare = (double)run.BShare,
            RanBy = run.RanBy,
            RanAt = Timestamp.FromDateTimeOffset(run.RanAt),
            ClassAParts = run.Results.Count(r => r.Class == Model.AbcClass.A),
            ClassBParts = run.Results.Count(r => r.Class == Model.AbcClass.B),
            ClassCParts = run.Results.Count(r => r.Class == Model.AbcClass.C),
        };
        if (withResults)
        {
            proto.Results.AddRange(run.Results.Select(r => new V1.AbcResult
            {
                PartId = r.PartId.ToString(),
                PartNumber = r.PartNumber,
                IssuedUnits = r.IssuedUnits,
                ConsumptionValue = ProtoConversions.ToMoney(r.ConsumptionValue),
                AbcClass = (V1.AbcClass)r.Class,
                SafetyStock = r.SafetyStock,
                ReorderPoint = r.ReorderPoint,
            }));
        }
        return proto;
    }

    public static V1.PurchaseSuggestion ToProto(this Services.PurchaseSuggestion suggestion) => new()
    {
        PartId = suggestion.Part.Id.ToString(),
        PartNumber = suggestion.Part.PartNumber,
        Name = suggestion.Part.Name,
        AbcClass = suggestion.Part.AbcClass is { } abcClass ? (V1.AbcClass)abcClass : V1.AbcClass.Unspecified,
        Available = suggestion.Available,
        SafetyStock = suggestion.Part.SafetyStock,
        ReorderPoint = suggestion.Part.ReorderPoint,
        SuggestedQuantity = suggestion.SuggestedQuantity,
    };

    public static V1.OldPart ToProto(this Model.OldPart oldPart) => new()
    {
        OldPartId = oldPart.Id.ToString(),
        TicketId = oldPart.TicketId.ToString(),
        TicketNumber = oldPart.TicketNumber,
        StationId = oldPart.StationId.ToString(),
        TechnicianId = oldPart.TechnicianId?.ToString() ?? "",
        PartId = oldPart.PartId.ToString(),
        PartNumber = oldPart.PartNumber,
        Quantity = oldPart.Quantity,
        Warranty = oldPart.Warranty,
        Status = (V1.OldPartStatus)oldPart.Status,
        RecordedAt = Timestamp.FromDateTimeOffset(oldPart.RecordedAt),
        ReturnedAt = oldPart.ReturnedAt is { } returned ? Timestamp.FromDateTimeOffset(returned) : null,
        WrittenOffAt = oldPart.WrittenOffAt is { } written ? Timestamp.FromDateTimeOffset(written) : null,
        ShipmentId = oldPart.ShipmentId?.ToString() ?? "",
    };

    public static Events.V1.PartsWrittenOff ToWrittenOffEvent(this Model.OldPart oldPart) => new()
    {
        OldPartId = oldPart.Id.ToString(),
        TicketId = oldPart.TicketId.ToString(),
        TicketNumber = oldPart.TicketNumber,
        StationId = oldPart.StationId.ToString(),
        PartId = oldPart.PartId.ToString(),
        PartNumber = oldPart.PartNumber,
        Quantity = oldPart.Quantity,
        UnitPrice = ProtoConversions.ToMoney(oldPart.UnitPrice ?? 0),
        WrittenOffAt = oldPart.WrittenOffAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };

    public static V1.OldPartShipment ToProto(this Model.OldPartShipment shipment) => new()
    {
        ShipmentId = shipment.Id.ToString(),
        StationId = shipment.StationId.ToString(),
        Month = shipment.Month,
        Carrier = shipment.Carrier,
        TrackingNumber = shipment.TrackingNumber,
        Postage = ProtoConversions.ToMoney(shipment.Postage),
        Parts = shipment.Parts,
        ShippedBy = shipment.ShippedBy,
        ShippedAt = Timestamp.FromDateTimeOffset(shipment.ShippedAt),
    };

    public static V1.PurchaseRequest ToProto(this Model.PurchaseRequest purchase) => new()
    {
        PurchaseRequestId = purchase.Id.ToString(),
        Code = purchase.Code,
        Lines = { purchase.Lines.Select(l => new V1.RequisitionLine { PartId = l.PartId.ToString(), PartNumber = l.PartNumber, Quantity = l.Quantity }) },
        Reason = purchase.Reason,
        RequestedBy = purchase.RequestedBy,
        RequestedAt = Timestamp.FromDateTimeOffset(purchase.RequestedAt),
        Status = (V1.PurchaseRequestStatus)purchase.Status,
        WaitingFor = purchase.NextStep is { } step ? (V1.PurchaseStep)step : V1.PurchaseStep.Unspecified,
        Approvals =
        {
            purchase.Approvals.Select(a => new V1.PurchaseApproval
            {
                Step = (V1.PurchaseStep)a.Step, ApprovedBy = a.ApprovedBy, ApprovedAt = Timestamp.FromDateTimeOffset(a.ApprovedAt),
            }),
        },
        RejectedBy = purchase.RejectedBy ?? "",
        RejectedAt = purchase.RejectedAt is { } rejected ? Timestamp.FromDateTimeOffset(rejected) : null,
        RejectionReason = purchase.RejectionReason ?? "",
        ReceivedSlip = purchase.ReceivedSlip ?? "",
        ReceivedAt = purchase.ReceivedAt is { } received ? Timestamp.FromDateTimeOffset(received) : null,
    };

    public static V1.Rma ToProto(this Model.RmaCase rma) => new()
    {
        RmaId = rma.Id.ToString(),
        Code = rma.Code,
        PartId = rma.PartId.ToString(),
        PartNumber = rma.PartNumber,
        SerialNumber = rma.SerialNumber,
        Supplier = rma.Supplier,
        Fault = rma.Fault,
        Status = (V1.RmaStatus)rma.Status,
        OpenedBy = rma.OpenedBy,
        OpenedAt = Timestamp.FromDateTimeOffset(rma.OpenedAt),
        ConfirmedBy = rma.ConfirmedBy ?? "",
        ApprovedBy = rma.ApprovedBy ?? "",
        Carrier = rma.Carrier ?? "",
        TrackingNumber = rma.TrackingNumber ?? "",
        ShippedAt = rma.ShippedAt is { } shipped ? Timestamp.FromDateTimeOffset(shipped) : null,
        Outcome = rma.Outcome is { } outcome ? (V1.RmaOutcome)outcome : V1.RmaOutcome.Unspecified,
        ReturnNote = rma.ReturnNote ?? "",
        ReturnedAt = rma.ReturnedAt is { } returned ? Timestamp.FromDateTimeOffset(returned) : null,
        Fee = rma.Fee is { } fee ? ProtoConversions.ToMoney(fee) : null,
        SupplierConfirmation = rma.SupplierConfirmation ?? "",
        ClosedAt = rma.ClosedAt is { } closed ? Timestamp.FromDateTimeOffset(closed) : null,
    };

    public static Events.V1.RmaReturned ToReturnedEvent(this Model.RmaCase rma) => new()
    {
        RmaId = rma.Id.ToString(),
        Code = rma.Code,
        PartId = rma.PartId.ToString(),
        PartNumber = rma.PartNumber,
        SerialNumber = rma.SerialNumber,
        Supplier = rma.Supplier,
        Outcome = rma.Outcome?.WireName() ?? "",
        ShippedAt = rma.ShippedAt is { } shipped ? Timestamp.FromDateTimeOffset(shipped) : null,
        ReturnedAt = rma.ReturnedAt is { } returned ? Timestamp.FromDateTimeOffset(returned) : null,
    };

    public static V1.StockCount ToProto(this Model.StockCount count) => new()
    {
        CountId = count.Id.ToString(),
        Code = count.Code,
        WarehouseId = count.WarehouseId.ToString(),
        Status = (V1.StockCountStatus)count.Status,
        Lines =
        {
            count.Lines.Select(l =>
            {
                var line = new V1.StockCountLine { PartId = l.PartId.ToString(), PartNumber = l.PartNumber, Difference = l.Difference };
                if (l.BookOnHand is { } book && l.Counted is { } counted)
                {
                    (line.BookOnHand, line.Counted) = (book, counted);
                }
                return line;
            }),
        },
        OpenedBy = count.OpenedBy,
        OpenedAt = Timestamp.FromDateTimeOffset(count.OpenedAt),
        SubmittedBy = count.SubmittedBy ?? "",
        SubmittedAt = count.SubmittedAt is { } submitted ? Timestamp.FromDateTimeOffset(submitted) : null,
        DecidedBy = count.DecidedBy ?? "",
        DecidedAt = count.DecidedAt is { } decided ? Timestamp.FromDateTimeOffset(decided) : null,
        Reason = count.Reason ?? "",
    };

    /// <param name="today">The business day, which tells whether a loan is overdue.</param>
    public static V1.Loaner ToProto(this Model.Loaner loaner, DateOnly today) => new()
    {
        LoanerId = loaner.Id.ToString(),
        Code = loaner.Code,
        Model = loaner.Model,
        SerialNumber = loaner.SerialNumber,
        Note = loaner.Note,
        Status = (V1.LoanerStatus)loaner.Status,
        Loan = loaner.Status == Model.LoanerStatus.Lent
            ? new V1.LoanerLoan
            {
                TicketId = loaner.TicketId.ToString(),
                TicketNumber = loaner.TicketNumber,
                StationId = loaner.StationId.ToString(),
                LentBy = loaner.LentBy,
                LentAt = Timestamp.FromDateTimeOffset(loaner.LentAt!.Value),
                DueBackOn = loaner.DueBackOn!.Value.ToProtoDate(),
                Overdue = loaner.IsOverdue(today),
            }
            : null,
        TimesLent = loaner.TimesLent,
        LastReturnedAt = loaner.LastReturnedAt is { } returned ? Timestamp.FromDateTimeOffset(returned) : null,
        LastCondition = loaner.LastCondition ?? "",
        RetiredReason = loaner.RetiredReason ?? "",
    };

    public static Events.V1.LoanerLent ToLentEvent(this Model.Loaner loaner) => new()
    {
        LoanerId = loaner.Id.ToString(),
        Code = loaner.Code,
        Model = loaner.Model,
        SerialNumber = loaner.SerialNumber,
        TicketId = loaner.TicketId.ToString(),
        TicketNumber = loaner.TicketNumber,
        StationId = loaner.StationId.ToString(),
        DueBackOn = loaner.DueBackOn!.Value.ToProtoDate(),
        LentAt = Timestamp.FromDateTimeOffset(loaner.LentAt!.Value),
    };

    /// <summary>Made before the return clears the loan, whose ticket and station it names.</summary>
    public static Events.V1.LoanerReturned ToReturnedEvent(this Model.Loaner loaner, DateTimeOffset at) => new()
    {
        LoanerId = loaner.Id.ToString(),
        Code = loaner.Code,
        TicketId = loaner.TicketId?.ToString() ?? "",
        StationId = loaner.StationId?.ToString() ?? "",
        ReturnedAt = Timestamp.FromDateTimeOffset(at),
    };

    public static V1.Tool ToProto(this Model.Tool tool) => new()
    {
        ToolId = tool.Id.ToString(),
        Code = tool.Code,
        Name = tool.Name,
        Specification = tool.Specification,
        SerialNumber = tool.SerialNumber,
        Value = ProtoConversions.ToMoney(tool.Value),
        FixedAsset = tool.FixedAsset,
        StationId = tool.StationId.ToString(),
        TechnicianId = tool.TechnicianId.ToString(),
        TechnicianName = tool.TechnicianName,
        Status = (V1.ToolStatus)tool.Status,
        RegisteredAt = Timestamp.FromDateTimeOffset(tool.RegisteredAt),
        HandOvers =
        {
            tool.HandOvers.Select(h => new V1.ToolHandOver
            {
                FromTechnicianId = h.FromTechnicianId.ToString(), ToTechnicianId = h.ToTechnicianId.ToString(),
                RecordedBy = h.RecordedBy, At = Timestamp.FromDateTimeOffset(h.At),
            }),
        },
        LossCause = tool.LossCause ?? "",
        Compensation = tool.Compensation is { } compensation ? ProtoConversions.ToMoney(compensation) : null,
        ReportedBy = tool.ReportedBy ?? "",
        ReportedAt = tool.ReportedAt is { } reported ? Timestamp.FromDateTimeOffset(reported) : null,
    };

    public static V1.SupplierClaim ToProto(this Model.SupplierClaim claim) => new()
    {
        ClaimId = claim.Id.ToString(),
        Code = claim.Code,
        Supplier = claim.Supplier,
        Status = (V1.SupplierClaimStatus)claim.Status,
        Parts =
        {
            claim.Parts.Select(p => new V1.ClaimedPart
            {
                OldPartId = p.OldPartId.ToString(), TicketNumber = p.TicketNumber, PartNumber = p.PartNumber, Quantity = p.Quantity,
                UnitPrice = ProtoConversions.ToMoney(p.UnitPrice),
            }),
        },
        Claimed = ProtoConversions.ToMoney(claim.Claimed),
        Recovered = claim.Recovered is { } recovered ? ProtoConversions.ToMoney(recovered) : null,
        SupplierReference = claim.SupplierReference ?? "",
        RefusalReason = claim.RefusalReason ?? "",
        OpenedBy = claim.OpenedBy,
        OpenedAt = Timestamp.FromDateTimeOffset(claim.OpenedAt),
        ClosedBy = claim.ClosedBy ?? "",
        ClosedAt = claim.ClosedAt is { } closed ? Timestamp.FromDateTimeOffset(closed) : null,
    };
}
