using System.Net;
using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.Identity.Infrastructure;
using AfterSales.Identity.Model;
using AfterSales.Platform.Data;
using AfterSales.Platform.Security;
using AfterSales.ServiceDefaults;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Identity;

namespace AfterSales.FunctionalTests.Platform;

/// <summary>
/// Deny by default, declared per RPC: every RPC of every proto has a handler that declares who may call
/// it, and through the real gateway every kind of caller gets exactly the declared answer.
/// </summary>
public class AccessMatrixTests(Suite suite) : SuiteTest(suite)
{
    /// <summary>A member of a partner station's staff who holds the manager role: not the company's manager.</summary>
    private const string StationManager = "hz-station-manager";

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
        await AddStationManagerAsync();
        var callers = new List<(string Name, Func<Task<string>> Token)>
        {
            ("station A", () => Suite.Callers.StationAsync("station-hangzhou")),
            ("station B", () => Suite.Callers.StationAsync(Suite.RateLimitedStation)),
            ("station A's technician", () => Suite.Callers.StaffAsync("technician")),
            ("station A's manager", () => Suite.Callers.StaffAsync(StationManager)),
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
    [InlineData(StationManager)]
    [InlineData("technician")]
    public async Task A_station_user_with_a_staff_role_reads_no_audit_trail_or_parked_events_by_grpc_or_json(string user)
    {
        await AddStationManagerAsync();
        var http = Suite.Gateway.HttpAs(() => Suite.Callers.StaffAsync(user));

        foreach (var service in ResourceNames.Services)
        {
            using var trail = await http.GetAsync($"/api/{service}/v1/audit-entries");
            await Problems.AssertProblemAsync(trail, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
            using var parked = await http.GetAsync($"/api/{service}/v1/parked-events");
            await Problems.AssertProblemAsync(parked, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        }
        var audit = new AfterSales.Platform.V1.AuditService.AuditServiceClient(Suite.Gateway.ChannelAs(() => Suite.Callers.StaffAsync(user)));
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
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(headers), rpc.InputType.Parser.ParseFrom([]));
                return StatusCode.OK;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && attempt < 20)
            {
                // Station B is the suite's tightly rate-limited caller: wait for its bucket to refill.
                await Task.Delay(TimeSpan.FromMilliseconds(600));
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }
    }

    /// <summary>The caller a service makes of this token: the claims it carries, read as every service reads them.</summary>
    private static Caller CallerOf(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        using var json = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')));
        var claims = new List<Claim>();
        foreach (var property in json.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                claims.AddRange(property.Value.EnumerateArray().Select(v => new Claim(property.Name, v.ToString())));
            }
            else
            {
                claims.Add(new Claim(property.Name, property.Value.ToString()));
            }
        }
        return Caller.From(new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer")));
    }

    /// <summary>Adds (after each reset) a Hangzhou station user who holds the manager role.</summary>
    private Task AddStationManagerAsync() => Suite.Identity.WithDbAsync(async db =>
    {
        var user = new StaffUser(Guid.NewGuid(), StationManager, "杭州站经理", [StaffRoles.Manager], DemoIds.StationHangzhou);
        user.SetPassword(Suite.DemoSecret(StationManager), new PasswordHasher<StaffUser>());
        db.StaffUsers.Add(user);
        return await db.SaveChangesAsync();
    });
}
