using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace AfterSales.Tickets.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "tickets");

            migrationBuilder.CreateTable(
                name: "AuditEntry",
                schema: "tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActorStationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Operation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntityId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Change = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ValuesJson = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntry", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FaultTypes",
                schema: "tickets",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Skill = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Certification = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FaultTypes", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecord",
                schema: "tickets",
                columns: table => new
                {
                    Caller = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Method = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequestHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    Response = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecord", x => new { x.Caller, x.Method, x.RequestId });
                });

            migrationBuilder.CreateTable(
                name: "InboxMessage",
                schema: "tickets",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxMessage", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessage",
                schema: "tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Payload = table.Column<byte[]>(type: "bytea", nullable: false),
                    TraceParent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessage", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ParkedEvent",
                schema: "tickets",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Payload = table.Column<byte[]>(type: "bytea", nullable: false),
                    TraceParent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Error = table.Column<string>(type: "text", nullable: false),
                    Deliveries = table.Column<int>(type: "integer", nullable: false),
                    ParkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParkedEvent", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "ServiceCalendars",
                schema: "tickets",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IsRoundTheClock = table.Column<bool>(type: "boolean", nullable: false),
                    Opens = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Closes = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    WorkingDays = table.Column<int[]>(type: "integer[]", nullable: false),
                    SpecialDays = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceCalendars", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "SlaRules",
                schema: "tickets",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Precedence = table.Column<int>(type: "integer", nullable: false),
                    Arrival_Amount = table.Column<int>(type: "integer", nullable: true),
                    Arrival_CalendarCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Arrival_Unit = table.Column<int>(type: "integer", nullable: true),
                    Criteria_Category = table.Column<int>(type: "integer", nullable: true),
                    Criteria_DistanceAboveKm = table.Column<decimal>(type: "numeric", nullable: true),
                    Criteria_DistanceUpToKm = table.Column<decimal>(type: "numeric", nullable: true),
                    Criteria_FaultType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Criteria_Job = table.Column<int>(type: "integer", nullable: true),
                    Criteria_NeedsSupplier = table.Column<bool>(type: "boolean", nullable: true),
                    Criteria_Priority = table.Column<int>(type: "integer", nullable: true),
                    Criteria_ProjectPhase = table.Column<int>(type: "integer", nullable: true),
                    Criteria_Region = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Criteria_Zone = table.Column<int>(type: "integer", nullable: true),
                    FirstResponse_Amount = table.Column<int>(type: "integer", nullable: true),
                    FirstResponse_CalendarCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    FirstResponse_Unit = table.Column<int>(type: "integer", nullable: true),
                    Resolution_Amount = table.Column<int>(type: "integer", nullable: true),
                    Resolution_CalendarCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Resolution_Unit = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaRules", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Stations",
                schema: "tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Region = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Stations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TicketNumberCounters",
                schema: "tickets",
                columns: table => new
                {
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    LastNumber = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketNumberCounters", x => new { x.StationId, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "Tickets",
                schema: "tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: true),
                    SerialNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ComponentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    ContactName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FaultDescription = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FaultType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    SiteCondition = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    JobKind = table.Column<int>(type: "integer", nullable: false),
                    SiteZone = table.Column<int>(type: "integer", nullable: true),
                    ProjectPhase = table.Column<int>(type: "integer", nullable: true),
                    NeedsSupplier = table.Column<bool>(type: "boolean", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    SiteAddress = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Region = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    DistanceKm = table.Column<int>(type: "integer", nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LateRegistrationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    CategoryReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TechnicianId = table.Column<Guid>(type: "uuid", nullable: true),
                    DispatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AppointmentStartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AppointmentEndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TravelStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ArrivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VisitResult = table.Column<int>(type: "integer", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemoteConsentBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    HoldReason = table.Column<int>(type: "integer", nullable: true),
                    HoldNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    HeldFromStatus = table.Column<int>(type: "integer", nullable: true),
                    HeldSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReceiptNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    PromisedReturnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReceiptVoidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SignedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VoucherDocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReopenCount = table.Column<int>(type: "integer", nullable: false),
                    ReturnDecision = table.Column<int>(type: "integer", nullable: true),
                    Accountability = table.Column<int>(type: "integer", nullable: true),
                    ReturnCause = table.Column<string>(type: "text", nullable: true),
                    WorkRecordCount = table.Column<int>(type: "integer", nullable: false),
                    WorkshopRecordCount = table.Column<int>(type: "integer", nullable: false),
                    FirstResponseDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ArrivalDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResolutionDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SlaRuleCode = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tickets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Technicians",
                schema: "tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Skills = table.Column<List<string>>(type: "text[]", nullable: false),
                    Certifications = table.Column<List<string>>(type: "text[]", nullable: false),
                    Region = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Technicians", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Technicians_Stations_StationId",
                        column: x => x.StationId,
                        principalSchema: "tickets",
                        principalTable: "Stations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Escalations",
                schema: "tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    TicketNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    TechnicianId = table.Column<Guid>(type: "uuid", nullable: true),
                    Clock = table.Column<int>(type: "integer", nullable: false),
                    Cause = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Escalations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Escalations_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalSchema: "tickets",
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SlaClocks",
                schema: "tickets",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    RuleCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CalendarCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Target = table.Column<TimeSpan>(type: "interval", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PausedSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PausedTime = table.Column<TimeSpan>(type: "interval", nullable: false),
                    StoppedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AtRiskSignalledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    BreachSignalledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaClocks", x => new { x.TicketId, x.Round, x.Kind });
                    table.ForeignKey(
                        name: "FK_SlaClocks_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalSchema: "tickets",
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TicketStatusChanges",
                schema: "tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    From = table.Column<int>(type: "integer", nullable: true),
                    To = table.Column<int>(type: "integer", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketStatusChanges_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalSchema: "tickets",
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkRecords",
                schema: "tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Place = table.Column<int>(type: "integer", nullable: false),
                    ArrivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DepartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RunningHours = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    MileageKm = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    OpenedBefore = table.Column<bool>(type: "boolean", nullable: false),
                    FindingsListen = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FindingsLook = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FindingsCheck = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    WorkDone = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PhotoDocumentIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Labour = table.Column<string>(type: "jsonb", nullable: true),
                    Parts = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkRecords_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalSchema: "tickets",
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TicketAssignments",
                schema: "tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    TechnicianId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssignedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketAssignments_Technicians_TechnicianId",
                        column: x => x.TechnicianId,
                        principalSchema: "tickets",
                        principalTable: "Technicians",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TicketAssignments_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalSchema: "tickets",
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                schema: "tickets",
                table: "FaultTypes",
                columns: new[] { "Code", "Certification", "Name", "Skill" },
                values: new object[,]
                {
                    { "ACCESS_CONTROL", null, "门禁/安防故障", "access-control" },
                    { "BODY", null, "车身/结构故障", "mechanical" },
                    { "ELECTRICAL", "electrician-licence", "电气故障", "electrical" },
                    { "ENGINE_CHASSIS", null, "发动机/底盘故障", "mechanical" },
                    { "LIFT", "lift-maintenance-licence", "电梯故障", "elevator" },
                    { "REFRIGERATION", "refrigeration-licence", "制冷/空调故障", "hvac" },
                    { "SOFTWARE", null, "软件/控制系统故障", "software" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntry_EntityId",
                schema: "tickets",
                table: "AuditEntry",
                column: "EntityId");

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_Level_Sequence",
                schema: "tickets",
                table: "Escalations",
                columns: new[] { "Level", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_Escalations_TicketId_Round_Clock_Cause",
                schema: "tickets",
                table: "Escalations",
                columns: new[] { "TicketId", "Round", "Clock", "Cause" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecord_CreatedAt",
                schema: "tickets",
                table: "IdempotencyRecord",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessage_ProcessedAt",
                schema: "tickets",
                table: "InboxMessage",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessage_CreatedAt",
                schema: "tickets",
                table: "OutboxMessage",
                column: "CreatedAt",
                filter: "\"PublishedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_DueAt",
                schema: "tickets",
                table: "SlaClocks",
                column: "DueAt",
                filter: "\"StoppedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Stations_Code",
                schema: "tickets",
                table: "Stations",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Technicians_StationId",
                schema: "tickets",
                table: "Technicians",
                column: "StationId");

            migrationBuilder.CreateIndex(
                name: "IX_TicketAssignments_TechnicianId",
                schema: "tickets",
                table: "TicketAssignments",
                column: "TechnicianId");

            migrationBuilder.CreateIndex(
                name: "IX_TicketAssignments_TicketId",
                schema: "tickets",
                table: "TicketAssignments",
                column: "TicketId",
                unique: true,
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_NextDueAt_Number",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "NextDueAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Number",
                schema: "tickets",
                table: "Tickets",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ReceivedAt_Number",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "ReceivedAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_StationId_ReceivedAt",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "StationId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_StationId_Status_Priority_CreatedAt_Id",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "StationId", "Status", "Priority", "CreatedAt", "Id" },
                descending: new[] { false, false, true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_TechnicianId_Status",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "TechnicianId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TicketStatusChanges_TicketId_At",
                schema: "tickets",
                table: "TicketStatusChanges",
                columns: new[] { "TicketId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_TicketId",
                schema: "tickets",
                table: "WorkRecords",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntry",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "Escalations",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "FaultTypes",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "IdempotencyRecord",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "InboxMessage",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "OutboxMessage",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "ParkedEvent",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "ServiceCalendars",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "SlaClocks",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "SlaRules",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "TicketAssignments",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "TicketNumberCounters",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "TicketStatusChanges",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "WorkRecords",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "Technicians",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "Tickets",
                schema: "tickets");

            migrationBuilder.DropTable(
                name: "Stations",
                schema: "tickets");
        }
    }
}
