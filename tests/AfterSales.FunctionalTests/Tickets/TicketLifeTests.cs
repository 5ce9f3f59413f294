using AfterSales.Common.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.Tickets.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Tickets;

/// <summary>
/// A repair's life through the real gateway, as a partner station runs it: dispatch, the visit, the
/// workshop, the signature and the close; concurrent dispatchers, the next day's queue, and what a
/// station may not do.
/// </summary>
public class TicketLifeTests(Suite suite) : SuiteTest(suite)
{
    private TicketService.TicketServiceClient As(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    private TicketService.TicketServiceClient Staff(string userName = Callers.DefaultStaff) => As(Suite.Callers.Staff(userName));

    /// <summary>A station of the test's own with two technicians, one of its units (in warranty) and its ticket client.</summary>
    private async Task<(TestStation Station, TestAsset Asset, TicketService.TicketServiceClient Tickets, IReadOnlyList<Guid> Technicians)> StationAsync()
    {
        var station = await Data.NewStationAsync(technicians: 2);
        var asset = await Data.NewAssetAsync(station);
        var technicians = await Suite.Tickets.WithDbAsync(db =>
            db.Technicians.Where(t => t.StationId == station.Id).OrderBy(t => t.Name).Select(t => t.Id).ToListAsync());
        return (station, asset, As(station.Caller), technicians);
    }

    private static CreateTicketRequest Intake(TestAsset asset, Priority priority = Priority.Normal)
    {
        var request = Requests.Intake(asset.SerialNumber);
        request.FaultType = "LIFT";
        request.Priority = priority;
        request.SiteCondition = "电梯停在三楼，门未关";
        return request;
    }

    private static Timestamp In(TimeSpan span) => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow + span);

    private static RecordWorkRequest OnSiteWork(Ticket ticket, Guid technician) => new()
    {
        TicketId = ticket.TicketId,
        Place = WorkPlace.OnSite,
        RunningHours = 12_345.5,
        OpenedBefore = false,
        FindingsListen = "曳引机异响",
        FindingsLook = "钢丝绳磨损",
        FindingsCheck = "张力不足",
        WorkDone = "调整钢丝绳张力，更换导靴",
        Parts = { new PartUsed { PartNumber = "P-EL-1003", Quantity = 2, OldPartKept = true } },
        Labour = { new LabourHours { TechnicianId = technician.ToString(), Hours = 2.5 } },
        RequestId = Guid.NewGuid().ToString(),
    };

