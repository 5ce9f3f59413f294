using AfterSales.Platform.Errors;
using AfterSales.Tickets.Grpc;
using AfterSales.Tickets.V1;
using Google.Protobuf.WellKnownTypes;
using Model = AfterSales.Tickets.Model;

namespace AfterSales.UnitTests.Tickets;

public class TicketIntakeTests
{
    private static readonly IReadOnlySet<string> FaultTypes = Model.FaultType.Defaults.Select(f => f.Code).ToHashSet();

    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    /// <summary>The company's staff registering: they may register a request late, up to a week back.</summary>
    private static readonly Model.IntakeClock Staff = new(Now, CallerMayRegisterLate: true, TimeSpan.FromDays(7));

    /// <summary>A partner station registering: its requests are received when registered.</summary>
    private static readonly Model.IntakeClock Station = Staff with { CallerMayRegisterLate = false };

    private static CreateTicketRequest Valid() => new()
    {
        SerialNumber = " EL-1 ",
        Channel = IntakeChannel.Phone,
        ContactName = "王建国",
        ContactPhone = "0571-8888-1001",
        FaultDescription = "电梯运行时有异响",
    };

    [Fact]
    public void A_valid_request_becomes_a_trimmed_report_received_now()
    {
        var report = Valid().ToIntakeReport(Staff, FaultTypes);

        Assert.Equal("EL-1", report.SerialNumber);
        Assert.Null(report.ComponentCode);
        Assert.Equal(Model.IntakeChannel.Phone, report.Channel);
        Assert.Equal(Now, report.ReceivedAt);
    }

    [Fact]
    public void Every_missing_field_is_reported_at_once()
    {
        var error = Assert.Throws<ValidationException>(() => new CreateTicketRequest().ToIntakeReport(Staff, FaultTypes));

        Assert.Equal(
            ["channel", "contact_name", "contact_phone", "fault_description", "serial_number"],
            error.Violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void Received_at_may_not_be_in_the_future_beyond_clock_skew()
    {
        var request = Valid();
        request.ReceivedAt = Timestamp.FromDateTimeOffset(Now.AddMinutes(10));

        var error = Assert.Throws<ValidationException>(() => request.ToIntakeReport(Staff, FaultTypes));

        Assert.Equal("received_at", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Received_at_slightly_ahead_is_tolerated_as_clock_skew()
    {
        var request = Valid();
        request.ReceivedAt = Timestamp.FromDateTimeOffset(Now.AddMinutes(2));

        Assert.Equal(Now.AddMinutes(2), request.ToIntakeReport(Staff, FaultTypes).ReceivedAt);
    }

    [Fact]
    public void An_undefined_channel_is_rejected()
    {
        var request = Valid();
        request.Channel = (IntakeChannel)42;

        var error = Assert.Throws<ValidationException>(() => request.ToIntakeReport(Staff, FaultTypes));

        Assert.Equal("channel", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void An_overlong_description_is_rejected()
    {
        var request = Valid();
        request.FaultDescription = new string('坏', 2001);

        var error = Assert.Throws<ValidationException>(() => request.ToIntakeReport(Staff, FaultTypes));

        Assert.Equal("fault_description", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void A_ticket_opens_registered_with_the_category_of_its_entitlement()
    {
        var report = Valid().ToIntakeReport(Staff, FaultTypes);
        var entitlement = new Model.IntakeEntitlement(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Model.ServiceCategory.Contract, "HT-1");

        var ticket = Model.Ticket.Open(Guid.NewGuid(), "T20261127-ST-HZ01-0001", report, entitlement, "reception", Now);

        Assert.Equal(Model.TicketStatus.Registered, ticket.Status);
        Assert.Equal(Model.ServiceCategory.Contract, ticket.Category);
        Assert.Equal(entitlement.StationId, ticket.StationId);
    }

    [Fact]
    public void Ticket_numbers_carry_the_day_the_station_and_its_zero_padded_count()
    {
        Assert.Equal("T20261127-ST-HZ01-0042", Model.Ticket.FormatNumber(new DateOnly(2026, 11, 27), "ST-HZ01", 42));
    }

    [Fact]
    public void A_station_may_not_set_received_at_at_all()
    {
        var request = Valid();
        request.ReceivedAt = Timestamp.FromDateTimeOffset(Now.AddMinutes(-1));

        var error = Assert.Throws<ValidationException>(() => request.ToIntakeReport(Station, FaultTypes));

        Assert.Equal("received_at", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Staff_register_late_within_the_window_with_a_reason()
    {
        var request = Valid();
        request.ReceivedAt = Timestamp.FromDateTimeOffset(Now.AddDays(-6));
        request.LateRegistrationReason = " 周六收到的来信 ";

        var report = request.ToIntakeReport(Staff, FaultTypes);

        Assert.Equal(Now.AddDays(-6), report.ReceivedAt);
        Assert.Equal("周六收到的来信", report.LateRegistrationReason);
    }

    [Fact]
    public void Staff_may_not_register_late_without_a_reason()
    {
        var request = Valid();
        request.ReceivedAt = Timestamp.FromDateTimeOffset(Now.AddHours(-3));

        var error = Assert.Throws<ValidationException>(() => request.ToIntakeReport(Staff, FaultTypes));

        Assert.Equal("late_registration_reason", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Staff_may_not_register_a_request_older_than_the_window()
    {
        var request = Valid();
        request.ReceivedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2018, 3, 1, 0, 0, 0, TimeSpan.Zero));
        request.LateRegistrationReason = "补录";

        var error = Assert.Throws<ValidationException>(() => request.ToIntakeReport(Staff, FaultTypes));

        Assert.Equal("received_at", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void A_reason_without_a_late_received_at_is_refused()
    {
        var request = Valid();
        request.LateRegistrationReason = "补录";

        var error = Assert.Throws<ValidationException>(() => request.ToIntakeReport(Station, FaultTypes));

        Assert.Equal("late_registration_reason", Assert.Single(error.Violations).Field);
    }
}
