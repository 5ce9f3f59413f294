namespace AfterSales.Platform.Idempotency;

/// <summary>
/// The first answer to a mutating call that carried a request id, stored in the same transaction as the
/// call's change, so a retry gets that answer instead of a second change.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord() { }

    public IdempotencyRecord(string caller, string method, string requestId, byte[] requestHash, byte[] response, DateTimeOffset createdAt)
    {
        Caller = caller;
        Method = method;
        RequestId = requestId;
        RequestHash = requestHash;
        Response = response;
        CreatedAt = createdAt;
    }

    /// <summary>Who called: request ids are the caller's own, two callers may pick the same one.</summary>
    public string Caller { get; private set; } = "";

    public string Method { get; private set; } = "";
    public string RequestId { get; private set; } = "";

    /// <summary>SHA-256 of the request without its request id: the same id with another payload is refused.</summary>
    public byte[] RequestHash { get; private set; } = [];

    /// <summary>The serialized response message.</summary>
    public byte[] Response { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }
}
