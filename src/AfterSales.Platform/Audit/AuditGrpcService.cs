using System.Globalization;
using AfterSales.Platform.Data;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Security;
using AfterSales.Platform.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Platform.Audit;

/// <summary>Reads this service's audit trail: the company's managers and administrators, never a station.</summary>
internal sealed class AuditGrpcService(DbContext db, OwnService own) : AuditService.AuditServiceBase
{
    [Access(StaffRoles.Manager, StaffRoles.Admin)]
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        own.Require(request.Service);
        new FieldViolations()
            .OptionalText("entity_id", request.EntityId, 200)
            .PageSize("page_size", request.PageSize, PageToken.MaxPageSize)
            .ThrowIfAny();
        var size = PageToken.SizeOrDefault(request.PageSize);

        var query = db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Id).AsQueryable();
        if (request.EntityId.Length > 0)
        {
            query = query.Where(e => e.EntityId == request.EntityId);
        }
        if (PageToken.DecodeId(request.PageToken) is { } last)
        {
            // Entry ids are version 7 UUIDs: ordered by time, and PostgreSQL compares uuids bytewise.
            query = query.Where(e => e.Id.CompareTo(last) < 0);
        }
        var page = await query.Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListAuditEntriesResponse
        {
            Entries =
            {
                page.Take(size).Select(e => new V1.AuditEntry
                {
                    EntryId = e.Id.ToString(),
                    At = Timestamp.FromDateTimeOffset(e.At),
                    Actor = e.Actor,
                    ActorStationId = e.ActorStationId?.ToString() ?? "",
                    Operation = e.Operation,
                    EntityType = e.EntityType,
                    EntityId = e.EntityId,
                    Change = e.Change,
                    ValuesJson = e.ValuesJson,
                }),
            },
        };
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(page[size - 1].Id.ToString("D", CultureInfo.InvariantCulture));
        }
        return response;
    }
}
