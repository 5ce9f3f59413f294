using AfterSales.Billing.V1;
using AfterSales.Common.V1;
using AfterSales.Documents.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Tickets.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Tickets;

/// <summary>
/// The subcontractor path end to end (§3 4.2–5.1, §5 4), through the real gateway: a station notifies the
/// original builder, surveys with photos archived in documents, takes the job over when the builder is late,
/// gets the estimate confirmed by the director and approved by the general manager (or starts an emergency on
/// a phone approval signed afterwards), records the costs, and the signed acceptance charges the builder's
/// share to its retention money in billing.
/// </summary>
public class BuilderRepairTests(Suite suite) : SuiteTest(suite)
{
    private BuilderRepairService.BuilderRepairServiceClient Repairs(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    private BuilderRepairService.BuilderRepairServiceClient Staff(string userName) => Repairs(Suite.Callers.Staff(userName));

    private static Money Yuan(long units, int fen = 0) => new() { CurrencyCode = "CNY", Units = units, Nanos = fen * 10_000_000 };

    private static Timestamp In(TimeSpan span) => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow + span);

    private sealed record Setup(TestStation Station, TicketService.TicketServiceClient Tickets, BuilderRepairService.BuilderRepairServiceClient Repairs,
        DocumentService.DocumentServiceClient Documents, Ticket Ticket, Guid Technician);

    private async Task<Setup> TicketAsync(Priority priority)
    {
        var station = await Data.NewStationAsync(technicians: 1);
        var asset = await Data.NewAssetAsync(station);
        var technician = await Suite.Tickets.WithDbAsync(db => db.Technicians.Where(t => t.StationId == station.Id).Select(t => t.Id).SingleAsync());
        var tickets = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var intake = Requests.Intake(asset.SerialNumber);
        intake.FaultDescription = "卫生间地面渗水至楼下";
        intake.FaultType = "BODY";
        intake.Priority = priority;
        intake.JobKind = JobKind.ReturnOrder;
        var ticket = await tickets.CreateTicketAsync(intake);
        return new Setup(station, tickets, Repairs(station.Caller), new DocumentService.DocumentServiceClient(Suite.Gateway.ChannelAs(station.Caller)),
            ticket, technician);
    }

    private static async Task<string> ArchiveAsync(Setup setup, string templateCode, string mediaType = "image/jpeg") =>
        (await setup.Documents.ArchiveDocumentAsync(new ArchiveDocumentRequest
        {
            TemplateCode = templateCode,
            SubjectId = setup.Ticket.TicketId,
            MediaType = mediaType,
            Content = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
        })).DocumentId;

    private static NotifyBuilderRequest Notice(Setup setup, TimeSpan deadline) => new()
    {
        TicketId = setup.Ticket.TicketId,
        Builder = "浙江某建设集团有限公司",
        BuilderContact = "刘经理 138-0000-0000",
        ContractReference = $"HT-{Guid.NewGuid():N}"[..24],
        Channel = NoticeChannel.Letter,
        RepairBy = In(deadline),
        RequestId = Guid.NewGuid().ToString(),
    };

