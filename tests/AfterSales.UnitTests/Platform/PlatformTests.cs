using AfterSales.Customers.V1;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Tickets.V1;
using Google.Rpc;

namespace AfterSales.UnitTests.Platform;

public class PlatformTests
{
    [Fact]
    public void Only_methods_the_contract_marks_safe_are_retried()
    {
        var tickets = ServiceClientExtensions.RetryOnlySafeMethods(TicketService.Descriptor);

        var retried = Assert.Single(tickets.MethodConfigs).Names.Select(n => n.Method).Order();
        Assert.Equal(["GetDispatchQueue", "GetServiceReport", "GetTicket", "GetTicketHistory", "ListEscalations", "ListFaultTypes", "ListTickets", "SuggestTechnicians"], retried);
        Assert.Equal([global::Grpc.Core.StatusCode.Unavailable], tickets.MethodConfigs[0].RetryPolicy!.RetryableStatusCodes);
    }

    [Fact]
    public void Every_customers_query_is_retried_and_no_write()
    {
        var customers = ServiceClientExtensions.RetryOnlySafeMethods(CustomerService.Descriptor);

        Assert.Equal(["CheckEntitlement", "GetAsset", "GetContract", "GetCustomer", "ListCustomers", "ListWarrantyChanges"],
            customers.MethodConfigs[0].Names.Select(n => n.Method).Order());
    }

    [Fact]
    public void Page_tokens_round_trip_and_reject_garbage()
    {
        Assert.Equal("C-0042|x", PageToken.Decode(PageToken.Encode("C-0042|x")));
        Assert.Null(PageToken.Decode(""));
        var error = Assert.Throws<ValidationException>(() => PageToken.Decode("***"));
        Assert.Equal("page_token", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData(Code.InvalidArgument, 400)]
    [InlineData(Code.NotFound, 404)]
    [InlineData(Code.AlreadyExists, 409)]
    [InlineData(Code.FailedPrecondition, 400)]
    [InlineData(Code.Aborted, 409)]
    [InlineData(Code.PermissionDenied, 403)]
    [InlineData(Code.Unauthenticated, 401)]
    [InlineData(Code.ResourceExhausted, 429)]
    [InlineData(Code.Unavailable, 503)]
    public void Grpc_codes_map_to_their_http_status(Code code, int httpStatus)
    {
        Assert.Equal(httpStatus, StatusNames.HttpStatusOf(code));
    }

    [Fact]
    public void Field_violations_collect_every_problem_before_throwing()
    {
        var violations = new FieldViolations()
            .RequireText("name", " ", 10)
            .OptionalText("note", new string('x', 11), 10)
            .RequireId("id", "not-a-guid", out _)
            .PageSize("page_size", 101, 100);

        var error = Assert.Throws<ValidationException>(violations.ThrowIfAny);

        Assert.Equal(["name", "note", "id", "page_size"], error.Violations.Select(v => v.Field));
    }
}
