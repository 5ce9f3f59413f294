using AfterSales.Platform.Grpc;
using Google.Protobuf.WellKnownTypes;
using Model = AfterSales.Tickets.Model;
using V1 = AfterSales.Tickets.V1;

namespace AfterSales.Tickets.Grpc;

/// <summary>Builder repairs on the wire and in events, by hand.</summary>
internal static class BuilderRepairMappings
{
    /// <param name="now">Whether the builder is overdue is as of now.</param>
    public static V1.BuilderRepair ToProto(this Model.BuilderRepair repair, DateTimeOffset now)
    {
        var proto = new V1.BuilderRepair
        {
            TicketId = repair.TicketId.ToString(),
            StationId = repair.StationId.ToString(),
            Builder = repair.Builder,
            BuilderContact = repair.BuilderContact ?? "",
            ContractReference = repair.ContractReference,
            Channel = (V1.NoticeChannel)repair.NoticeChannel,
            NotifiedAt = Timestamp.FromDateTimeOffset(repair.NotifiedAt),
            NotifiedBy = repair.NotifiedBy,
            RepairBy = Timestamp.FromDateTimeOffset(repair.RepairBy),
            Stage = (V1.BuilderRepairStage)repair.Stage,
            Overdue = repair.IsLate(now),
            BuilderAnswer = repair.BuilderAnswer ?? "",
            BuilderAnsweredAt = repair.BuilderAnsweredAt.ToTimestamp(),
            BuilderRepairedAt = repair.BuilderRepairedAt.ToTimestamp(),
            TakeoverReason = (V1.TakeoverReason)(repair.TakeoverReason ?? 0),
            Team = (V1.RepairTeam)(repair.Team ?? 0),
            HiredTeam = repair.HiredTeamName ?? "",
            TakenOverAt = repair.TakenOverAt.ToTimestamp(),
            PhoneApprovalBy = repair.PhoneApprovalBy ?? "",
            PhoneApprovedAt = repair.PhoneApprovedAt.ToTimestamp(),
            PhoneApprovalSignedAt = repair.PhoneApprovalSignedAt.ToTimestamp(),
            Surveys =
            {
                repair.Surveys.Select(s => new V1.SiteSurvey
                {
                    At = Timestamp.FromDateTimeOffset(s.At),
                    SurveyedBy = s.SurveyedBy,
                    Findings = s.Findings,
                    PhotoDocumentIds = { s.PhotoDocumentIds.Select(p => p.ToString()) },
                    SketchDocumentId = s.SketchDocumentId?.ToString() ?? "",
                }),
            },
            Costs =
            {
                repair.Costs.Select(c => new V1.RepairCost
                {
                    At = Timestamp.FromDateTimeOffset(c.At),
                    RecordedBy = c.RecordedBy,
                    Kind = (V1.RepairCostKind)c.Kind,
                    Description = c.Description,
                    Amount = ProtoConversions.ToMoney(c.Amount),
                    AgreementDocumentId = c.AgreementDocumentId?.ToString() ?? "",
                }),
            },
            TotalCost = ProtoConversions.ToMoney(repair.TotalCost),
            Allocation = (V1.CostAllocation)(repair.Allocation ?? 0),
            BuilderSharePercent = repair.BuilderSharePercent ?? 0,
            AcceptedByManager = repair.AcceptedByManager ?? "",
            AcceptedByOwner = repair.AcceptedByOwner ?? "",
            AcceptedAt = repair.AcceptedAt.ToTimestamp(),
        };
        if (repair.Allocation is not null)
        {
            proto.BuilderCharge = ProtoConversions.ToMoney(repair.BuilderCharge);
            proto.OwnerCharge = ProtoConversions.ToMoney(repair.TotalCost - repair.BuilderCharge);
        }
        if (repair.EstimateStage is { } stage)
        {
            proto.Estimate = new V1.RepairEstimate
            {
                Amount = ProtoConversions.ToMoney(repair.EstimateAmount ?? 0m),
                Plan = repair.EstimatePlan ?? "",
                Stage = (V1.EstimateStage)stage,
                PreparedBy = repair.EstimatePreparedBy ?? "",
                ConfirmedBy = repair.EstimateConfirmedBy ?? "",
                ApprovedBy = repair.EstimateApprovedBy ?? "",
                ApprovedAt = repair.EstimateApprovedAt.ToTimestamp(),
            };
        }
        return proto;
    }

    public static Events.V1.BuilderNotified ToNotifiedEvent(this Model.BuilderRepair repair, Model.Ticket ticket) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        Builder = repair.Builder,
        ContractReference = repair.ContractReference,
        RepairBy = Timestamp.FromDateTimeOffset(repair.RepairBy),
        NotifiedAt = Timestamp.FromDateTimeOffset(repair.NotifiedAt),
    };

    public static Events.V1.BuilderRepairAccepted ToAcceptedEvent(this Model.BuilderRepair repair, Model.Ticket ticket) => new()
    {
        TicketId = ticket.Id.ToString(),
        Number = ticket.Number,
        StationId = ticket.StationId.ToString(),
        CustomerId = ticket.CustomerId?.ToString() ?? "",
        Builder = repair.Builder,
        ContractReference = repair.ContractReference,
        TakenOver = repair.Allocation is not null,
        Allocation = repair.Allocation?.WireName() ?? "",
        BuilderSharePercent = repair.BuilderSharePercent ?? 0,
        Costs =
        {
            repair.Costs.Select(c => new Events.V1.BuilderRepairCost
            {
                Kind = c.Kind.WireName(),
                Description = c.Description,
                Amount = ProtoConversions.ToMoney(c.Amount),
            }),
        },
        TotalCost = ProtoConversions.ToMoney(repair.TotalCost),
        BuilderCharge = ProtoConversions.ToMoney(repair.BuilderCharge),
        OwnerCharge = ProtoConversions.ToMoney(repair.TotalCost - repair.BuilderCharge),
        AcceptedAt = repair.AcceptedAt.ToTimestamp(),
    };
}
