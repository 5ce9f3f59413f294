using System.Net;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;

namespace AfterSales.TestKit;

/// <summary>Assertions on the suite's error model, on both surfaces (gRPC status with details; problem+json).</summary>
public static class Problems
{
    /// <summary>The call failed with INVALID_ARGUMENT and a BadRequest naming exactly these fields.</summary>
    public static void AssertFieldViolations(RpcException error, params string[] fields)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal(fields.Order(), badRequest.FieldViolations.Select(v => v.Field).Order());
    }

    /// <summary>A problem+json answer with this status and gRPC code name; returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string grpcStatus)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.Equal(grpcStatus, body.GetProperty("grpcStatus").GetString());
        return body;
    }

    /// <summary>A 400 problem+json answer whose <c>errors</c> name exactly these fields.</summary>
    public static async Task AssertFieldViolationsAsync(HttpResponseMessage response, params string[] fields)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        Assert.Equal(fields.Order(), problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    /// <summary>
    /// <paramref name="hidden"/> (an object the caller may not see) failed exactly as <paramref name="missing"/>
    /// (an object that does not exist): NOT_FOUND, and the same text but for the id the caller sent.
    /// </summary>
    public static void AssertSameAsMissing(RpcException hidden, string hiddenId, RpcException missing, string missingId)
    {
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(missing.Status.Detail.Replace(missingId, "{id}", StringComparison.Ordinal),
            hidden.Status.Detail.Replace(hiddenId, "{id}", StringComparison.Ordinal));
    }

    /// <summary>The JSON form of <see cref="AssertSameAsMissing(RpcException, string, RpcException, string)"/>: two 404 problems alike but for the id.</summary>
    public static async Task AssertSameAsMissingAsync(HttpResponseMessage hidden, string hiddenId, HttpResponseMessage missing, string missingId)
    {
        var hiddenProblem = await AssertProblemAsync(hidden, HttpStatusCode.NotFound, "NOT_FOUND");
        var missingProblem = await AssertProblemAsync(missing, HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(missingProblem.GetProperty("detail").GetString()!.Replace(missingId, "{id}", StringComparison.Ordinal),
            hiddenProblem.GetProperty("detail").GetString()!.Replace(hiddenId, "{id}", StringComparison.Ordinal));
    }
}
