using AfterSales.Customers.V1;
using AfterSales.Platform.Errors;
using AfterSales.Tickets.Model;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using ServiceCategory = AfterSales.Tickets.Model.ServiceCategory;

namespace AfterSales.Tickets.Services;

/// <summary>
/// Asks the customers service which category applies to the reported asset. The customers service
/// judges the same fields the caller sent us (serial number, component), so its verdict on them is
/// passed back to the caller as our own; anything else it answers stays a downstream failure.
/// </summary>
public sealed class EntitlementClient(CustomerService.CustomerServiceClient customers)
{
    public async Task<IntakeEntitlement> CheckAsync(IntakeReport report, CancellationToken cancellationToken)
    {
        Entitlement entitlement;
        try
        {
            entitlement = await customers.CheckEntitlementAsync(new CheckEntitlementRequest
            {
                SerialNumber = report.SerialNumber ?? throw new ArgumentException("An internal job has no asset to check.", nameof(report)),
                ComponentCode = report.ComponentCode ?? "",
                At = Timestamp.FromDateTimeOffset(report.ReceivedAt),
            }, cancellationToken: cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            throw UnknownSerialNumber();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument && ex.GetRpcStatus()?.GetDetail<BadRequest>() is { } badRequest)
        {
            throw new ValidationException([.. badRequest.FieldViolations]);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
        {
            throw new PreconditionFailedException(ex.Status.Detail);
        }

        return ToIntakeEntitlement(entitlement);
    }

    /// <summary>The one answer for a serial number the caller may not know, whether it exists or not.</summary>
    public static ValidationException UnknownSerialNumber() =>
        ValidationException.ForField("serial_number", "No asset with this serial number is registered.");

    private static IntakeEntitlement ToIntakeEntitlement(Entitlement entitlement)
    {
        return new IntakeEntitlement(
            Guid.Parse(entitlement.AssetId),
            Guid.Parse(entitlement.CustomerId),
            Guid.Parse(entitlement.ServingStationId),
            entitlement.Category switch
            {
                Common.V1.ServiceCategory.Paid => ServiceCategory.Paid,
                Common.V1.ServiceCategory.Contract => ServiceCategory.Contract,
                Common.V1.ServiceCategory.Free => ServiceCategory.Free,
                _ => throw new InvalidOperationException($"The customers service answered category {entitlement.Category}."),
            },
            entitlement.Reason,
            Guid.TryParse(entitlement.SiteId, out var site) ? new IntakeSite(site, entitlement.SiteAddress, entitlement.Region, entitlement.DistanceKm) : null,
            Guid.TryParse(entitlement.ProjectId, out var project) ? project : null);
    }
}