    [Fact]
    public async Task A_station_runs_an_on_site_repair_from_intake_to_closing()
    {
        var (station, asset, tickets, technicians) = await StationAsync();

        var opened = await tickets.CreateTicketAsync(Intake(asset, Priority.Urgent));
        var suggestions = await tickets.SuggestTechniciansAsync(new SuggestTechniciansRequest { TicketId = opened.TicketId });
        var technician = suggestions.Suggestions[0].Technician.TechnicianId;
        await tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = opened.TicketId, TechnicianId = technician, RequestId = Guid.NewGuid().ToString() });
        await tickets.AgreeAppointmentAsync(new AgreeAppointmentRequest { TicketId = opened.TicketId, StartsAt = In(TimeSpan.FromHours(1)), EndsAt = In(TimeSpan.FromHours(3)) });
        await tickets.StartTravelAsync(new StartTravelRequest { TicketId = opened.TicketId });
        await tickets.ArriveOnSiteAsync(new ArriveOnSiteRequest { TicketId = opened.TicketId });
        await tickets.RecordWorkAsync(OnSiteWork(opened, Guid.Parse(technician)));
        await tickets.CompleteVisitAsync(new CompleteVisitRequest { TicketId = opened.TicketId, Result = VisitResult.Completed });
        await tickets.SignOffAsync(new SignOffRequest { TicketId = opened.TicketId, SignedBy = "王建国" });
        var closed = await tickets.CloseTicketAsync(new CloseTicketRequest { TicketId = opened.TicketId });
        var history = await tickets.GetTicketHistoryAsync(new GetTicketHistoryRequest { TicketId = opened.TicketId });

        Assert.Equal(2, suggestions.Suggestions.Count);
        Assert.Equal((TicketStatus.Closed, technician, "王建国", VisitResult.Completed, 1), (closed.Status, closed.TechnicianId, closed.SignedBy, closed.VisitResult, closed.WorkRecordCount));
        Assert.Equal(("LIFT", Priority.Urgent, "电梯停在三楼，门未关"), (closed.FaultType, closed.Priority, closed.SiteCondition));
        Assert.Equal(("杭州市西湖区文三路 100 号", "ZJ-HZ", 8), (closed.SiteAddress, closed.Region, closed.DistanceKm));
        Assert.Equal(
            [TicketStatus.Registered, TicketStatus.Dispatched, TicketStatus.AppointmentAgreed, TicketStatus.OnTheWay, TicketStatus.OnSite,
             TicketStatus.ResolvedOnSite, TicketStatus.Signed, TicketStatus.Closed],
            history.StatusChanges.Select(c => c.To));
        Assert.All(history.StatusChanges, c => Assert.Equal(station.ClientId, c.Actor));
        var record = Assert.Single(history.WorkRecords);
        Assert.Equal(("调整钢丝绳张力，更换导靴", 12_345.5, "P-EL-1003"), (record.WorkDone, record.RunningHours, record.Parts.Single().PartNumber));
        Assert.Equal(closed.ArrivedAt, record.ArrivedAt);
        Assert.Contains(technicians, t => t.ToString() == technician);
    }

    [Fact]
    public async Task Work_naming_a_part_the_catalogue_does_not_hold_is_refused_and_records_nothing()
    {
        var (_, asset, tickets, technicians) = await StationAsync();
        var ticket = await tickets.CreateTicketAsync(Intake(asset, Priority.Emergency));
        await tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = ticket.TicketId, TechnicianId = technicians[0].ToString() });
        await tickets.StartTravelAsync(new StartTravelRequest { TicketId = ticket.TicketId });
        await tickets.ArriveOnSiteAsync(new ArriveOnSiteRequest { TicketId = ticket.TicketId });
        var work = OnSiteWork(ticket, technicians[0]);
        work.Parts.Add(new PartUsed { PartNumber = "P-NO-SUCH-PART", Quantity = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(() => tickets.RecordWorkAsync(work).ResponseAsync);

        Problems.AssertFieldViolations(error, "parts[1].part_number");
        Assert.Equal(0, (await tickets.GetTicketAsync(new GetTicketRequest { TicketId = ticket.TicketId })).WorkRecordCount);
    }

    [Fact]
    public async Task Work_records_photos_archived_about_the_ticket_and_refuses_any_other_document()
    {
        var (station, asset, tickets, technicians) = await StationAsync();
        var ticket = await tickets.CreateTicketAsync(Intake(asset, Priority.Emergency));
        await tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = ticket.TicketId, TechnicianId = technicians[0].ToString() });
        await tickets.StartTravelAsync(new StartTravelRequest { TicketId = ticket.TicketId });
        await tickets.ArriveOnSiteAsync(new ArriveOnSiteRequest { TicketId = ticket.TicketId });
        var documents = new AfterSales.Documents.V1.DocumentService.DocumentServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        async Task<string> ArchiveAsync(string templateCode) => (await documents.ArchiveDocumentAsync(new AfterSales.Documents.V1.ArchiveDocumentRequest
        {
            TemplateCode = templateCode, SubjectId = ticket.TicketId, MediaType = "image/jpeg",
            Content = Google.Protobuf.ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
        })).DocumentId;
        var photo = await ArchiveAsync("SITE-PHOTO");
        var voucher = await ArchiveAsync("SERVICE-VOUCHER");

        var work = OnSiteWork(ticket, technicians[0]);
        work.PhotoDocumentIds.Add(photo);
        work.PhotoDocumentIds.Add(voucher);
        work.PhotoDocumentIds.Add(Guid.NewGuid().ToString());
        var error = await Assert.ThrowsAsync<RpcException>(() => tickets.RecordWorkAsync(work).ResponseAsync);
        work.PhotoDocumentIds.RemoveAt(2);
        work.PhotoDocumentIds.RemoveAt(1);
        await tickets.RecordWorkAsync(work);
        var history = await tickets.GetTicketHistoryAsync(new GetTicketHistoryRequest { TicketId = ticket.TicketId });

        Problems.AssertFieldViolations(error, "photo_document_ids[1]", "photo_document_ids[2]");
        Assert.Equal([photo], Assert.Single(history.WorkRecords).PhotoDocumentIds);
    }

    [Fact]
    public async Task Of_dispatchers_assigning_one_ticket_at_once_exactly_one_wins()
    {
        var (_, asset, tickets, _) = await StationAsync();
        var opened = await tickets.CreateTicketAsync(Intake(asset));
        var more = await Suite.Tickets.WithDbAsync(async db =>
        {
            var technicians = Enumerable.Range(1, 6).Select(i => new AfterSales.Tickets.Model.Technician(Guid.NewGuid(), Guid.Parse(opened.StationId), $"调度测试 {i}", ["elevator"])).ToList();
            db.Technicians.AddRange(technicians);
            await db.SaveChangesAsync();
            return technicians.Select(t => t.Id).ToList();
        });

        var attempts = await Task.WhenAll(more.Select(async technician =>
        {
            try
            {
                await Staff("dispatcher").DispatchTicketAsync(new DispatchTicketRequest { TicketId = opened.TicketId, TechnicianId = technician.ToString() });
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));

        Assert.Single(attempts, s => s == StatusCode.OK);
        Assert.All(attempts.Where(s => s != StatusCode.OK), s => Assert.Contains(s, new[] { StatusCode.Aborted, StatusCode.FailedPrecondition }));
        var ticketId = Guid.Parse(opened.TicketId);
        var assignments = await Suite.Tickets.WithDbAsync(db => db.TicketAssignments.Where(a => a.TicketId == ticketId).ToListAsync());
        var ticket = await tickets.GetTicketAsync(new GetTicketRequest { TicketId = opened.TicketId });
        Assert.Equal(ticket.TechnicianId, Assert.Single(assignments).TechnicianId.ToString());
    }

    [Fact]
    public async Task Tickets_not_dispatched_on_their_day_head_the_next_day_s_queue_then_the_most_urgent()
    {
        var (station, asset, tickets, _) = await StationAsync();
        var yesterdays = await tickets.CreateTicketAsync(Intake(asset));
        var normal = await tickets.CreateTicketAsync(Intake(asset));
        var emergency = await tickets.CreateTicketAsync(Intake(asset, Priority.Emergency));
        var dispatched = await tickets.CreateTicketAsync(Intake(asset));
        await tickets.DispatchTicketAsync(new DispatchTicketRequest
        {
            TicketId = dispatched.TicketId,
            TechnicianId = (await tickets.SuggestTechniciansAsync(new SuggestTechniciansRequest { TicketId = dispatched.TicketId })).Suggestions[0].Technician.TechnicianId,
        });
        // Registered the day before and left undispatched.
        var id = Guid.Parse(yesterdays.TicketId);
        await Suite.Tickets.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE tickets."Tickets" SET "CreatedAt" = "CreatedAt" - interval '1 day' WHERE "Id" = {id}"""));

        var queue = await tickets.GetDispatchQueueAsync(new GetDispatchQueueRequest { StationId = station.Id.ToString() });

        Assert.Equal([yesterdays.TicketId, emergency.TicketId, normal.TicketId], queue.Tickets.Select(q => q.Ticket.TicketId));
        Assert.Equal([true, false, false], queue.Tickets.Select(q => q.CarriedOver));
    }

    [Fact]
    public async Task A_take_back_repair_goes_through_the_workshop_and_the_manager_s_inspection_and_back_against_its_receipt()
    {
        var (_, asset, tickets, technicians) = await StationAsync();
        var ticket = await tickets.CreateTicketAsync(Intake(asset, Priority.Emergency));
        var id = ticket.TicketId;
        await tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = id, TechnicianId = technicians[0].ToString() });
        await tickets.StartTravelAsync(new StartTravelRequest { TicketId = id });
        await tickets.ArriveOnSiteAsync(new ArriveOnSiteRequest { TicketId = id });

        var takenBack = await tickets.CompleteVisitAsync(new CompleteVisitRequest
        {
            TicketId = id, Result = VisitResult.TakenBack, Note = "控制板需返厂维修", ReceiptNumber = "SJ-2026-0042", PromisedReturnAt = In(TimeSpan.FromDays(7)),
        });
        await tickets.ReceiveInWorkshopAsync(new ReceiveInWorkshopRequest { TicketId = id });
        var uncarded = await Assert.ThrowsAsync<RpcException>(() => tickets.InspectRepairAsync(new InspectRepairRequest { TicketId = id, Passed = true }).ResponseAsync);
        var card = OnSiteWork(ticket, technicians[0]);
        card.Place = WorkPlace.Workshop;
        card.RunningHours = 0;
        await tickets.RecordWorkAsync(card);
        await tickets.InspectRepairAsync(new InspectRepairRequest { TicketId = id, Passed = true, Note = "试机合格" });
        var wrongReceipt = await Assert.ThrowsAsync<RpcException>(() =>
            tickets.ReturnToCustomerAsync(new ReturnToCustomerRequest { TicketId = id, ReceiptNumber = "SJ-2026-9999" }).ResponseAsync);
        var returned = await tickets.ReturnToCustomerAsync(new ReturnToCustomerRequest { TicketId = id, ReceiptNumber = "SJ-2026-0042" });
        var signed = await tickets.SignOffAsync(new SignOffRequest { TicketId = id, SignedBy = "王建国" });

        Assert.Equal((TicketStatus.TakenBack, "SJ-2026-0042"), (takenBack.Status, takenBack.ReceiptNumber));
        Assert.Equal(StatusCode.FailedPrecondition, uncarded.StatusCode);
        Assert.StartsWith("The ticket is IN_WORKSHOP_REPAIR:", uncarded.Status.Detail);
        Problems.AssertFieldViolations(wrongReceipt, "receipt_number");
        Assert.NotNull(returned.ReceiptVoidedAt);
        Assert.Equal(TicketStatus.Signed, signed.Status);
    }

    [Fact]
    public async Task A_refused_move_names_the_current_status_and_changes_nothing()
    {
        var (_, asset, tickets, _) = await StationAsync();
        var ticket = await tickets.CreateTicketAsync(Intake(asset));

        var error = await Assert.ThrowsAsync<RpcException>(() => tickets.ArriveOnSiteAsync(new ArriveOnSiteRequest { TicketId = ticket.TicketId }).ResponseAsync);
        var signOff = await Assert.ThrowsAsync<RpcException>(() =>
            tickets.SignOffAsync(new SignOffRequest { TicketId = ticket.TicketId, SignedBy = "王建国" }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("The ticket is REGISTERED: it cannot record an arrival on site.", error.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, signOff.StatusCode);
        Assert.Equal(ticket, await tickets.GetTicketAsync(new GetTicketRequest { TicketId = ticket.TicketId }));
    }

    [Fact]
    public async Task A_station_cannot_move_another_station_s_ticket_or_assign_another_station_s_technician()
    {
        var (_, asset, tickets, _) = await StationAsync();
        var (_, _, otherTickets, otherTechnicians) = await StationAsync();
        var ticket = await tickets.CreateTicketAsync(Intake(asset));
        var missingId = Guid.NewGuid().ToString();

        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            otherTickets.CancelTicketAsync(new CancelTicketRequest { TicketId = ticket.TicketId, Reason = "x" }).ResponseAsync);
        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            otherTickets.CancelTicketAsync(new CancelTicketRequest { TicketId = missingId, Reason = "x" }).ResponseAsync);
        var foreignTechnician = await Assert.ThrowsAsync<RpcException>(() =>
            tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = ticket.TicketId, TechnicianId = otherTechnicians[0].ToString() }).ResponseAsync);

        Problems.AssertSameAsMissing(hidden, ticket.TicketId, missing, missingId);
        Problems.AssertFieldViolations(foreignTechnician, "technician_id");
        Assert.Equal(TicketStatus.Registered, (await tickets.GetTicketAsync(new GetTicketRequest { TicketId = ticket.TicketId })).Status);
    }

    [Fact]
    public async Task A_retried_dispatch_with_its_request_id_assigns_once()
    {
        var (_, asset, tickets, technicians) = await StationAsync();
        var ticket = await tickets.CreateTicketAsync(Intake(asset));
        var request = new DispatchTicketRequest { TicketId = ticket.TicketId, TechnicianId = technicians[1].ToString(), RequestId = Guid.NewGuid().ToString() };

        var first = await tickets.DispatchTicketAsync(request);
        var retried = await tickets.DispatchTicketAsync(request);

        Assert.Equal(first, retried);
        var id = Guid.Parse(ticket.TicketId);
        Assert.Equal(1, await Suite.Tickets.WithDbAsync(db => db.TicketAssignments.CountAsync(a => a.TicketId == id)));
    }

    [Fact]
    public async Task A_station_revises_a_category_only_to_paid_and_billing_charges_by_the_revision()
    {
        var (_, asset, tickets, _) = await StationAsync();
        var ticket = await tickets.CreateTicketAsync(Intake(asset));

        var toFree = await Assert.ThrowsAsync<RpcException>(() => tickets.ReviseCategoryAsync(new ReviseCategoryRequest
        {
            TicketId = ticket.TicketId, Category = ServiceCategory.Contract, Reason = "客户有合同",
        }).ResponseAsync);
        var revised = await tickets.ReviseCategoryAsync(new ReviseCategoryRequest
        {
            TicketId = ticket.TicketId, Category = ServiceCategory.Paid, Reason = "现场发现进水，属人为损坏", RequestId = Guid.NewGuid().ToString(),
        });

        Problems.AssertFieldViolations(toFree, "category");
        Assert.Equal((ServiceCategory.Free, ServiceCategory.Paid), (ticket.Category, revised.Category));
        Assert.Equal("现场发现进水，属人为损坏", revised.CategoryReason);
        var id = Guid.Parse(ticket.TicketId);
        await Eventually.TrueAsync(() => Suite.Billing.WithDbAsync(db =>
            db.TicketAccounts.AnyAsync(a => a.TicketId == id && a.Category == AfterSales.Billing.Model.ServiceCategory.Paid)));
    }

    [Fact]
    public async Task A_return_or_exchange_is_decided_by_accountability_and_a_station_may_only_find_misuse()
    {
        var (station, _, tickets, _) = await StationAsync();
        var paidAsset = await Data.NewAssetAsync(station, Coverage.OutOfWarranty);
        var misuse = await tickets.CreateTicketAsync(Intake(await Data.NewAssetAsync(station)));
        var quality = await tickets.CreateTicketAsync(Intake(paidAsset));

        var exchangeByStation = await Assert.ThrowsAsync<RpcException>(() => tickets.DecideReturnOrExchangeAsync(new DecideReturnOrExchangeRequest
        {
            TicketId = quality.TicketId, Cause = "批次缺陷", Accountability = Accountability.CompanyQuality, Decision = ReturnDecision.Exchange,
        }).ResponseAsync);
        var paid = await tickets.DecideReturnOrExchangeAsync(new DecideReturnOrExchangeRequest
        {
            TicketId = misuse.TicketId, Cause = "控制柜进水", Accountability = Accountability.CustomerMisuse, Decision = ReturnDecision.PaidService,
        });
        var exchanged = await Staff("qa").DecideReturnOrExchangeAsync(new DecideReturnOrExchangeRequest
        {
            TicketId = quality.TicketId, Cause = "曳引机批次缺陷", Accountability = Accountability.CompanyQuality, Decision = ReturnDecision.Exchange,
            RequestId = Guid.NewGuid().ToString(),
        });

        Problems.AssertFieldViolations(exchangeByStation, "decision");
        Assert.Equal((ServiceCategory.Free, ServiceCategory.Paid, ReturnDecision.PaidService), (misuse.Category, paid.Category, paid.ReturnDecision));
        Assert.Equal((ServiceCategory.Paid, ServiceCategory.Free, Accountability.CompanyQuality, "曳引机批次缺陷"),
            (quality.Category, exchanged.Category, exchanged.Accountability, exchanged.ReturnCause));
        var ids = new[] { Guid.Parse(misuse.TicketId), Guid.Parse(quality.TicketId) };
        await Eventually.TrueAsync(() => Suite.Billing.WithDbAsync(async db =>
            await db.TicketAccounts.CountAsync(a => a.TicketId == ids[0] && a.Category == AfterSales.Billing.Model.ServiceCategory.Paid) == 1
            && await db.TicketAccounts.CountAsync(a => a.TicketId == ids[1] && a.Category == AfterSales.Billing.Model.ServiceCategory.Free) == 1));
    }

    [Fact]
    public async Task Staff_open_an_internal_job_without_an_asset_and_a_station_may_not()
    {
        var job = new CreateTicketRequest
        {
            InternalJob = true,
            StationId = DemoIds.StationHangzhou.ToString(),
            Channel = IntakeChannel.Visit,
            ContactName = "张伟",
            ContactPhone = "0571-8888-0000",
            FaultDescription = "季度工具检查",
        };

        var opened = await Staff("dispatcher").CreateTicketAsync(job);
        var (_, _, stationTickets, _) = await StationAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(() => stationTickets.CreateTicketAsync(job).ResponseAsync);

        Assert.Equal((ServiceCategory.Internal, "", ""), (opened.Category, opened.AssetId, opened.SerialNumber));
        Assert.Equal(DemoIds.StationHangzhou.ToString(), opened.StationId);
        Problems.AssertFieldViolations(refused, "internal_job");
    }

    [Fact]
    public async Task Intake_refuses_an_unknown_fault_type_naming_the_configured_ones()
    {
        var (_, asset, tickets, _) = await StationAsync();
        var request = Intake(asset);
        request.FaultType = "PLUMBING";

        var error = await Assert.ThrowsAsync<RpcException>(() => tickets.CreateTicketAsync(request).ResponseAsync);
        var faultTypes = await tickets.ListFaultTypesAsync(new ListFaultTypesRequest());

        Problems.AssertFieldViolations(error, "fault_type");
        Assert.Contains("ENGINE_CHASSIS", error.Status.Detail);
        Assert.Contains(faultTypes.FaultTypes, f => f is { Code: "ELECTRICAL", Certification: "electrician-licence" });
    }

    [Fact]
    public async Task Tickets_are_listed_by_status_technician_and_priority()
    {
        var (_, asset, tickets, technicians) = await StationAsync();
        var urgent = await tickets.CreateTicketAsync(Intake(asset, Priority.Urgent));
        var normal = await tickets.CreateTicketAsync(Intake(asset));
        await tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = normal.TicketId, TechnicianId = technicians[0].ToString() });

        var registered = await tickets.ListTicketsAsync(new ListTicketsRequest { Statuses = { TicketStatus.Registered } });
        var theirs = await tickets.ListTicketsAsync(new ListTicketsRequest { TechnicianId = technicians[0].ToString() });
        var urgentOnes = await tickets.ListTicketsAsync(new ListTicketsRequest { Priority = Priority.Urgent });
        var bad = await Assert.ThrowsAsync<RpcException>(() => tickets.ListTicketsAsync(new ListTicketsRequest { TechnicianId = "nobody" }).ResponseAsync);

        Assert.Equal([urgent.TicketId], registered.Tickets.Select(t => t.TicketId));
        Assert.Equal([normal.TicketId], theirs.Tickets.Select(t => t.TicketId));
        Assert.Equal([urgent.TicketId], urgentOnes.Tickets.Select(t => t.TicketId));
        Problems.AssertFieldViolations(bad, "technician_id");
    }
}
