using System.Net;
using System.Reflection;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Platform.Data;
using AfterSales.Platform.Security;
using AfterSales.ServiceDefaults;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace AfterSales.FunctionalTests.Platform;

/// <summary>
/// Deny by default, declared per RPC: every RPC of every proto has a handler that declares who may call
/// it, and through the real gateway every kind of caller gets exactly the declared answer.
/// </summary>
public class AccessMatrixTests(Suite suite) : SuiteTest(suite)
{
    /// <summary>The assemblies that implement RPCs: the six services and the platform every one of them hosts.</summary>
    private static readonly Assembly[] Implementations =
    [
        typeof(global::AfterSales.Tickets.Grpc.TicketGrpcService).Assembly, typeof(global::AfterSales.Customers.Grpc.CustomerGrpcService).Assembly,
        typeof(global::AfterSales.Inventory.Grpc.InventoryGrpcService).Assembly, typeof(global::AfterSales.Billing.Grpc.BillingGrpcService).Assembly,
        typeof(global::AfterSales.Feedback.Grpc.FeedbackGrpcService).Assembly, typeof(global::AfterSales.Documents.Grpc.DocumentGrpcService).Assembly,
        typeof(Caller).Assembly,
    ];

    /// <summary>Every RPC in protos/ (but the events contract, which has none), with the handler that serves it.</summary>
    public static IEnumerable<(MethodDescriptor Rpc, MethodInfo? Handler)> EveryRpc()
    {
        var handlerTypes = Implementations.SelectMany(a => a.GetTypes()).Where(t => t is { IsClass: true, IsAbstract: false }).ToList();
        foreach (var serviceClass in typeof(global::AfterSales.Tickets.V1.TicketService).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true } && t.GetProperty("Descriptor")?.PropertyType == typeof(ServiceDescriptor)))
        {
            var service = (ServiceDescriptor)serviceClass.GetProperty("Descriptor")!.GetValue(null)!;
            var generatedBase = serviceClass.GetNestedTypes().Single(t => t.Name == $"{service.Name}Base");
            var implementation = handlerTypes.SingleOrDefault(t => t.IsSubclassOf(generatedBase));
            foreach (var rpc in service.Methods)
            {
                var handler = implementation?.GetMethod(rpc.Name);
                yield return (rpc, handler?.DeclaringType == implementation ? handler : null);
            }
        }
    }

    [Fact]
    public void Every_rpc_of_every_proto_has_a_handler_that_declares_who_may_call_it()
    {
        var rpcs = EveryRpc().ToList();

        Assert.NotEmpty(rpcs);
        var undeclared = rpcs.Where(r => r.Handler?.GetCustomAttribute<AccessAttribute>() is null).Select(r => r.Rpc.FullName).ToList();
        Assert.True(undeclared.Count == 0, $"RPCs without a handler declaring [Access]: {string.Join(", ", undeclared)}");
        Assert.DoesNotContain(rpcs, r => r.Handler!.GetCustomAttribute<AccessAttribute>()!.Anonymous);
    }

    [Fact]
    public async Task Through_the_gateway_every_caller_gets_the_declared_answer_from_every_rpc()
    {
        // A member of a partner station's staff who holds the manager role: not the company's manager.
        var stationManager = await Data.NewStaffAsync(StaffRoles.Manager, DemoIds.StationHangzhou);
        var callers = new List<(string Name, Func<Task<string>> Token)>
        {
            ("station A", Suite.Callers.Station("station-hangzhou")),
            ("station B", Suite.Callers.Station("station-ningbo")),
            ("station A's technician", Suite.Callers.Staff("technician")),
            ("station A's manager", stationManager.Caller),
        };
        foreach (var user in new[] { "reception", "dispatcher", "manager", "finance", "qa", "admin" })
        {
            callers.Add(($"internal {user}", () => Suite.Callers.StaffAsync(user)));
        }

        var wrong = new List<string>();
        foreach (var (rpc, handler) in EveryRpc())
        {
            var access = handler!.GetCustomAttribute<AccessAttribute>()!;
            foreach (var service in HostsOf(rpc))
            {
                var anonymous = await CallAsync(Suite.Gateway.AnonymousChannel(), rpc, service);
                if (anonymous != StatusCode.Unauthenticated)
                {
                    wrong.Add($"{rpc.FullName} at {service} without a token: {anonymous}");
                }
                foreach (var (name, token) in callers)
                {
                    var allowed = access.Allows(CallerOf(await token()));
                    var answer = await CallAsync(Suite.Gateway.ChannelAs(token), rpc, service);
                    var refused = answer is StatusCode.PermissionDenied or StatusCode.Unauthenticated;
                    if (allowed == refused || (!allowed && answer != StatusCode.PermissionDenied))
                    {
                        wrong.Add($"{rpc.FullName} at {service} as {name} (declared: {access}): {answer}");
                    }
                }
            }
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Theory]
    [InlineData(StaffRoles.Manager)]
    [InlineData(StaffRoles.Technician)]
    public async Task A_station_user_with_a_staff_role_reads_no_audit_trail_or_parked_events_by_grpc_or_json(string role)
    {
        var user = await Data.NewStaffAsync(role, DemoIds.StationHangzhou);
        using var http = Suite.Gateway.HttpAs(user.Caller);

        foreach (var service in ResourceNames.Services)
        {
            using var trail = await http.GetAsync($"/api/{service}/v1/audit-entries");
            await Problems.AssertProblemAsync(trail, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
            using var parked = await http.GetAsync($"/api/{service}/v1/parked-events");
            await Problems.AssertProblemAsync(parked, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        }
        var audit = new AfterSales.Platform.V1.AuditService.AuditServiceClient(Suite.Gateway.ChannelAs(user.Caller));
        var refused = await Assert.ThrowsAsync<RpcException>(() => audit.ListAuditEntriesAsync(
            new AfterSales.Platform.V1.ListAuditEntriesRequest { Service = ResourceNames.Tickets },
            new Metadata { { "x-aftersales-service", ResourceNames.Tickets } }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    /// <summary>Where an RPC is served: its own service, or every service for the platform's RPCs.</summary>
    private static IEnumerable<string> HostsOf(MethodDescriptor rpc)
    {
        var owner = rpc.Service.File.Package.Split('.')[1];
        return owner == "platform" ? ResourceNames.Services : [owner];
    }

    /// <summary>Calls <paramref name="rpc"/> with an empty request: enough to pass or fail the access check, never enough to change anything.</summary>
    private static async Task<StatusCode> CallAsync(Grpc.Net.Client.GrpcChannel channel, MethodDescriptor rpc, string service)
    {
        var method = new Method<IMessage, IMessage>(MethodType.Unary, rpc.Service.FullName, rpc.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), _ => throw new InvalidOperationException("The request is never read.")),
            Marshallers.Create(m => m.ToByteArray(), bytes => rpc.OutputType.Parser.ParseFrom(bytes)));
        var headers = new Metadata { { "x-aftersales-service", service } };
        try
        {
            await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(headers), rpc.InputType.Parser.ParseFrom([]));
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    /// <summary>The caller a service makes of this token: the claims it carries, read as every service reads them.</summary>
    private static Caller CallerOf(string token) => Caller.From(Jwt.Principal(token));
}
