using AfterSales.Billing.V1;
using AfterSales.Customers.V1;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Tickets.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Google.Type;

namespace AfterSales.UnitTests.Platform;

public class MalformedInputTests
{
    private static List<string> FieldsOf(IMessage message) => MalformedInput.Find(message).Select(v => v.Field).ToList();

    [Fact]
    public void A_well_formed_request_has_nothing_malformed()
    {
        var request = new CreateTicketRequest
        {
            SerialNumber = "EL-2019-0001",
            ContactName = "王建国",
            FaultDescription = "轿厢晃动\r\n\t门无法关闭 😀",
            ReceivedAt = Timestamp.FromDateTime(new System.DateTime(2026, 11, 27, 8, 30, 0, DateTimeKind.Utc)),
        };

        Assert.Empty(MalformedInput.Find(request));
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("a\u0001b")]
    [InlineData("\u001b[31m")]
    [InlineData("\u001f")]
    public void Control_characters_are_not_text(string text)
    {
        Assert.False(MalformedInput.IsText(text));
        Assert.Equal(["contact_name"], FieldsOf(new CreateTicketRequest { ContactName = text }));
    }

    [Fact]
    public void Broken_surrogate_pairs_are_not_text()
    {
        // Written here, not as theory data: xunit passes theory strings through UTF-8, which mends them.
        Assert.False(MalformedInput.IsText("\uD800"));
        Assert.False(MalformedInput.IsText("x\uDC00"));
        Assert.False(MalformedInput.IsText("\uDC00\uD800"));
        Assert.Equal(["contact_name"], FieldsOf(new CreateTicketRequest { ContactName = "王\uD800" }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("lines\r\nand\nmore")]
    [InlineData("𝄞 and 😀")]
    [InlineData("\u007f\u0085")] // DEL and C1 controls: PostgreSQL stores them, and they are not the garbage this refuses
    public void Tabs_line_breaks_and_characters_beyond_the_BMP_are_text(string text) => Assert.True(MalformedInput.IsText(text));

    [Fact]
    public void Fields_of_nested_and_repeated_messages_are_named_by_their_path()
    {
        var request = new QuoteRequest { Lines = { new WorkLine { FeeCode = "LAB-STD" }, new WorkLine { FeeCode = "LAB\0" } } };

        Assert.Equal(["lines[1].fee_code"], FieldsOf(request));
    }

    [Fact]
    public void Map_entries_are_named_by_their_key()
    {
        var request = new Struct { Fields = { ["note"] = Value.ForString("a\0b") } };

        Assert.Equal(["fields[note].string_value"], FieldsOf(request));
    }

    [Theory]
    [InlineData(-62_135_596_800L, 0, true)] // 0001-01-01T00:00:00Z
    [InlineData(253_402_300_799L, 999_999_999, true)] // 9999-12-31T23:59:59.999999999Z
    [InlineData(-62_135_596_801L, 0, false)]
    [InlineData(253_402_300_800L, 0, false)]
    [InlineData(0L, -1, false)]
    [InlineData(0L, 1_000_000_000, false)]
    public void Timestamps_must_lie_in_the_range_protobuf_defines(long seconds, int nanos, bool valid)
    {
        var request = new CreateTicketRequest { ReceivedAt = new Timestamp { Seconds = seconds, Nanos = nanos } };

        string[] expected = valid ? [] : ["received_at"];
        Assert.Equal(expected, FieldsOf(request));
        if (valid)
        {
            request.ReceivedAt.ToDateTimeOffset();
        }
        else
        {
            Assert.Throws<InvalidOperationException>(() => request.ReceivedAt.ToDateTimeOffset());
        }
    }

    [Theory]
    [InlineData(315_576_000_000L, 999_999_999, true)]
    [InlineData(-5L, -500, true)]
    [InlineData(315_576_000_001L, 0, false)]
    [InlineData(-315_576_000_001L, 0, false)]
    [InlineData(5L, -1, false)]
    [InlineData(-5L, 1, false)]
    [InlineData(0L, 1_000_000_000, false)]
    public void Durations_must_lie_in_the_range_protobuf_defines_with_one_sign(long seconds, int nanos, bool valid)
    {
        var details = new RetryInfo { RetryDelay = new Duration { Seconds = seconds, Nanos = nanos } };

        string[] expected = valid ? [] : ["retry_delay"];
        Assert.Equal(expected, FieldsOf(details));
    }

    [Theory]
    [InlineData(2026, 2, 28, true)]
    [InlineData(2024, 2, 29, true)]
    [InlineData(0, 2, 29, true)] // a birthday: no year
    [InlineData(2026, 11, 0, true)] // a month
    [InlineData(2026, 0, 0, true)] // a year
    [InlineData(0, 0, 0, true)] // unset
    [InlineData(2026, 2, 29, false)]
    [InlineData(2026, 13, 1, false)]
    [InlineData(2026, 4, 31, false)]
    [InlineData(10_000, 1, 1, false)]
    [InlineData(2026, 0, 5, false)]
    [InlineData(-1, 1, 1, false)]
    public void Dates_must_be_dates_of_the_calendar(int year, int month, int day, bool valid)
    {
        var asset = new Asset { AcceptedOn = new Date { Year = year, Month = month, Day = day } };

        string[] expected = valid ? [] : ["accepted_on"];
        Assert.Equal(expected, FieldsOf(asset));
    }

    [Fact]
    public void A_list_over_the_limit_is_named_once_without_walking_its_entries()
    {
        var request = new QuoteRequest();
        request.Lines.AddRange(Enumerable.Range(0, MalformedInput.MaxRepeatedEntries + 1).Select(_ => new WorkLine { FeeCode = "\0" }));

        var violation = Assert.Single(MalformedInput.Find(request));

        Assert.Equal("lines", violation.Field);
        Assert.Contains($"{MalformedInput.MaxRepeatedEntries}", violation.Description);
    }

    [Fact]
    public void A_list_at_the_limit_is_walked()
    {
        var request = new QuoteRequest();
        request.Lines.AddRange(Enumerable.Range(0, MalformedInput.MaxRepeatedEntries).Select(_ => new WorkLine { FeeCode = "LAB-STD" }));

        Assert.Empty(MalformedInput.Find(request));
    }

    [Fact]
    public void At_most_a_hundred_violations_are_collected()
    {
        var request = new QuoteRequest();
        request.Lines.AddRange(Enumerable.Range(0, 500).Select(_ => new WorkLine { FeeCode = "\0" }));

        Assert.Equal(100, MalformedInput.Find(request).Count);
    }

    [Fact]
    public void A_page_token_hiding_a_control_character_was_not_issued_here()
    {
        var error = Assert.Throws<ValidationException>(() => PageToken.Decode(PageToken.Encode("638000000000000000|T\0")));

        Assert.Equal("page_token", Assert.Single(error.Violations).Field);
    }
}
