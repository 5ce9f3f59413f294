using AfterSales.Customers.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.FunctionalTests.Tickets;

/// <summary>
/// Batch visits through the gateway (§12 5.4): a project's non-urgent job waits for the project's next visit (out of
/// the dispatch queue, due by the end of the visit day) while an emergency goes out at once; on the day the visit's
/// jobs are sent to one technician together, once.
/// </summary>
public class BatchVisitTests(Suite suite) : SuiteTest(suite)
{
    private static string NewId() => Guid.NewGuid().ToString();

    private static Google.Type.Date Day(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    [Fact]
    public async Task A_project_s_non_urgent_job_waits_for_its_next_visit_while_an_emergency_goes_out_at_once()
    {
        var station = await Data.NewStationAsync(technicians: 1);
        var customer = await Data.NewCustomerAsync(station.Id);
        var asset = await Data.NewAssetAsync(customer);
        var project = await new ProjectService.ProjectServiceClient(Suite.Gateway.ChannelAs(station.Caller)).CreateProjectAsync(new CreateProjectRequest
        {
            CustomerId = customer.Id.ToString(), SiteId = customer.SiteId.ToString(), Name = "智能化系统", DeliveryMode = DeliveryMode.Delivery, RequestId = NewId(),
        });
        var projectId = Guid.Parse(project.ProjectId);
        // The asset came with the project (its acceptance registers it so; that path is ProjectHandoverTests').
        await Suite.Customers.WithDbAsync(db => db.Assets.Where(a => a.Id == asset.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ProjectId, projectId)));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var visits = new BatchVisitService.BatchVisitServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var tickets = new TicketService.TicketServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var other = await Data.NewStationAsync();

        var othersSchedule = await Assert.ThrowsAsync<RpcException>(() => new BatchVisitService.BatchVisitServiceClient(Suite.Gateway.ChannelAs(other.Caller))
            .SetVisitScheduleAsync(new SetVisitScheduleRequest { ProjectId = project.ProjectId, Cadence = VisitCadence.Weekly, FirstVisitOn = Day(today), RequestId = NewId() }).ResponseAsync);
        var inThePast = await Assert.ThrowsAsync<RpcException>(() => visits.SetVisitScheduleAsync(new SetVisitScheduleRequest
        {
            ProjectId = project.ProjectId, Cadence = VisitCadence.Weekly, FirstVisitOn = Day(today.AddDays(-1)), RequestId = NewId(),
        }).ResponseAsync);
        var schedule = await visits.SetVisitScheduleAsync(new SetVisitScheduleRequest
        {
            ProjectId = project.ProjectId, Cadence = VisitCadence.Weekly, FirstVisitOn = Day(today.AddDays(2)), RequestId = NewId(),
        });
        var waiting = await tickets.CreateTicketAsync(Requests.Intake(asset.SerialNumber));
        var emergencyIntake = Requests.Intake(asset.SerialNumber);
        emergencyIntake.Priority = Priority.Emergency;
        var emergency = await tickets.CreateTicketAsync(emergencyIntake);
        var queue = await tickets.GetDispatchQueueAsync(new GetDispatchQueueRequest { StationId = station.Id.ToString(), PageSize = 100 });
        var coming = await visits.ListBatchVisitsAsync(new ListBatchVisitsRequest { StationId = station.Id.ToString() });
        var tooEarly = await Assert.ThrowsAsync<RpcException>(() => visits.DispatchBatchVisitAsync(new DispatchBatchVisitRequest
        {
            ProjectId = project.ProjectId, VisitOn = Day(today.AddDays(2)), TechnicianId = NewId(), RequestId = NewId(),
        }).ResponseAsync);

        // The visit day comes.
        var waitingId = Guid.Parse(waiting.TicketId);
        await Suite.Tickets.WithDbAsync(db => db.Tickets.Where(t => t.Id == waitingId).ExecuteUpdateAsync(s => s.SetProperty(t => t.BatchVisitOn, today)));
        var onTheDay = await tickets.GetDispatchQueueAsync(new GetDispatchQueueRequest { StationId = station.Id.ToString(), PageSize = 100 });
        var technician = await Suite.Tickets.WithDbAsync(db => db.Technicians.Where(t => t.StationId == station.Id).Select(t => t.Id).SingleAsync());
        var dispatched = await visits.DispatchBatchVisitAsync(new DispatchBatchVisitRequest
        {
            ProjectId = project.ProjectId, VisitOn = Day(today), TechnicianId = technician.ToString(), RequestId = NewId(),
        });
        var again = await Assert.ThrowsAsync<RpcException>(() => visits.DispatchBatchVisitAsync(new DispatchBatchVisitRequest
        {
            ProjectId = project.ProjectId, VisitOn = Day(today), TechnicianId = technician.ToString(), RequestId = NewId(),
        }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, othersSchedule.StatusCode);
        Problems.AssertFieldViolations(inThePast, "first_visit_on");
        Assert.Equal((project.Code, Day(today.AddDays(2))), (schedule.ProjectCode, schedule.NextVisitOn));
        Assert.Equal((project.ProjectId, Day(today.AddDays(2))), (waiting.ProjectId, waiting.BatchVisitOn));
        // Due by the end of the visit day, midnight in Shanghai.
        var endOfVisit = new DateTimeOffset(today.AddDays(3).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        Assert.Equal(endOfVisit, waiting.ArrivalDueAt.ToDateTimeOffset());
        Assert.Null(emergency.BatchVisitOn);
        Assert.Contains(queue.Tickets, q => q.Ticket.TicketId == emergency.TicketId);
        Assert.DoesNotContain(queue.Tickets, q => q.Ticket.TicketId == waiting.TicketId);
        var visit = Assert.Single(coming.Visits);
        Assert.Equal((project.Code, waiting.TicketId), (visit.ProjectCode, Assert.Single(visit.Tickets).TicketId));
        Problems.AssertFieldViolations(tooEarly, "visit_on");
        Assert.Contains(onTheDay.Tickets, q => q.Ticket.TicketId == waiting.TicketId);
        var sent = Assert.Single(dispatched.Tickets);
        Assert.Equal((waiting.TicketId, TicketStatus.Dispatched, technician.ToString()), (sent.TicketId, sent.Status, sent.TechnicianId));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }
}
