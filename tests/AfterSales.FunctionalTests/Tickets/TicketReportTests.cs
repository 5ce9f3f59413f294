using AfterSales.Common.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Grpc;
using AfterSales.Tickets.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Tickets;

/// <summary>The station's reports and the dispatcher's urgent list, over tickets a test's own station worked.</summary>
public class TicketReportTests(Suite suite) : SuiteTest(suite)
{
    private static readonly TimeZoneInfo Company = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Company).DateTime);

    private async Task<(TestStation Station, TicketService.TicketServiceClient Tickets, IReadOnlyList<Guid> Technicians)> StationAsync()
    {
        var station = await Data.NewStationAsync(technicians: 2);
        var technicians = await Suite.Tickets.WithDbAsync(db =>
            db.Technicians.Where(t => t.StationId == station.Id).OrderBy(t => t.Name).Select(t => t.Id).ToListAsync());
        return (station, new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller)), technicians);
    }

    /// <summary>Opens an emergency (no appointment needed), dispatches it, records work on site with the given labour, and completes it.</summary>
    private async Task<Ticket> RepairAsync(TestStation station, TicketService.TicketServiceClient tickets, Coverage coverage, Guid technician,
        params (Guid Technician, double Hours)[] labour)
    {
        var asset = await Data.NewAssetAsync(station, coverage);
        var request = Requests.Intake(asset.SerialNumber);
        (request.FaultType, request.Priority) = ("LIFT", Priority.Emergency);
        var ticket = await tickets.CreateTicketAsync(request);
        await tickets.DispatchTicketAsync(new DispatchTicketRequest { TicketId = ticket.TicketId, TechnicianId = technician.ToString() });
        await tickets.StartTravelAsync(new StartTravelRequest { TicketId = ticket.TicketId });
        await tickets.ArriveOnSiteAsync(new ArriveOnSiteRequest { TicketId = ticket.TicketId });
        var work = new RecordWorkRequest
        {
            TicketId = ticket.TicketId,
            Place = WorkPlace.OnSite,
            WorkDone = "更换导靴",
            Parts = { new PartUsed { PartNumber = "P-EL-1003", Quantity = 2, OldPartKept = true } },
        };
        work.Labour.AddRange(labour.Select(l => new LabourHours { TechnicianId = l.Technician.ToString(), Hours = l.Hours }));
        await tickets.RecordWorkAsync(work);
        return await tickets.CompleteVisitAsync(new CompleteVisitRequest { TicketId = ticket.TicketId, Result = VisitResult.Completed });
    }

    [Fact]
    public async Task The_daily_report_sums_a_station_s_work_by_category_and_technician_and_the_technician_s_own_report_only_theirs()
    {
        var (station, tickets, technicians) = await StationAsync();
        var (zhang, liu) = (technicians[0], technicians[1]);
        var free = await RepairAsync(station, tickets, Coverage.InWarranty, zhang, (zhang, 2.5), (liu, 1));
        await RepairAsync(station, tickets, Coverage.OutOfWarranty, liu, (liu, 3));
        await tickets.SignOffAsync(new SignOffRequest { TicketId = free.TicketId, SignedBy = "王建国" });
        await tickets.CloseTicketAsync(new CloseTicketRequest { TicketId = free.TicketId });
        var day = new GetServiceReportRequest { StationId = station.Id.ToString(), Period = ReportPeriod.Day, Date = Today.ToProtoDate() };

        var report = await tickets.GetServiceReportAsync(day);
        day.TechnicianId = zhang.ToString();
        var zhangs = await tickets.GetServiceReportAsync(day);
        var month = await tickets.GetServiceReportAsync(new GetServiceReportRequest { StationId = station.Id.ToString(), Period = ReportPeriod.Month, Date = Today.ToProtoDate() });

        var byCategory = report.Categories.ToDictionary(c => c.Category);
        Assert.Equal((1, 1, 1, 3.5), (byCategory[ServiceCategory.Free].Opened, byCategory[ServiceCategory.Free].Resolved, byCategory[ServiceCategory.Free].Closed, byCategory[ServiceCategory.Free].LabourHours));
        Assert.Equal((1, 1, 0, 3.0), (byCategory[ServiceCategory.Paid].Opened, byCategory[ServiceCategory.Paid].Resolved, byCategory[ServiceCategory.Paid].Closed, byCategory[ServiceCategory.Paid].LabourHours));
        var liuFigures = report.Technicians.Single(t => t.TechnicianId == liu.ToString());
        Assert.Equal((2, 4.0), (liuFigures.Tickets, liuFigures.LabourHours));
        Assert.Equal([(ServiceCategory.Paid, 3.0), (ServiceCategory.Free, 1.0)], liuFigures.HoursByCategory.Select(h => (h.Category, h.Hours)));
        Assert.Equal(("P-EL-1003", 4, 4), (report.Parts.Single().PartNumber, report.Parts.Single().Quantity, report.Parts.Single().OldPartsKept));
        Assert.Equal(4, report.Sla.Met); // each emergency answered (on the way) and visited in time
        Assert.Equal([zhang.ToString()], zhangs.Technicians.Select(t => t.TechnicianId));
        Assert.Equal(2.5, zhangs.Categories.Sum(c => c.LabourHours));
        Assert.Equal((Today.Year, Today.Month, 1), (month.From.Year, month.From.Month, month.From.Day));
        Assert.Equal(6.5, month.Categories.Sum(c => c.LabourHours));
    }

    [Fact]
    public async Task A_report_asks_for_a_period_a_date_and_the_station_s_own_technician()
    {
        var (station, tickets, _) = await StationAsync();
        var (_, _, others) = await StationAsync();

        var blank = await Assert.ThrowsAsync<RpcException>(() => tickets.GetServiceReportAsync(new GetServiceReportRequest { StationId = station.Id.ToString() }).ResponseAsync);
        var foreign = await Assert.ThrowsAsync<RpcException>(() => tickets.GetServiceReportAsync(new GetServiceReportRequest
        {
            StationId = station.Id.ToString(), Period = ReportPeriod.Week, Date = Today.ToProtoDate(), TechnicianId = others[0].ToString(),
        }).ResponseAsync);
        var week = await tickets.GetServiceReportAsync(new GetServiceReportRequest { StationId = station.Id.ToString(), Period = ReportPeriod.Week, Date = Today.ToProtoDate() });

        Problems.AssertFieldViolations(blank, "period", "date");
        Problems.AssertFieldViolations(foreign, "technician_id");
        Assert.Equal(DayOfWeek.Monday, new DateOnly(week.From.Year, week.From.Month, week.From.Day).DayOfWeek);
        Assert.Equal(6, new DateOnly(week.To.Year, week.To.Month, week.To.Day).DayNumber - new DateOnly(week.From.Year, week.From.Month, week.From.Day).DayNumber);
    }

    [Fact]
    public async Task The_most_urgent_list_orders_open_promises_by_their_nearest_due_time_page_by_page()
    {
        var (station, tickets, _) = await StationAsync();
        var opened = new List<Ticket>();
        foreach (var (fault, priority) in new[] { ("BODY", Priority.Normal), ("LIFT", Priority.Emergency), ("ENGINE_CHASSIS", Priority.Normal) })
        {
            var asset = await Data.NewAssetAsync(station);
            var request = Requests.Intake(asset.SerialNumber);
            (request.FaultType, request.Priority) = (fault, priority);
            opened.Add(await tickets.CreateTicketAsync(request));
        }

        var first = await tickets.ListTicketsAsync(new ListTicketsRequest { Order = TicketOrder.MostUrgent, PageSize = 2 });
        var second = await tickets.ListTicketsAsync(new ListTicketsRequest { Order = TicketOrder.MostUrgent, PageSize = 2, PageToken = first.NextPageToken });
        var soon = await tickets.ListTicketsAsync(new ListTicketsRequest { DueBefore = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(3)) });

        var expected = opened.OrderBy(t => t.NextDueAt.ToDateTimeOffset()).Select(t => t.TicketId).ToList();
        Assert.Equal(expected, first.Tickets.Concat(second.Tickets).Select(t => t.TicketId));
        Assert.Equal(opened[1].TicketId, expected[0]); // the emergency: answered within 2 h on the 24-hour line
        Assert.Equal([opened[1].TicketId], soon.Tickets.Select(t => t.TicketId));
        Assert.Empty(second.NextPageToken);
    }
}