    private static async Task ResolveOnSiteAsync(Setup setup, bool appointment)
    {
        var id = setup.Ticket.TicketId;
        await setup.Tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = id, TechnicianId = setup.Technician.ToString() });
        if (appointment)
        {
            await setup.Tickets.AgreeAppointmentAsync(new AgreeAppointmentRequest { TicketId = id, StartsAt = In(TimeSpan.FromHours(1)), EndsAt = In(TimeSpan.FromHours(3)) });
        }
        await setup.Tickets.StartTravelAsync(new StartTravelRequest { TicketId = id });
        await setup.Tickets.ArriveOnSiteAsync(new ArriveOnSiteRequest { TicketId = id });
        await setup.Tickets.RecordWorkAsync(Work(setup));
        await setup.Tickets.CompleteVisitAsync(new CompleteVisitRequest { TicketId = id, Result = VisitResult.Completed });
    }

    private static RecordWorkRequest Work(Setup setup) => new()
    {
        TicketId = setup.Ticket.TicketId,
        Place = WorkPlace.OnSite,
        FindingsLook = "防水层破损",
        WorkDone = "凿除地面，重做防水层并闭水试验 48 小时",
        Labour = { new LabourHours { TechnicianId = setup.Technician.ToString(), Hours = 6 } },
        RequestId = Guid.NewGuid().ToString(),
    };

    [Fact]
    public async Task A_late_builders_job_is_taken_over_on_an_approved_estimate_and_its_share_is_deducted_from_the_retention_money()
    {
        var setup = await TicketAsync(Priority.Normal);
        var id = setup.Ticket.TicketId;
        var notice = Notice(setup, TimeSpan.FromSeconds(3));
        var notified = await setup.Repairs.NotifyBuilderAsync(notice);
        var stillOnTime = await Assert.ThrowsAsync<RpcException>(() => setup.Repairs.TakeOverRepairAsync(new TakeOverRepairRequest
        {
            TicketId = id, Reason = TakeoverReason.Late, Team = RepairTeam.OwnTeam,
        }).ResponseAsync);
        var builderOwesIt = await Assert.ThrowsAsync<RpcException>(() => setup.Tickets.RecordWorkAsync(Work(setup)).ResponseAsync);

        // Photos and the sketch are archived about this ticket; another ticket's photo is as unknown as none.
        var photos = new[] { await ArchiveAsync(setup, "SITE-PHOTO"), await ArchiveAsync(setup, "SITE-PHOTO") };
        var sketch = await ArchiveAsync(setup, "REPAIR-SKETCH", "application/pdf");
        var other = await TicketAsync(Priority.Normal);
        var othersPhoto = await ArchiveAsync(other, "SITE-PHOTO");
        var foreignPhoto = await Assert.ThrowsAsync<RpcException>(() => setup.Repairs.RecordSiteSurveyAsync(new RecordSiteSurveyRequest
        {
            TicketId = id, Findings = "卫生间防水层破损", PhotoDocumentIds = { photos[0], othersPhoto },
        }).ResponseAsync);
        var sketchAsPhoto = await Assert.ThrowsAsync<RpcException>(() => setup.Repairs.RecordSiteSurveyAsync(new RecordSiteSurveyRequest
        {
            TicketId = id, Findings = "卫生间防水层破损", PhotoDocumentIds = { sketch },
        }).ResponseAsync);
        await setup.Repairs.RecordSiteSurveyAsync(new RecordSiteSurveyRequest
        {
            TicketId = id, Findings = "卫生间防水层破损，楼下天花板水渍约 2 平方米", PhotoDocumentIds = { photos }, SketchDocumentId = sketch,
            RequestId = Guid.NewGuid().ToString(),
        });

        var overdue = await Eventually.ValueAsync(async () =>
            (await setup.Repairs.ListBuilderRepairsAsync(new ListBuilderRepairsRequest { OverdueOnly = true, StationId = setup.Station.Id.ToString() }))
                .BuilderRepairs.SingleOrDefault(r => r.TicketId == id));
        await setup.Repairs.TakeOverRepairAsync(new TakeOverRepairRequest
        {
            TicketId = id, Reason = TakeoverReason.Late, Team = RepairTeam.Hired, HiredTeam = "杭州某防水工程队", RequestId = Guid.NewGuid().ToString(),
        });
        var noEstimateYet = await Assert.ThrowsAsync<RpcException>(() => setup.Tickets.RecordWorkAsync(Work(setup)).ResponseAsync);

        // The chain: the station's manager prepares, the centre director confirms, the general manager approves.
        await setup.Repairs.PrepareEstimateAsync(new PrepareEstimateRequest { TicketId = id, Amount = Yuan(1800), Plan = "凿除地面重做防水，修复楼下天花板" });
        var stationConfirms = await Assert.ThrowsAsync<RpcException>(() => setup.Repairs.ConfirmEstimateAsync(new ConfirmEstimateRequest { TicketId = id }).ResponseAsync);
        var gmBeforeDirector = await Assert.ThrowsAsync<RpcException>(() => Staff("gm").ApproveEstimateAsync(new ApproveEstimateRequest { TicketId = id }).ResponseAsync);
        await Staff("director").ConfirmEstimateAsync(new ConfirmEstimateRequest { TicketId = id });
        var approved = await Staff("gm").ApproveEstimateAsync(new ApproveEstimateRequest { TicketId = id, RequestId = Guid.NewGuid().ToString() });

        await ResolveOnSiteAsync(setup, appointment: true);
        var agreement = await ArchiveAsync(setup, "COMPENSATION-AGREEMENT", "application/pdf");
        await setup.Repairs.RecordRepairCostAsync(new RecordRepairCostRequest { TicketId = id, Kind = RepairCostKind.HiredTeam, Description = "防水工程队包工包料", Amount = Yuan(1500) });
        await setup.Repairs.RecordRepairCostAsync(new RecordRepairCostRequest { TicketId = id, Kind = RepairCostKind.Material, Description = "防水涂料", Amount = Yuan(250, 50) });
        await setup.Repairs.RecordRepairCostAsync(new RecordRepairCostRequest
        {
            TicketId = id, Kind = RepairCostKind.Compensation, Description = "楼下业主天花板修复补偿", Amount = Yuan(300), AgreementDocumentId = agreement,
        });
        var accepted = await setup.Repairs.AcceptBuilderRepairAsync(new AcceptBuilderRepairRequest
        {
            TicketId = id, ManagerSignedBy = "林志强", OwnerSignedBy = "李女士", Allocation = CostAllocation.SharedFault, BuilderSharePercent = 80,
            RequestId = Guid.NewGuid().ToString(),
        });

        // Billing books the builder's 80 % against its contract; finance sees it, so does the station, not another station.
        var finance = new BillingService.BillingServiceClient(Suite.Gateway.ChannelAs(Suite.Callers.Staff("finance")));
        var charge = await Eventually.ValueAsync(async () =>
            (await finance.ListBuilderChargesAsync(new ListBuilderChargesRequest { ContractReference = notice.ContractReference })).BuilderCharges.SingleOrDefault());
        var stationsView = await new BillingService.BillingServiceClient(Suite.Gateway.ChannelAs(setup.Station.Caller))
            .ListBuilderChargesAsync(new ListBuilderChargesRequest { ContractReference = notice.ContractReference });
        var othersView = await new BillingService.BillingServiceClient(Suite.Gateway.ChannelAs(other.Station.Caller))
            .ListBuilderChargesAsync(new ListBuilderChargesRequest { ContractReference = notice.ContractReference });
        var hidden = await Assert.ThrowsAsync<RpcException>(() => other.Repairs.GetBuilderRepairAsync(new GetBuilderRepairRequest { TicketId = id }).ResponseAsync);

        Assert.Equal((BuilderRepairStage.Notified, false), (notified.Stage, notified.Overdue));
        Assert.Equal(StatusCode.FailedPrecondition, stillOnTime.StatusCode);
        Assert.Contains("NOTIFIED", stillOnTime.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, builderOwesIt.StatusCode);
        Problems.AssertFieldViolations(foreignPhoto, "photo_document_ids[1]");
        Problems.AssertFieldViolations(sketchAsPhoto, "photo_document_ids[0]");
        Assert.True(overdue.Overdue);
        Assert.Equal(StatusCode.FailedPrecondition, noEstimateYet.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, stationConfirms.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, gmBeforeDirector.StatusCode);
        Assert.Equal(EstimateStage.Approved, approved.Estimate.Stage);
        Assert.Equal(3, new[] { approved.Estimate.PreparedBy, approved.Estimate.ConfirmedBy, approved.Estimate.ApprovedBy }.Distinct().Count());
        Assert.Equal(setup.Station.ClientId, approved.Estimate.PreparedBy);
        Assert.Equal((BuilderRepairStage.Accepted, 3, 1), (accepted.Stage, accepted.Costs.Count, accepted.Surveys.Count));
        Assert.Equal((2050L, 500_000_000), (accepted.TotalCost.Units, accepted.TotalCost.Nanos));
        Assert.Equal((1640L, 400_000_000, 410L, 100_000_000), (accepted.BuilderCharge.Units, accepted.BuilderCharge.Nanos, accepted.OwnerCharge.Units, accepted.OwnerCharge.Nanos));
        Assert.Equal((id, "SHARED_FAULT", 1640L, 400_000_000, 410L, 100_000_000),
            (charge.TicketId, charge.Allocation, charge.BuilderAmount.Units, charge.BuilderAmount.Nanos, charge.OwnerAmount.Units, charge.OwnerAmount.Nanos));
        Assert.Single(stationsView.BuilderCharges);
        Assert.Empty(othersView.BuilderCharges);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task An_emergency_starts_on_the_general_managers_phone_approval_which_is_signed_before_the_acceptance()
    {
        var setup = await TicketAsync(Priority.Emergency);
        var id = setup.Ticket.TicketId;
        var notice = Notice(setup, TimeSpan.FromDays(3));
        await setup.Repairs.NotifyBuilderAsync(notice);

        var withoutApproval = await Assert.ThrowsAsync<RpcException>(() => setup.Repairs.TakeOverRepairAsync(new TakeOverRepairRequest
        {
            TicketId = id, Reason = TakeoverReason.Emergency, Team = RepairTeam.OwnTeam,
        }).ResponseAsync);
        var takenOver = await Staff("director").TakeOverRepairAsync(new TakeOverRepairRequest
        {
            TicketId = id, Reason = TakeoverReason.Emergency, Team = RepairTeam.OwnTeam, PhoneApprovalBy = "王振华（总经理，电话同意）",
        });
        await ResolveOnSiteAsync(setup, appointment: false);
        await setup.Repairs.RecordRepairCostAsync(new RecordRepairCostRequest { TicketId = id, Kind = RepairCostKind.Labour, Description = "夜间抢修 2 人 6 小时", Amount = Yuan(960) });
        var unsigned = await Assert.ThrowsAsync<RpcException>(() => setup.Repairs.AcceptBuilderRepairAsync(new AcceptBuilderRepairRequest
        {
            TicketId = id, ManagerSignedBy = "林志强", OwnerSignedBy = "李女士", Allocation = CostAllocation.BuilderFault,
        }).ResponseAsync);
        var stationSigns = await Assert.ThrowsAsync<RpcException>(() => setup.Repairs.SignPhoneApprovalAsync(new SignPhoneApprovalRequest { TicketId = id }).ResponseAsync);
        await Staff("gm").SignPhoneApprovalAsync(new SignPhoneApprovalRequest { TicketId = id });
        var accepted = await setup.Repairs.AcceptBuilderRepairAsync(new AcceptBuilderRepairRequest
        {
            TicketId = id, ManagerSignedBy = "林志强", OwnerSignedBy = "李女士", Allocation = CostAllocation.BuilderFault,
        });
        var finance = new BillingService.BillingServiceClient(Suite.Gateway.ChannelAs(Suite.Callers.Staff("finance")));
        var charge = await Eventually.ValueAsync(async () =>
            (await finance.ListBuilderChargesAsync(new ListBuilderChargesRequest { ContractReference = notice.ContractReference })).BuilderCharges.SingleOrDefault());

        Problems.AssertFieldViolations(withoutApproval, "phone_approval_by");
        Assert.Equal((TakeoverReason.Emergency, "王振华（总经理，电话同意）"), (takenOver.TakeoverReason, takenOver.PhoneApprovalBy));
        Assert.Equal(StatusCode.FailedPrecondition, unsigned.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, stationSigns.StatusCode);
        Assert.NotNull(accepted.PhoneApprovalSignedAt);
        Assert.Equal((960L, 960L, 0L), (charge.TotalCost.Units, charge.BuilderAmount.Units, charge.OwnerAmount.Units));
    }

    [Fact]
    public async Task A_builders_own_repair_is_accepted_without_an_allocation_and_a_ticket_has_one_builder_repair()
    {
        var setup = await TicketAsync(Priority.Normal);
        var id = setup.Ticket.TicketId;
        var notices = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                return (await setup.Repairs.NotifyBuilderAsync(Notice(setup, TimeSpan.FromDays(3)))).Stage.ToString();
            }
            catch (RpcException ex)
            {
                return ex.StatusCode.ToString();
            }
        }));
        await setup.Repairs.RecordBuilderAnswerAsync(new RecordBuilderAnswerRequest { TicketId = id, WillRepair = true, Answer = "施工方刘经理电话答复：明日上门" });
        await setup.Repairs.RecordRepairedByBuilderAsync(new RecordRepairedByBuilderRequest { TicketId = id, Note = "施工方重做防水，闭水试验合格" });
        var withAllocation = await Assert.ThrowsAsync<RpcException>(() => setup.Repairs.AcceptBuilderRepairAsync(new AcceptBuilderRepairRequest
        {
            TicketId = id, ManagerSignedBy = "林志强", OwnerSignedBy = "李女士", Allocation = CostAllocation.BuilderFault,
        }).ResponseAsync);
        var accepted = await setup.Repairs.AcceptBuilderRepairAsync(new AcceptBuilderRepairRequest { TicketId = id, ManagerSignedBy = "林志强", OwnerSignedBy = "李女士" });
        var costAfterwards = await Assert.ThrowsAsync<RpcException>(() => setup.Repairs.RecordRepairCostAsync(new RecordRepairCostRequest
        {
            TicketId = id, Kind = RepairCostKind.Labour, Description = "复查", Amount = Yuan(100),
        }).ResponseAsync);

        Assert.Single(notices, n => n == nameof(BuilderRepairStage.Notified));
        Assert.All(notices.Where(n => n != nameof(BuilderRepairStage.Notified)), n => Assert.Contains(n, new[] { nameof(StatusCode.AlreadyExists), nameof(StatusCode.Aborted) }));
        Problems.AssertFieldViolations(withAllocation, "allocation");
        Assert.Equal((BuilderRepairStage.Accepted, CostAllocation.Unspecified, 0), (accepted.Stage, accepted.Allocation, accepted.Costs.Count));
        Assert.Equal(StatusCode.FailedPrecondition, costAfterwards.StatusCode);
    }
}
