using AfterSales.Platform.Grpc;

namespace AfterSales.Tickets.Model;

/// <summary>Where a warranty repair owed by the original builder (施工单位) stands (§3 4.2–5.1).</summary>
public enum BuilderRepairStage
{
    /// <summary>The builder has the return order (工程返修单) and a contractual deadline to repair.</summary>
    Notified = 1,

    /// <summary>The builder answered that it will repair.</summary>
    BuilderRepairing = 2,

    /// <summary>The builder refused to come: the company takes the job over.</summary>
    BuilderRefused = 3,

    /// <summary>The builder repaired it; the acceptance is still to be signed.</summary>
    RepairedByBuilder = 4,

    /// <summary>The company repairs it, with its own team or a hired one, at the builder's cost (§3 4.2).</summary>
    TakenOver = 5,

    /// <summary>Accepted, signed by the manager and the owner (§3 5.1); a taken-over job's cost is settled.</summary>
    Accepted = 6,
}

/// <summary>How the builder was told (§3 4.3: telephone, fax, letter).</summary>
public enum NoticeChannel
{
    Phone = 1,
    Fax = 2,
    Letter = 3,
}

/// <summary>Why the company took a builder's job over.</summary>
public enum TakeoverReason
{
    /// <summary>The builder did not come within the contractual time.</summary>
    Late = 1,

    /// <summary>The builder said it would not come.</summary>
    Refused = 2,

    /// <summary>An emergency: the company repairs at once, on the general manager's approval by phone (§3 4.4.2).</summary>
    Emergency = 3,
}

/// <summary>Who does a taken-over job (§3 4.4.1: by its own technical ability, or hiring a specialist team).</summary>
public enum RepairTeam
{
    OwnTeam = 1,
    Hired = 2,
}

/// <summary>What a cost of a taken-over job is for.</summary>
public enum RepairCostKind
{
    Labour = 1,
    Material = 2,
    HiredTeam = 3,

    /// <summary>Damage to the owner's property, settled by a signed compensation agreement (§3 4.4.3).</summary>
    Compensation = 4,
}

/// <summary>Who bears a taken-over repair's cost (§5 4).</summary>
public enum CostAllocation
{
    /// <summary>The builder's workmanship: the builder pays all (§5 4.1).</summary>
    BuilderFault = 1,

    /// <summary>Both share it, in the agreed split (§5 4.2).</summary>
    SharedFault = 2,

    /// <summary>The owner's own material or equipment failed: the owner pays (§5 4.3).</summary>
    OwnerMaterial = 3,
}

/// <summary>How far a repair estimate has gone up its chain (§3 3.5–3.6).</summary>
public enum EstimateStage
{
    /// <summary>Prepared by the maintenance department's manager.</summary>
    Prepared = 1,

    /// <summary>Confirmed by the service centre's director.</summary>
    Confirmed = 2,

    /// <summary>Approved by the general manager: work may start.</summary>
    Approved = 3,
}

/// <summary>A site survey (现场踏勘): photos of the part every time, a sketch as well for a major job (§3 4.4.1).</summary>
public sealed record SiteSurvey(Guid Id, DateTimeOffset At, string SurveyedBy, string Findings, Guid[] PhotoDocumentIds, Guid? SketchDocumentId);

/// <summary>A cost of a taken-over repair; compensation has its signed agreement.</summary>
public sealed record RepairCost(Guid Id, DateTimeOffset At, string RecordedBy, RepairCostKind Kind, string Description, decimal Amount, Guid? AgreementDocumentId);

