using AfterSales.Platform.Errors;
using AfterSales.Platform.Grpc;
using AfterSales.Platform.Security;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Model = AfterSales.Tickets.Model;

namespace AfterSales.Tickets.Grpc;

/// <summary>
/// The station's reports, as queries over the tickets, their history and work records: one query for the
/// technician's daily report, the manager's weekly summary and the monthly service report, over a company
/// day, week or month.
/// </summary>
public sealed partial class TicketGrpcService
{
    [Access(StaffRoles.Dispatcher, StaffRoles.Technician, StaffRoles.Manager, StaffRoles.Finance, StaffRoles.Qa, StaffRoles.Admin, Stations = true)]
    public override async Task<ServiceReport> GetServiceReport(GetServiceReportRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("station_id", request.StationId, out var stationId)
            .OptionalId("technician_id", request.TechnicianId, out var technicianId);
        violations.RequireChoice("period", request.Period, "period must be DAY, WEEK or MONTH.");
        var day = request.Date?.ToDateOnly() ?? default;
        if (day.Year is < 2000 or > 9998)
        {
            violations.Add("date", "date is required: a whole date from the year 2000 on.");
        }
        violations.ThrowIfAny();
        await db.Stations.RequireVisibleAsync(caller, stationId, request.StationId, context.CancellationToken);
        if (technicianId is { } asked && !await db.Technicians.AnyAsync(t => t.Id == asked && t.StationId == stationId, context.CancellationToken))
        {
            throw ValidationException.ForField("technician_id", "technician_id names no technician of the station.");
        }

        var (first, last) = request.Period switch
        {
            ReportPeriod.Day => (day, day),
            ReportPeriod.Week => (day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), day.AddDays(6 - (((int)day.DayOfWeek + 6) % 7))),
            _ => (new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1)),
        };
        var (from, to) = (calendar.StartOf(first), calendar.StartOf(last.AddDays(1)));

        var opened = await db.Tickets.AsNoTracking()
            .Where(t => t.StationId == stationId && t.CreatedAt >= from && t.CreatedAt < to)
            .GroupBy(t => t.Category).Select(g => new { Category = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Category, g => g.Count, context.CancellationToken);
        var resolvedStatuses = new[] { Model.TicketStatus.ResolvedOnSite, Model.TicketStatus.ResolvedByPhone, Model.TicketStatus.ResolvedRemotely, Model.TicketStatus.Returned };
        var moves = await db.TicketStatusChanges.AsNoTracking()
            .Where(c => c.At >= from && c.At < to && (resolvedStatuses.Contains(c.To) || c.To == Model.TicketStatus.Closed))
            .Join(db.Tickets.Where(t => t.StationId == stationId), c => c.TicketId, t => t.Id, (c, t) => new { c.To, t.Category })
            .ToListAsync(context.CancellationToken);
        // A day's, week's or month's work records of one station are few: their labour is summed here.
        var work = await db.WorkRecords.AsNoTracking()
            .Where(r => r.RecordedAt >= from && r.RecordedAt < to)
            .Join(db.Tickets.Where(t => t.StationId == stationId), r => r.TicketId, t => t.Id, (r, t) => new { Record = r, t.Category })
            .ToListAsync(context.CancellationToken);
        if (technicianId is { } only)
        {
            work = [.. work.Where(w => w.Record.Labour.Any(l => l.TechnicianId == only))];
        }
        var labour = work.SelectMany(w => w.Record.Labour.Where(l => technicianId is null || l.TechnicianId == technicianId)
            .Select(l => (w.Record.TicketId, w.Category, l.TechnicianId, l.Hours))).ToList();
        var technicians = await db.Technicians.AsNoTracking().Where(t => t.StationId == stationId)
            .ToDictionaryAsync(t => t.Id, t => t.Name, context.CancellationToken);
        var clocks = await db.SlaClocks.AsNoTracking()
            .Where(c => (c.StoppedAt >= from && c.StoppedAt < to) || (c.BreachSignalledAt >= from && c.BreachSignalledAt < to))
            .Join(db.Tickets.Where(t => t.StationId == stationId), c => c.TicketId, t => t.Id, (c, t) => c)
            .ToListAsync(context.CancellationToken);

        var categories = Enum.GetValues<Model.ServiceCategory>().Select(category => new CategoryFigures
        {
            Category = (Common.V1.ServiceCategory)category,
            Opened = opened.GetValueOrDefault(category),
            Resolved = moves.Count(m => m.Category == category && resolvedStatuses.Contains(m.To)),
            Closed = moves.Count(m => m.Category == category && m.To == Model.TicketStatus.Closed),
            WorkRecords = work.Count(w => w.Category == category),
            LabourHours = (double)labour.Where(l => l.Category == category).Sum(l => l.Hours),
        });
        var byTechnician = labour.GroupBy(l => l.TechnicianId).OrderBy(g => technicians.GetValueOrDefault(g.Key), StringComparer.Ordinal).Select(g => new TechnicianFigures
        {
            TechnicianId = g.Key.ToString(),
            Name = technicians.GetValueOrDefault(g.Key) ?? "",
            Tickets = g.Select(l => l.TicketId).Distinct().Count(),
            LabourHours = (double)g.Sum(l => l.Hours),
            HoursByCategory =
            {
                g.GroupBy(l => l.Category).OrderBy(c => c.Key)
                    .Select(c => new CategoryHours { Category = (Common.V1.ServiceCategory)c.Key, Hours = (double)c.Sum(l => l.Hours) }),
            },
        });
        return new ServiceReport
        {
            StationId = stationId.ToString(),
            From = first.ToProtoDate(),
            To = last.ToProtoDate(),
            Categories = { categories },
            Technicians = { byTechnician },
            Sla = new SlaFigures
            {
                Met = clocks.Count(c => c.StoppedAt >= from && c.StoppedAt < to && c.Met == true),
                Breached = clocks.Count(c => c.BreachSignalledAt >= from && c.BreachSignalledAt < to),
            },
            Parts =
            {
                work.SelectMany(w => w.Record.Parts).GroupBy(p => p.PartNumber).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new PartTotal { PartNumber = g.Key, Quantity = g.Sum(p => p.Quantity), OldPartsKept = g.Where(p => p.OldPartKept).Sum(p => p.Quantity) }),
            },
        };
    }
}
