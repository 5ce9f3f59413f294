using System.Collections;
using System.Reflection;
using AfterSales.FunctionalTests.Infrastructure;
using AfterSales.ServiceDefaults;
using AfterSales.Tickets.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace AfterSales.FunctionalTests.Platform;

/// <summary>
/// Every RPC in the contracts, found from their descriptors and called through the gateway with requests
/// the descriptors build: a NUL in every string field is INVALID_ARGUMENT naming each of them, and no
/// garbage of any kind is ever INTERNAL. A new RPC is covered without a line here.
/// </summary>
public class EveryRpcGarbageTests(Suite suite) : SuiteTest(suite)
{
    /// <summary>A partner station and internal staff: whichever the RPC's access rules let in must refuse the garbage.</summary>
    private static readonly string[] CallerNames = ["station-hangzhou", Callers.DefaultStaff];

    /// <summary>Tried when neither of <see cref="CallerNames"/> gets in: the approvals only these roles give.</summary>
    private static readonly string[] ApproverNames = ["director", "gm", "manager", "techlead"];

    /// <summary>Codes that mean the service kept its footing: it answered, refused, or did not find.</summary>
    private static readonly StatusCode[] Composed =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.AlreadyExists, StatusCode.PermissionDenied,
        StatusCode.FailedPrecondition, StatusCode.Aborted, StatusCode.OutOfRange, StatusCode.ResourceExhausted,
    ];

    [Fact]
    public async Task Every_rpc_refuses_a_nul_in_every_string_field_naming_each()
    {
        var failures = new List<string>();
        var tested = 0;
        foreach (var (method, service) in ContractRpcs())
        {
            var request = NewMessage(method.InputType);
            var fields = FillStrings(request, "x\0y", prefix: "");
            if (fields.Count == 0)
            {
                continue;
            }
            tested++;
            var refused = false;
            foreach (var caller in CallerNames.Concat(ApproverNames))
            {
                if (refused && ApproverNames.Contains(caller))
                {
                    break;
                }
                var error = await CallAsync(caller, method, service, request);
                // The access rules may keep this caller out; then another one must get in and be refused.
                if (error?.StatusCode == StatusCode.PermissionDenied)
                {
                    continue;
                }
                var named = error?.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).Order().ToList();
                if (error?.StatusCode != StatusCode.InvalidArgument || named is null || !named.SequenceEqual(fields.Order()))
                {
                    failures.Add($"{method.FullName} ({service}) as {caller}: {Describe(error)}, named [{string.Join(", ", named ?? [])}] for [{string.Join(", ", fields)}]");
                }
                refused = true;
            }
            if (!refused)
            {
                failures.Add($"{method.FullName} ({service}): no caller got past the access rules");
            }
        }

        Assert.True(tested >= 20, $"Only {tested} RPCs with string fields were found in the contracts.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Well-formed but absurd values: the longest texts, the extreme numbers and instants, undefined enum values.</summary>
    public static TheoryData<string, long, long> Garbage => new()
    {
        { new string('长', 5_000), long.MaxValue, 253_402_300_799 }, // 9999-12-31T23:59:59.999999999Z, the last instant there is
        { "😀𝄞 \u202Eevil\u202C", long.MinValue, -62_135_596_800 }, // 0001-01-01T00:00:00Z, the first
        { "00000000-0000-0000-0000-000000000000", -1, 0 },
        { "'; DROP TABLE tickets; -- %00 ../../etc/passwd", int.MaxValue + 1L, -1 },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task No_rpc_answers_absurd_values_with_internal(string text, long number, long instantSeconds)
    {
        var failures = new List<string>();
        foreach (var (method, service) in ContractRpcs())
        {
            var request = NewMessage(method.InputType);
            FillEverything(request, text, number, new Timestamp { Seconds = instantSeconds, Nanos = instantSeconds < 0 ? 0 : 999_999_999 }, depth: 0);
            var gotIn = false;
            foreach (var caller in CallerNames.Concat(ApproverNames))
            {
                if (gotIn && ApproverNames.Contains(caller))
                {
                    break;
                }
                var error = await CallAsync(caller, method, service, request);
                gotIn |= error?.StatusCode != StatusCode.PermissionDenied;
                if (error is not null && !Composed.Contains(error.StatusCode))
                {
                    failures.Add($"{method.FullName} ({service}) as {caller}: {Describe(error)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Every RPC the contracts declare (aftersales.*), with the service whose route reaches it; platform RPCs once per service.</summary>
    private static IEnumerable<(MethodDescriptor Method, string Service)> ContractRpcs()
    {
        var files = typeof(TicketService).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!);
        foreach (var method in files.SelectMany(f => f.Services).Where(s => s.FullName.StartsWith("aftersales.", StringComparison.Ordinal)).SelectMany(s => s.Methods))
        {
            var owner = method.Service.FullName.Split('.')[1];
            foreach (var service in owner == "platform" ? ResourceNames.Services : [owner])
            {
                yield return (method, service);
            }
        }
    }

    private async Task<RpcException?> CallAsync(string caller, MethodDescriptor method, string service, IMessage request)
    {
        using var channel = Suite.Gateway.ChannelAs(() => caller.StartsWith("station-", StringComparison.Ordinal)
            ? Suite.Callers.StationAsync(caller)
            : Suite.Callers.StaffAsync(caller));
        var invoker = channel.CreateCallInvoker();
        var call = new Method<IMessage, IMessage>(
            method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary, method.Service.FullName, method.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), method.InputType.Parser.ParseFrom),
            Marshallers.Create<IMessage>(m => m.ToByteArray(), method.OutputType.Parser.ParseFrom));
        var options = new CallOptions(new Metadata { { "x-aftersales-service", service } }, DateTime.UtcNow.AddSeconds(30));
        Assert.False(method.IsClientStreaming, $"{method.FullName} streams requests: teach this test to send them.");
        try
        {
            if (method.IsServerStreaming)
            {
                using var streaming = invoker.AsyncServerStreamingCall(call, null, options, request);
                while (await streaming.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }
            else
            {
                await invoker.AsyncUnaryCall(call, null, options, request);
            }
            return null;
        }
        catch (RpcException error)
        {
            return error;
        }
    }

    private static IMessage NewMessage(MessageDescriptor descriptor) => descriptor.Parser.ParseFrom(ByteString.Empty);

    /// <summary>Sets every string field, nested and repeated ones too (one entry each), to <paramref name="value"/>; returns their paths.</summary>
    private static List<string> FillStrings(IMessage message, string value, string prefix)
    {
        var paths = new List<string>();
        foreach (var field in SettableFields(message))
        {
            var path = field.IsRepeated ? $"{prefix}{field.Name}[0]" : prefix + field.Name;
            if (field.FieldType == FieldType.String)
            {
                Set(message, field, value);
                paths.Add(path);
            }
            else if (field.FieldType == FieldType.Message && prefix.Count(c => c == '.') < 3)
            {
                var child = NewMessage(field.MessageType);
                var inner = FillStrings(child, value, path + ".");
                if (inner.Count > 0)
                {
                    Set(message, field, child);
                    paths.AddRange(inner);
                }
            }
        }
        return paths;
    }

    /// <summary>Sets every field to the garbage of its type: text, the number (clamped), the instant, an undefined enum value.</summary>
    private static void FillEverything(IMessage message, string text, long number, Timestamp instant, int depth)
    {
        var int32 = (int)Math.Clamp(number, int.MinValue, int.MaxValue);
        foreach (var field in SettableFields(message))
        {
            object? value = field.FieldType switch
            {
                FieldType.String => text,
                FieldType.Bytes => ByteString.CopyFromUtf8(text),
                FieldType.Bool => true,
                FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int32,
                FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => number,
                FieldType.UInt32 or FieldType.Fixed32 => unchecked((uint)number),
                FieldType.UInt64 or FieldType.Fixed64 => unchecked((ulong)number),
                FieldType.Double => (double)number,
                FieldType.Float => (float)number,
                FieldType.Enum => System.Enum.ToObject(field.EnumType.ClrType, int32),
                FieldType.Message when field.MessageType.FullName == Timestamp.Descriptor.FullName => instant.Clone(),
                FieldType.Message when depth < 3 => NewMessage(field.MessageType),
                _ => null,
            };
            if (value is IMessage child and not Timestamp)
            {
                FillEverything(child, text, number, instant, depth + 1);
            }
            if (value is not null)
            {
                Set(message, field, value);
            }
        }
    }

    /// <summary>The fields a request can carry, one per oneof; maps are left empty.</summary>
    private static IEnumerable<FieldDescriptor> SettableFields(IMessage message) =>
        message.Descriptor.Fields.InFieldNumberOrder()
            .Where(f => !f.IsMap)
            .GroupBy(f => f.ContainingOneof?.Name ?? f.Name)
            .Select(g => g.First());

    private static void Set(IMessage message, FieldDescriptor field, object value)
    {
        if (field.IsRepeated)
        {
            ((IList)field.Accessor.GetValue(message)).Add(value);
        }
        else
        {
            field.Accessor.SetValue(message, value);
        }
    }

    private static string Describe(RpcException? error) => error is null ? "OK" : $"{error.StatusCode} \"{error.Status.Detail}\"";
}