/// <summary>
/// A warranty repair the original builder owes under its contract (§3 4.2–5.1), on a ticket: the builder is
/// notified with the contractual deadline and repairs; when it is late or refuses, or in an emergency, the
/// company takes the job over, after an estimate approved up the chain (or, in an emergency, the general
/// manager's approval by phone, signed afterwards), and its cost is charged to the builder's retention money
/// when the manager and the owner sign the acceptance. One per ticket.
/// </summary>
public sealed class BuilderRepair
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 1000;

    /// <summary>A job whose estimate is over this (yuan) is major: its survey needs a sketch too (§3 4.4.1).</summary>
    public const decimal MajorJobThreshold = 500m;

    private BuilderRepair() { }

    public static BuilderRepair Notify(Ticket ticket, string builder, string? builderContact, string contractReference, NoticeChannel channel,
        DateTimeOffset repairBy, string actor, DateTimeOffset now)
    {
        if (!ticket.IsOpen || ticket.Category == ServiceCategory.Internal)
        {
            throw BuilderRepairRefusal.Because("the ticket must be an open customer repair", null);
        }
        return new BuilderRepair
        {
            TicketId = ticket.Id,
            StationId = ticket.StationId,
            Builder = builder,
            BuilderContact = builderContact,
            ContractReference = contractReference,
            NoticeChannel = channel,
            NotifiedAt = now,
            NotifiedBy = actor,
            RepairBy = repairBy,
            Stage = BuilderRepairStage.Notified,
        };
    }

    public Guid TicketId { get; private set; }
    public Guid StationId { get; private set; }
    public string Builder { get; private set; } = "";
    public string? BuilderContact { get; private set; }

    /// <summary>The builder's contract whose warranty clause applies; the retention money is held under it.</summary>
    public string ContractReference { get; private set; } = "";
    public NoticeChannel NoticeChannel { get; private set; }
    public DateTimeOffset NotifiedAt { get; private set; }
    public string NotifiedBy { get; private set; } = "";

    /// <summary>The contractual deadline for the builder's repair.</summary>
    public DateTimeOffset RepairBy { get; private set; }
    public BuilderRepairStage Stage { get; private set; }
    public string? BuilderAnswer { get; private set; }
    public DateTimeOffset? BuilderAnsweredAt { get; private set; }
    public DateTimeOffset? BuilderRepairedAt { get; private set; }

    public TakeoverReason? TakeoverReason { get; private set; }
    public RepairTeam? Team { get; private set; }
    public string? HiredTeamName { get; private set; }
    public DateTimeOffset? TakenOverAt { get; private set; }
    public string? TakenOverBy { get; private set; }

    /// <summary>The general manager who approved emergency work by phone, when, and who recorded it.</summary>
    public string? PhoneApprovalBy { get; private set; }
    public DateTimeOffset? PhoneApprovedAt { get; private set; }

    /// <summary>When the general manager signed the paperwork of a phone approval afterwards (事后补签).</summary>
    public DateTimeOffset? PhoneApprovalSignedAt { get; private set; }
    public string? PhoneApprovalSignedBy { get; private set; }

    public decimal? EstimateAmount { get; private set; }
    public string? EstimatePlan { get; private set; }
    public EstimateStage? EstimateStage { get; private set; }
    public string? EstimatePreparedBy { get; private set; }
    public string? EstimateConfirmedBy { get; private set; }
    public string? EstimateApprovedBy { get; private set; }
    public DateTimeOffset? EstimateApprovedAt { get; private set; }

    public CostAllocation? Allocation { get; private set; }

    /// <summary>The builder's share of the cost in percent: 100 for its fault, 0 for the owner's material, agreed when shared.</summary>
    public int? BuilderSharePercent { get; private set; }
    public string? AcceptedByManager { get; private set; }
    public string? AcceptedByOwner { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }

    public List<SiteSurvey> Surveys { get; private set; } = [];
    public List<RepairCost> Costs { get; private set; } = [];

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public decimal TotalCost => Costs.Sum(c => c.Amount);

    /// <summary>The builder's part of <see cref="TotalCost"/>, to the fen; the owner bears the rest.</summary>
    public decimal BuilderCharge => BuilderSharePercent is { } percent ? decimal.Round(TotalCost * percent / 100m, 2, MidpointRounding.ToEven) : 0m;

    public bool IsLate(DateTimeOffset now) => now > RepairBy && Stage is BuilderRepairStage.Notified or BuilderRepairStage.BuilderRepairing;

    /// <summary>
    /// Whether the company's own technicians may record repair work on the ticket: not while the builder
    /// owes the repair, and on a taken-over job only once the estimate is approved or, in an emergency, the
    /// general manager approved by phone (§3 3.6, 4.4.2). A check after the builder's repair is always allowed.
    /// </summary>
    public string? WhyNoWorkYet() => Stage switch
    {
        BuilderRepairStage.Notified or BuilderRepairStage.BuilderRepairing or BuilderRepairStage.BuilderRefused =>
            "the builder owes this repair: take it over first",
        BuilderRepairStage.TakenOver when TakeoverReason != Model.TakeoverReason.Emergency && EstimateStage != Model.EstimateStage.Approved =>
            "the repair estimate is not approved by the general manager yet",
        _ => null,
    };

    /// <summary>The builder's answer to the return order: it comes to repair, or it refuses.</summary>
    public void RecordBuilderAnswer(bool willRepair, string answer, DateTimeOffset now)
    {
        Require(BuilderRepairStage.Notified, "record the builder's answer");
        (BuilderAnswer, BuilderAnsweredAt) = (answer, now);
        Stage = willRepair ? BuilderRepairStage.BuilderRepairing : BuilderRepairStage.BuilderRefused;
    }

    public void RecordRepairedByBuilder(string note, DateTimeOffset now)
    {
        Require([BuilderRepairStage.Notified, BuilderRepairStage.BuilderRepairing], "record the builder's repair");
        (BuilderAnswer, BuilderRepairedAt) = (note, now);
        Stage = BuilderRepairStage.RepairedByBuilder;
    }

    public void RecordSurvey(SiteSurvey survey)
    {
        RequireOpen("record a site survey");
        if (survey.PhotoDocumentIds.Length == 0)
        {
            throw new ArgumentException("A site survey has photos of the part.", nameof(survey));
        }
        Surveys.Add(survey);
    }

    /// <summary>
    /// The company takes the job over: when the builder is past its deadline or refused, or at once in an
    /// emergency on the general manager's approval by phone, the builder informed by phone (§3 4.2, 4.4.1–4.4.2).
    /// </summary>
    public void TakeOver(TakeoverReason reason, RepairTeam team, string? hiredTeam, Ticket ticket, string? phoneApprovalBy, string actor, DateTimeOffset now)
    {
        Require([BuilderRepairStage.Notified, BuilderRepairStage.BuilderRepairing, BuilderRepairStage.BuilderRefused], "take the job over");
        switch (reason)
        {
            case Model.TakeoverReason.Late when !IsLate(now):
                throw Refusal($"the builder has until {RepairBy:O}");
            case Model.TakeoverReason.Refused when Stage != BuilderRepairStage.BuilderRefused:
                throw Refusal("the builder has not refused");
            case Model.TakeoverReason.Emergency when ticket.Priority != Priority.Emergency:
                throw Refusal("the ticket is not an emergency");
            case Model.TakeoverReason.Emergency when string.IsNullOrWhiteSpace(phoneApprovalBy):
                throw new ArgumentException("Emergency work starts on the general manager's approval by phone.", nameof(phoneApprovalBy));
        }
        if ((team == RepairTeam.Hired) == string.IsNullOrWhiteSpace(hiredTeam))
        {
            throw new ArgumentException("A hired team is named, and only a hired team.", nameof(hiredTeam));
        }
        (TakeoverReason, Team, HiredTeamName, TakenOverAt, TakenOverBy) = (reason, team, hiredTeam, now, actor);
        if (reason == Model.TakeoverReason.Emergency)
        {
            (PhoneApprovalBy, PhoneApprovedAt) = (phoneApprovalBy, now);
        }
        Stage = BuilderRepairStage.TakenOver;
    }

    /// <summary>
    /// The maintenance department's manager prepares the estimate and plan (§3 3.5) from the site surveys; a
    /// major job's surveys include a sketch. A new estimate replaces one not yet approved and starts the chain again.
    /// </summary>
    public void PrepareEstimate(decimal amount, string plan, string actor)
    {
        Require(BuilderRepairStage.TakenOver, "prepare an estimate");
        if (EstimateStage == Model.EstimateStage.Approved)
        {
            throw Refusal("the estimate is approved already");
        }
        if (Surveys.Count == 0)
        {
            throw Refusal("record the site survey first");
        }
        if (amount > MajorJobThreshold && Surveys.All(s => s.SketchDocumentId is null))
        {
            throw Refusal($"a job over {MajorJobThreshold} yuan needs a sketch from the site survey (§3 4.4.1)");
        }
        (EstimateAmount, EstimatePlan, EstimateStage, EstimatePreparedBy) = (amount, plan, Model.EstimateStage.Prepared, actor);
        (EstimateConfirmedBy, EstimateApprovedBy, EstimateApprovedAt) = (null, null, null);
    }

    /// <summary>The service centre's director confirms a prepared estimate (§3 3.6).</summary>
    public void ConfirmEstimate(string actor)
    {
        RequireEstimate(Model.EstimateStage.Prepared, "confirm it");
        if (actor == EstimatePreparedBy)
        {
            throw Refusal("whoever prepared the estimate does not confirm it too");
        }
        (EstimateStage, EstimateConfirmedBy) = (Model.EstimateStage.Confirmed, actor);
    }

    /// <summary>The general manager approves a confirmed estimate (§3 3.6): work may start.</summary>
    public void ApproveEstimate(string actor, DateTimeOffset now)
    {
        RequireEstimate(Model.EstimateStage.Confirmed, "approve it");
        if (actor == EstimatePreparedBy || actor == EstimateConfirmedBy)
        {
            throw Refusal("whoever prepared or confirmed the estimate does not approve it too");
        }
        (EstimateStage, EstimateApprovedBy, EstimateApprovedAt) = (Model.EstimateStage.Approved, actor, now);
    }

    /// <summary>The general manager signs the paperwork of an approval given by phone (§3 4.4.2: 事后需补签).</summary>
    public void SignPhoneApproval(string actor, DateTimeOffset now)
    {
        if (PhoneApprovedAt is null)
        {
            throw Refusal("no approval was given by phone");
        }
        if (PhoneApprovalSignedAt is not null)
        {
            throw Refusal("the phone approval is signed already");
        }
        (PhoneApprovalSignedAt, PhoneApprovalSignedBy) = (now, actor);
    }

    /// <summary>A cost of the company's repair; damage to the owner's property joins it with its signed agreement (§3 4.4.3).</summary>
    public void RecordCost(RepairCost cost)
    {
        Require(BuilderRepairStage.TakenOver, "record a cost");
        if ((cost.Kind == RepairCostKind.Compensation) != (cost.AgreementDocumentId is not null))
        {
            throw new ArgumentException("Compensation is recorded with its signed agreement, and only compensation is.", nameof(cost));
        }
        Costs.Add(cost);
    }

    /// <summary>
    /// The acceptance, signed by the maintenance manager and the owner (§3 5.1): after the builder's repair, or
    /// after the company's repair is resolved on the ticket, its costs recorded and any phone approval signed.
    /// A taken-over job's cost is allocated (§5 4), the builder's share charged to its retention money.
    /// </summary>
    public void Accept(string manager, string owner, CostAllocation? allocation, int? sharedPercent, Ticket ticket, DateTimeOffset now)
    {
        Require([BuilderRepairStage.RepairedByBuilder, BuilderRepairStage.TakenOver], "sign the acceptance");
        if (Stage == BuilderRepairStage.TakenOver)
        {
            if (ticket.ResolvedAt is null)
            {
                throw Refusal("the repair is not resolved on the ticket yet");
            }
            if (Costs.Count == 0)
            {
                throw Refusal("no cost of the repair is recorded");
            }
            if (PhoneApprovedAt is not null && PhoneApprovalSignedAt is null)
            {
                throw Refusal("the general manager has not signed the phone approval yet");
            }
            BuilderSharePercent = allocation switch
            {
                CostAllocation.BuilderFault => 100,
                CostAllocation.OwnerMaterial => 0,
                CostAllocation.SharedFault when sharedPercent is > 0 and < 100 => sharedPercent,
                CostAllocation.SharedFault => throw new ArgumentException("A shared fault has the builder's agreed share, 1–99 %.", nameof(sharedPercent)),
                _ => throw new ArgumentException("A taken-over repair's cost is allocated.", nameof(allocation)),
            };
            Allocation = allocation;
        }
        (AcceptedByManager, AcceptedByOwner, AcceptedAt) = (manager, owner, now);
        Stage = BuilderRepairStage.Accepted;
    }

    private void RequireEstimate(EstimateStage stage, string action)
    {
        Require(BuilderRepairStage.TakenOver, action);
        if (EstimateStage != stage)
        {
            throw Refusal($"the estimate is {(EstimateStage?.ToString() ?? "not prepared")}, not {stage}");
        }
    }

    private void RequireOpen(string action)
    {
        if (Stage == BuilderRepairStage.Accepted)
        {
            throw BuilderRepairRefusal.Because($"cannot {action}: the repair is accepted", Stage);
        }
    }

    private void Require(BuilderRepairStage stage, string action) => Require([stage], action);

    private void Require(BuilderRepairStage[] stages, string action)
    {
        if (!stages.Contains(Stage))
        {
            throw BuilderRepairRefusal.Because($"cannot {action}", Stage);
        }
    }

    private Platform.Errors.PreconditionFailedException Refusal(string why) => BuilderRepairRefusal.Because(why, Stage);
}

/// <summary>The one wording of a refused step of a builder repair, naming the stage it is in.</summary>
public static class BuilderRepairRefusal
{
    public static Platform.Errors.PreconditionFailedException Because(string why, BuilderRepairStage? stage) =>
        new(stage is { } at ? $"The builder repair is {at.WireName()}: {why}." : $"No builder repair: {why}.");
}
