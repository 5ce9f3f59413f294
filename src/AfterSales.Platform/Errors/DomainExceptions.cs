using Google.Rpc;

namespace AfterSales.Platform.Errors;

/// <summary>
/// A rule of the domain said no. Handlers throw these; <see cref="Grpc.ErrorInterceptor"/> turns each
/// into its one gRPC status, so no service picks status codes of its own. Messages are shown to callers:
/// they must name only what the caller sent or may see.
/// </summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>The request is malformed: one or more fields are wrong (INVALID_ARGUMENT, HTTP 400).</summary>
public sealed class ValidationException(IReadOnlyList<BadRequest.Types.FieldViolation> violations)
    : DomainException(violations.Count == 1 ? violations[0].Description : $"{violations.Count} fields are invalid.")
{
    public IReadOnlyList<BadRequest.Types.FieldViolation> Violations { get; } = violations;

    public static ValidationException ForField(string field, string description) =>
        new([new BadRequest.Types.FieldViolation { Field = field, Description = description }]);
}

/// <summary>The object does not exist, or the caller may not know that it does (NOT_FOUND, HTTP 404).</summary>
public sealed class NotFoundException(string kind, string id) : DomainException($"{kind} '{id}' was not found.");

/// <summary>The object the caller tries to create exists already (ALREADY_EXISTS, HTTP 409).</summary>
public sealed class AlreadyExistsException(string message) : DomainException(message);

/// <summary>The object is not in a state that allows this operation (FAILED_PRECONDITION, HTTP 400).</summary>
public sealed class PreconditionFailedException(string message) : DomainException(message);

/// <summary>Someone else changed the object first; reread and retry (ABORTED, HTTP 409).</summary>
public sealed class ConcurrencyConflictException(string message) : DomainException(message);

/// <summary>The caller is known but not allowed to do this (PERMISSION_DENIED, HTTP 403).</summary>
public sealed class PermissionDeniedException(string message) : DomainException(message);
