using AfterSales.Customers.V1;
using AfterSales.Documents.V1;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Grpc;
using Google.Protobuf;
using Grpc.Core;
using static AfterSales.FunctionalTests.Customers.CustomerRequests;

namespace AfterSales.FunctionalTests.Customers;

/// <summary>
/// Return visits and trainings through the gateway: a plan schedules its visits, the due and overdue ones are
/// listed to the serving station only, a yearly visit is recorded with its signed record archived in
/// documents, and a training keeps its attendance and assessments in the customer file.
/// </summary>
public class ReturnVisitTests(Suite suite) : SuiteTest(suite)
{
    private CustomerCareService.CustomerCareServiceClient Care(Func<Task<string>> caller) => new(Suite.Gateway.ChannelAs(caller));

    [Fact]
    public async Task A_plan_schedules_its_visits_the_due_ones_are_listed_and_a_yearly_visit_is_recorded_with_its_signed_record()
    {
        var station = await Data.NewStationAsync();
        var care = Care(station.Caller);
        var customer = await new CustomerService.CustomerServiceClient(Suite.Gateway.ChannelAs(station.Caller)).CreateCustomerAsync(NewFile(Unique.Name("客户")));
        var start = Today.AddMonths(-13);

        var warranty = await care.PlanReturnVisitsAsync(new PlanReturnVisitsRequest
        {
            CustomerId = customer.CustomerId, Kind = ReturnVisitKind.WarrantyVisit, StartsOn = DateOf(start), EndsOn = DateOf(start.AddYears(2)),
            RequestId = Guid.NewGuid().ToString(),
        });
        var yearly = await care.PlanReturnVisitsAsync(new PlanReturnVisitsRequest
        {
            CustomerId = customer.CustomerId, Kind = ReturnVisitKind.AnnualVisit, StartsOn = DateOf(start), EndsOn = DateOf(start.AddYears(2)),
            RequestId = Guid.NewGuid().ToString(),
        });
        var tooSparse = await Assert.ThrowsAsync<RpcException>(() => care.PlanReturnVisitsAsync(new PlanReturnVisitsRequest
        {
            CustomerId = customer.CustomerId, Kind = ReturnVisitKind.WarrantyVisit, StartsOn = DateOf(start), EndsOn = DateOf(start.AddMonths(-1)),
            IntervalMonths = 9, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var due = await care.ListReturnVisitsAsync(new ListReturnVisitsRequest { CustomerId = customer.CustomerId });
        var annual = due.Visits.Single(v => v.Kind == ReturnVisitKind.AnnualVisit);
        var unsigned = await Assert.ThrowsAsync<RpcException>(() => care.RecordReturnVisitAsync(new RecordReturnVisitRequest
        {
            VisitId = annual.VisitId, Outcome = "设备运行正常", RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var documents = new DocumentService.DocumentServiceClient(Suite.Gateway.ChannelAs(station.Caller));
        var record = await documents.ArchiveDocumentAsync(new ArchiveDocumentRequest
        {
            TemplateCode = "RETURN-VISIT-RECORD", SubjectId = customer.CustomerId, MediaType = "application/pdf",
            Content = ByteString.CopyFromUtf8($"%PDF-1.4 回访记录 {Guid.NewGuid()}"),
        });
        var notAboutThem = await Assert.ThrowsAsync<RpcException>(() => care.RecordReturnVisitAsync(new RecordReturnVisitRequest
        {
            VisitId = annual.VisitId, Outcome = "设备运行正常", RecordDocumentId = Guid.NewGuid().ToString(), RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var recorded = await care.RecordReturnVisitAsync(new RecordReturnVisitRequest
        {
            VisitId = annual.VisitId, Outcome = "设备运行正常，客户签字确认", Satisfaction = Satisfaction.Satisfied, RecordDocumentId = record.DocumentId,
            RequestId = Guid.NewGuid().ToString(),
        });
        var other = await Data.NewStationAsync();
        var othersList = await Care(other.Caller).ListReturnVisitsAsync(new ListReturnVisitsRequest { CustomerId = customer.CustomerId });
        var dueAfter = await care.ListReturnVisitsAsync(new ListReturnVisitsRequest { CustomerId = customer.CustomerId });

        Assert.Equal([start.AddMonths(6), start.AddMonths(12), start.AddMonths(18), start.AddMonths(24)],
            warranty.Visits.Select(v => v.DueOn.ToDateOnly()));
        Assert.Equal(2, yearly.Visits.Count);
        Problems.AssertFieldViolations(tooSparse, "ends_on", "interval_months");
        // Due by today: the warranty visits of months 6 and 12 and the first yearly one, all overdue.
        Assert.Equal(3, due.Visits.Count);
        Assert.All(due.Visits, v => Assert.True(v.Overdue));
        Problems.AssertFieldViolations(unsigned, "record_document_id");
        Problems.AssertFieldViolations(notAboutThem, "record_document_id");
        Assert.Equal((Satisfaction.Satisfied, record.DocumentId, false), (recorded.Satisfaction, recorded.RecordDocumentId, recorded.Overdue));
        Assert.Empty(othersList.Visits);
        Assert.Equal(2, dueAfter.Visits.Count);
    }

    [Fact]
    public async Task A_training_is_planned_and_recorded_once_with_its_attendees_and_assessments()
    {
        var station = await Data.NewStationAsync();
        var care = Care(station.Caller);
        var customer = await new CustomerService.CustomerServiceClient(Suite.Gateway.ChannelAs(station.Caller)).CreateCustomerAsync(NewFile(Unique.Name("客户")));

        var planned = await care.PlanTrainingAsync(new PlanTrainingRequest
        {
            CustomerId = customer.CustomerId, Topic = "冷水机组日常操作与保养", Trainer = "刘工", PlannedOn = DateOf(Today.AddDays(-2)),
            RequestId = Guid.NewGuid().ToString(),
        });
        var bad = await Assert.ThrowsAsync<RpcException>(() => care.RecordTrainingAsync(new RecordTrainingRequest
        {
            TrainingId = planned.TrainingId, HeldOn = DateOf(Today.AddDays(3)),
            Attendees = { new TrainingAttendee { Name = "", Score = 120 } }, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var held = await care.RecordTrainingAsync(new RecordTrainingRequest
        {
            TrainingId = planned.TrainingId, HeldOn = DateOf(Today.AddDays(-1)),
            Attendees =
            {
                new TrainingAttendee { Name = "张伟", Role = "值班电工", Score = 92, Passed = true },
                new TrainingAttendee { Name = "李娜", Role = "设备主管", Score = 55, Passed = false },
            },
            RequestId = Guid.NewGuid().ToString(),
        });
        var again = await Assert.ThrowsAsync<RpcException>(() => care.RecordTrainingAsync(new RecordTrainingRequest
        {
            TrainingId = planned.TrainingId, HeldOn = DateOf(Today), Attendees = { new TrainingAttendee { Name = "王五" } }, RequestId = Guid.NewGuid().ToString(),
        }).ResponseAsync);
        var file = await care.ListTrainingsAsync(new ListTrainingsRequest { CustomerId = customer.CustomerId });
        var other = await Data.NewStationAsync();
        var hidden = await Assert.ThrowsAsync<RpcException>(() => Care(other.Caller).ListTrainingsAsync(new ListTrainingsRequest { CustomerId = customer.CustomerId }).ResponseAsync);

        Problems.AssertFieldViolations(bad, "attendees[0].name", "attendees[0].score", "held_on");
        Assert.Equal(Today.AddDays(-1), held.HeldOn.ToDateOnly());
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        var kept = Assert.Single(file.Trainings);
        Assert.Equal([("张伟", 92, true), ("李娜", 55, false)], kept.Attendees.Select(a => (a.Name, a.Score, a.Passed)));
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }
}
