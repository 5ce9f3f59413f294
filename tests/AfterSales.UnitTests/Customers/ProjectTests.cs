using AfterSales.Customers.Model;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using Microsoft.Extensions.Configuration;

namespace AfterSales.UnitTests.Customers;

public class ProjectTests
{
    /// <summary>The company's calendar (Asia/Shanghai, UTC+8 all year).</summary>
    private static readonly BusinessCalendar Calendar = new(new ConfigurationBuilder().Build(), TimeProvider.System);

    private static Project New(DeliveryMode mode) =>
        new(Guid.NewGuid(), "P-000001", "冷水机组", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), mode, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_delivered_project_s_notice_is_due_48_hours_after_shipping_and_late_when_sent_after()
    {
        var project = New(DeliveryMode.Delivery);
        var shipped = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

        project.Ship(shipped, null, Calendar);

        Assert.Equal(shipped.AddHours(48), project.DeliveryNoticeDueAt);
        Assert.False(project.DeliveryNoticeOverdue(shipped.AddHours(47)));
        Assert.True(project.DeliveryNoticeOverdue(shipped.AddHours(49)));
        project.RecordDeliveryNotice(Guid.NewGuid(), shipped.AddHours(49));
        Assert.True(project.DeliveryNoticeLate);
        Assert.False(project.DeliveryNoticeOverdue(shipped.AddDays(10)));
    }

    [Fact]
    public void A_self_pickup_s_notice_is_due_15_days_before_the_pickup_day_begins_in_the_company_s_time_zone()
    {
        var project = New(DeliveryMode.SelfPickup);

        project.Ship(null, new DateOnly(2026, 12, 20), Calendar);

        // 20 Dec 00:00 in Shanghai is 19 Dec 16:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 16, 0, 0, TimeSpan.Zero), project.DeliveryNoticeDueAt);
    }

    [Fact]
    public void The_handover_s_steps_come_in_order_each_once_and_not_before_the_step_before()
    {
        var project = New(DeliveryMode.Delivery);

        Assert.Throws<PreconditionFailedException>(() => project.RecordInstallation(new DateOnly(2026, 11, 5), Guid.NewGuid()));
        project.Ship(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero), null, Calendar);
        Assert.Throws<PreconditionFailedException>(() => project.RecordCommissioning(new DateOnly(2026, 11, 5), Guid.NewGuid()));
        Assert.Throws<ValidationException>(() => project.RecordInstallation(new DateOnly(2026, 11, 1), Guid.NewGuid()));
        project.RecordInstallation(new DateOnly(2026, 11, 2), Guid.NewGuid());
        project.RecordCommissioning(new DateOnly(2026, 11, 4), Guid.NewGuid());
        Assert.Throws<ValidationException>(() => project.Accept(new DateOnly(2026, 11, 3), Guid.NewGuid()));
        project.Accept(new DateOnly(2026, 11, 6), Guid.NewGuid());
        Assert.Throws<PreconditionFailedException>(() => project.Accept(new DateOnly(2026, 11, 7), Guid.NewGuid()));

        Assert.Equal((ProjectStage.Accepted, new DateOnly(2026, 11, 9)), (project.Stage, project.CertificatesDueOn));
    }
}
