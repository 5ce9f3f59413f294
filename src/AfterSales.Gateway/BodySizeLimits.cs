using System.Buffers.Binary;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace AfterSales.Gateway;

/// <summary>
/// No request bigger than the largest any service takes gets past the gateway. Kestrel's
/// <c>Kestrel:Limits:MaxRequestBodySize</c> (room for a 10 MiB document as JSON) bounds a JSON body,
/// refused with a 413 problem before it is read when its Content-Length says so, or as it outgrows the
/// limit. YARP lifts that limit for gRPC, whose calls may stream, so each gRPC message is held to the
/// same size on its own and refused with RESOURCE_EXHAUSTED from its 5-byte header, before any of it
/// reaches a service. Each service then applies its own, usually lower, limit.
/// </summary>
internal static class BodySizeLimits
{
    public static IApplicationBuilder UseBodySizeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Limit(context) is { } limit)
        {
            if (context.Request.ContentLength > limit)
            {
                await RefuseAsync(context, limit);
                return;
            }
            if (GatewayErrors.IsGrpc(context))
            {
                context.Request.Body = new GrpcMessageSizeLimit(context.Request.Body, limit);
            }
        }
        await next(context);
    });

    /// <summary>
    /// YARP answers a body that outgrew the limit on the way through with a bare 413: say it in the
    /// caller's language. Goes inside <see cref="GatewayErrors.UseProblemResponsesForProxyErrors"/>,
    /// which would call it an unreachable service.
    /// </summary>
    public static IReverseProxyApplicationBuilder UseBodySizeRefusals(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            if (context.GetForwarderErrorFeature()?.Error is ForwarderError.RequestBodyClient
                && context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge
                && !context.Response.HasStarted)
            {
                await RefuseAsync(context, Limit(context));
            }
        });
        return proxy;
    }

    private static long? Limit(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize;

    private static Task RefuseAsync(HttpContext context, long? limit)
    {
        var message = $"The request is larger than the {limit} bytes the suite accepts.";
        if (GatewayErrors.IsGrpc(context))
        {
            GatewayErrors.WriteGrpcStatus(context, GatewayErrors.ResourceExhausted, message);
            return Task.CompletedTask;
        }
        return GatewayErrors.WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "RESOURCE_EXHAUSTED", message, context.RequestAborted);
    }

    /// <summary>
    /// Reads a gRPC request body through, watching each message's length prefix (a flag byte, then four
    /// bytes big-endian) and failing the read, as Kestrel does for an oversized body, at the first
    /// message over the limit.
    /// </summary>
    private sealed class GrpcMessageSizeLimit(Stream inner, long limit) : Stream
    {
        private readonly byte[] _header = new byte[5];
        private int _headerRead;
        private long _messageLeft;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Watch(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Watch(buffer.AsSpan(offset, read));
            return read;
        }

        private void Watch(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                if (_messageLeft > 0)
                {
                    var skipped = (int)Math.Min(_messageLeft, data.Length);
                    _messageLeft -= skipped;
                    data = data[skipped..];
                    continue;
                }
                var taken = Math.Min(_header.Length - _headerRead, data.Length);
                data[..taken].CopyTo(_header.AsSpan(_headerRead));
                _headerRead += taken;
                data = data[taken..];
                if (_headerRead == _header.Length)
                {
                    _headerRead = 0;
                    _messageLeft = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(1));
                    if (_messageLeft > limit)
                    {
                        throw new Microsoft.AspNetCore.Http.BadHttpRequestException($"A gRPC message of {_messageLeft} bytes is over the limit.", StatusCodes.Status413PayloadTooLarge);
                    }
                }
            }
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
