using Google.Rpc;
using Microsoft.AspNetCore.Http;

namespace AfterSales.Platform.Grpc;

/// <summary>How gRPC codes read on the JSON side: the HTTP status and the canonical name (google.rpc.Code).</summary>
public static class StatusNames
{
    public static int HttpStatusOf(Code code) => code switch
    {
        Code.Ok => StatusCodes.Status200OK,
        Code.Cancelled => 499,
        Code.InvalidArgument or Code.FailedPrecondition or Code.OutOfRange => StatusCodes.Status400BadRequest,
        Code.Unauthenticated => StatusCodes.Status401Unauthorized,
        Code.PermissionDenied => StatusCodes.Status403Forbidden,
        Code.NotFound => StatusCodes.Status404NotFound,
        Code.AlreadyExists or Code.Aborted => StatusCodes.Status409Conflict,
        Code.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        Code.Unimplemented => StatusCodes.Status501NotImplemented,
        Code.Unavailable => StatusCodes.Status503ServiceUnavailable,
        Code.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static Code CodeOfHttpStatus(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status400BadRequest => Code.InvalidArgument,
        StatusCodes.Status401Unauthorized => Code.Unauthenticated,
        StatusCodes.Status403Forbidden => Code.PermissionDenied,
        StatusCodes.Status404NotFound => Code.NotFound,
        StatusCodes.Status409Conflict => Code.Aborted,
        StatusCodes.Status429TooManyRequests => Code.ResourceExhausted,
        StatusCodes.Status501NotImplemented => Code.Unimplemented,
        StatusCodes.Status503ServiceUnavailable => Code.Unavailable,
        StatusCodes.Status504GatewayTimeout => Code.DeadlineExceeded,
        _ => Code.Internal,
    };

    /// <summary>The canonical upper-case name, e.g. INVALID_ARGUMENT.</summary>
    public static string Of(Code code) => code switch
    {
        Code.Ok => "OK",
        Code.Cancelled => "CANCELLED",
        Code.Unknown => "UNKNOWN",
        Code.InvalidArgument => "INVALID_ARGUMENT",
        Code.DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code.NotFound => "NOT_FOUND",
        Code.AlreadyExists => "ALREADY_EXISTS",
        Code.PermissionDenied => "PERMISSION_DENIED",
        Code.ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code.FailedPrecondition => "FAILED_PRECONDITION",
        Code.Aborted => "ABORTED",
        Code.OutOfRange => "OUT_OF_RANGE",
        Code.Unimplemented => "UNIMPLEMENTED",
        Code.Internal => "INTERNAL",
        Code.Unavailable => "UNAVAILABLE",
        Code.DataLoss => "DATA_LOSS",
        Code.Unauthenticated => "UNAUTHENTICATED",
        _ => code.ToString(),
    };
}
