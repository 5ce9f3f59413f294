using System.Net;
using System.Net.Http.Headers;
using AfterSales.FunctionalTests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;

namespace AfterSales.FunctionalTests.Platform;

/// <summary>
/// gRPC server reflection (Development only) lists a service's RPCs and messages: a map for an attacker,
/// so it takes a token like every other call, and the gateway does not route it at all (an anonymous caller
/// is refused there before routing, as for any path).
/// </summary>
public class ServerReflectionTests(Suite suite) : SuiteTest(suite)
{
    /// <summary>
    /// One request, one answer: the duplex reflection call made as a unary one, since a duplex client can
    /// wait out its deadline writing to a call that was refused before it wrote.
    /// </summary>
    private static readonly Method<ServerReflectionRequest, ServerReflectionResponse> ListServices = new(
        MethodType.Unary, "grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo",
        Marshallers.Create(r => r.ToByteArray(), ServerReflectionRequest.Parser.ParseFrom),
        Marshallers.Create(r => r.ToByteArray(), ServerReflectionResponse.Parser.ParseFrom));

    private IEnumerable<(string Service, string GrpcAddress)> Services =>
    [
        (Suite.Customers.Service, Suite.Customers.GrpcAddress), (Suite.Tickets.Service, Suite.Tickets.GrpcAddress),
        (Suite.Inventory.Service, Suite.Inventory.GrpcAddress), (Suite.Billing.Service, Suite.Billing.GrpcAddress),
        (Suite.Feedback.Service, Suite.Feedback.GrpcAddress), (Suite.Documents.Service, Suite.Documents.GrpcAddress),
    ];

    [Fact]
    public async Task An_anonymous_caller_cannot_list_any_service_s_rpcs()
    {
        foreach (var (service, address) in Services)
        {
            using var anonymous = GrpcChannel.ForAddress(address);

            var error = await Assert.ThrowsAsync<RpcException>(() => ListServicesAsync(anonymous));

            Assert.True(error.StatusCode == StatusCode.Unauthenticated, $"{service} answered {error.StatusCode}");
        }
    }

    [Fact]
    public async Task A_caller_with_a_token_lists_them()
    {
        var services = await ListServicesAsync(Suite.Tickets.Channel);

        Assert.Contains("aftersales.tickets.v1.TicketService", services);
    }

    [Fact]
    public async Task The_gateway_does_not_route_reflection()
    {
        using var anonymous = Suite.Gateway.AnonymousChannel();

        var refusedAnonymous = await Assert.ThrowsAsync<RpcException>(() => ListServicesAsync(anonymous));
        var staffStatus = await PostToGatewayAsync("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
            await Suite.Callers.StaffAsync(Callers.DefaultStaff));

        Assert.Equal(StatusCode.Unauthenticated, refusedAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, staffStatus);
    }

    /// <summary>
    /// A gRPC request as plain HTTP/2: the gateway answers an unknown path with a bare 404, which a gRPC
    /// client may wait out its deadline on instead of reporting.
    /// </summary>
    private async Task<HttpStatusCode> PostToGatewayAsync(string path, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Suite.Gateway.GrpcAddress + path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]), // one empty message
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<List<string>> ListServicesAsync(GrpcChannel channel)
    {
        var response = await channel.CreateCallInvoker().AsyncUnaryCall(
            ListServices, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)), new ServerReflectionRequest { ListServices = "" });
        return [.. response.ListServicesResponse.Service.Select(s => s.Name)];
    }
}
