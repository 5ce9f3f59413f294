using System.Text.RegularExpressions;
using AfterSales.Platform;
using AfterSales.Platform.Errors;
using AfterSales.Platform.Idempotency;
using AfterSales.Platform.Security;
using AfterSales.Tickets.Infrastructure;
using AfterSales.Tickets.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tickets.Grpc;

public sealed partial class StationGrpcService(TicketsDbContext db, Caller caller, IdempotentRequests<TicketsDbContext> requests, BusinessCalendar calendar)
    : StationService.StationServiceBase
{
    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListStationsResponse> ListStations(ListStationsRequest request, ServerCallContext context)
    {
        var stations = await db.Stations.AsNoTracking().VisibleTo(caller, s => s.Id).OrderBy(s => s.Code).ToListAsync(context.CancellationToken);
        return new ListStationsResponse { Stations = { stations.Select(s => s.ToProto()) } };
    }

    [Access(AccessAttribute.AnyRole, Stations = true)]
    public override async Task<ListTechniciansResponse> ListTechnicians(ListTechniciansRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("station_id", request.StationId, out var stationId).ThrowIfAny();
        await db.Stations.RequireVisibleAsync(caller, stationId, request.StationId, context.CancellationToken);
        var technicians = await db.Technicians.AsNoTracking()
            .Where(t => t.StationId == stationId)
            .OrderBy(t => t.Name)
            .ToListAsync(context.CancellationToken);
        return new ListTechniciansResponse { Technicians = { technicians.Select(t => t.ToProto()) } };
    }

    /// <summary>The company's work: a station joins the network under its agreement (§10 二.3–4).</summary>
    [Access(StaffRoles.Admin)]
    public override Task<V1.Station> RegisterStation(RegisterStationRequest request, ServerCallContext context)
    {
        var code = request.Code.Trim().ToUpperInvariant();
        var violations = new FieldViolations()
            .RequireText("name", request.Name, Model.Station.MaxNameLength)
            .RequireText("region", request.Region, Model.Station.MaxRegionLength);
        if (!StationCode().IsMatch(code))
        {
            violations.Add("code", $"code is 2 to {Model.Station.MaxCodeLength} letters, digits or hyphens, starting with a letter or digit.");
        }
        violations.ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            if (await db.Stations.AnyAsync(s => s.Code == code, context.CancellationToken))
            {
                throw new AlreadyExistsException($"A station with code {code} is registered already.");
            }
            var station = new Model.Station(Guid.CreateVersion7(), code, request.Name.Trim(), request.Region.Trim());
            db.Stations.Add(station);
            return station.ToProto();
        });
    }

    /// <summary>
    /// The company's staff for any station; a station for its own roster (its client, or its own manager): the
    /// station employs its technicians, and company staff see each one's certifications when they dispatch.
    /// </summary>
    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override async Task<V1.Technician> RegisterTechnician(RegisterTechnicianRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("station_id", request.StationId, out var stationId)
            .RequireText("name", request.Name, Model.Technician.MaxNameLength)
            .OptionalText("region", request.Region, Model.Station.MaxRegionLength);
        var skills = await CheckSkillsAsync(violations, request.Skills, context.CancellationToken);
        var certifications = CheckCertifications(violations, request.Certifications);
        violations.ThrowIfAny();
        return await requests.SaveOnceAsync(request, context, async () =>
        {
            await db.Stations.RequireVisibleAsync(caller, stationId, request.StationId, context.CancellationToken);
            var technician = new Model.Technician(Guid.CreateVersion7(), stationId, request.Name.Trim(), skills, certifications, request.Region.Trim());
            db.Technicians.Add(technician);
            return technician.ToProto();
        });
    }

    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override async Task<V1.Technician> UpdateTechnician(UpdateTechnicianRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .RequireId("technician_id", request.TechnicianId, out var technicianId)
            .UpdateMask("update_mask", request.UpdateMask, ["name", "skills", "certifications", "region"], out var fields);
        if (fields.Contains("name"))
        {
            violations.RequireText("name", request.Name, Model.Technician.MaxNameLength);
        }
        if (fields.Contains("region"))
        {
            violations.OptionalText("region", request.Region, Model.Station.MaxRegionLength);
        }
        var skills = fields.Contains("skills") ? await CheckSkillsAsync(violations, request.Skills, context.CancellationToken) : [];
        var certifications = fields.Contains("certifications") ? CheckCertifications(violations, request.Certifications) : [];
        violations.ThrowIfAny();
        return await requests.SaveOnceAsync(request, context, async () =>
        {
            var technician = await db.Technicians.SingleOrDefaultAsync(t => t.Id == technicianId, context.CancellationToken);
            technician = caller.Visible(technician, t => t.StationId, "Technician", request.TechnicianId);
            if (fields.Contains("name"))
            {
                technician.Rename(request.Name.Trim());
            }
            if (fields.Contains("skills"))
            {
                technician.ReplaceSkills(skills);
            }
            if (fields.Contains("certifications"))
            {
                technician.ReplaceCertifications(certifications);
            }
            if (fields.Contains("region"))
            {
                technician.MoveToRegion(request.Region.Trim());
            }
            return technician.ToProto();
        });
    }

    /// <summary>Staff work: an account's holder then acts as the technician on their assigned tickets.</summary>
    [Access(StaffRoles.Manager, StaffRoles.Admin)]
    public override Task<Technician> LinkTechnicianAccount(LinkTechnicianAccountRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .RequireId("technician_id", request.TechnicianId, out var technicianId)
            .OptionalId("user_id", request.UserId, out var userId)
            .ThrowIfAny();
        return requests.SaveOnceAsync(request, context, async () =>
        {
            var technician = await db.Technicians.SingleOrDefaultAsync(t => t.Id == technicianId, context.CancellationToken)
                ?? throw new NotFoundException("Technician", request.TechnicianId);
            if (userId is { } user && await db.Technicians.AnyAsync(t => t.UserId == user && t.Id != technicianId, context.CancellationToken))
            {
                throw new AlreadyExistsException("That account is linked to another technician already.");
            }
            technician.LinkAccount(userId);
            return technician.ToProto();
        });
    }

    /// <summary>A station keeps its own roster, as for registration; the company's managers any station's.</summary>
    [Access(StaffRoles.Manager, StaffRoles.Admin, Stations = true)]
    public override async Task<V1.Technician> RetireTechnician(RetireTechnicianRequest request, ServerCallContext context)
    {
        new FieldViolations().RequireId("technician_id", request.TechnicianId, out var technicianId).ThrowIfAny();
        return await requests.SaveOnceAsync(request, context, async () =>
        {
            var technician = await db.Technicians.SingleOrDefaultAsync(t => t.Id == technicianId, context.CancellationToken);
            technician = caller.Visible(technician, t => t.StationId, "Technician", request.TechnicianId);
            var open = Model.TicketLifecycle.Open.ToList();
            var assigned = await db.Tickets.CountAsync(t => t.TechnicianId == technicianId && open.Contains(t.Status), context.CancellationToken);
            if (assigned > 0)
            {
                throw new PreconditionFailedException(
                    $"{assigned} open ticket(s) are assigned to {technician.Name}: reassign them (DispatchTicket with a reason) before retiring the technician.");
            }
            technician.Retire(calendar.Now);
            return technician.ToProto();
        });
    }

    private const int MaxTerms = 20;
    private const int MaxTermLength = 50;

    /// <summary>Skills are what dispatch matches a fault type's skill against, so each must be one of them.</summary>
    private async Task<string[]> CheckSkillsAsync(FieldViolations violations, IReadOnlyCollection<string> requested, CancellationToken cancellationToken)
    {
        var skills = requested.Select(s => s.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        var known = await db.FaultTypes.AsNoTracking().Select(f => f.Skill).Distinct().ToListAsync(cancellationToken);
        if (skills.Length is 0 or > MaxTerms || skills.Any(s => !known.Contains(s, StringComparer.Ordinal)))
        {
            violations.Add("skills", $"skills are 1 to {MaxTerms} of the fault types' skills: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
        }
        return skills;
    }

    private static string[] CheckCertifications(FieldViolations violations, IReadOnlyCollection<string> requested)
    {
        var certifications = requested.Select(c => c.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        if (certifications.Length > MaxTerms || certifications.Any(c => c.Length > MaxTermLength || !Term().IsMatch(c)))
        {
            violations.Add("certifications", $"certifications are up to {MaxTerms} names of lower-case letters, digits and hyphens (at most {MaxTermLength}), e.g. electrician-licence.");
        }
        return certifications;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,15}$")]
    private static partial Regex StationCode();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex Term();
}
