using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Tickets.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BuilderRepairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BuilderRepairs",
                schema: "tickets",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Builder = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BuilderContact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContractReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NoticeChannel = table.Column<int>(type: "integer", nullable: false),
                    NotifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NotifiedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RepairBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    BuilderAnswer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    BuilderAnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    BuilderRepairedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TakeoverReason = table.Column<int>(type: "integer", nullable: true),
                    Team = table.Column<int>(type: "integer", nullable: true),
                    HiredTeamName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TakenOverAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TakenOverBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PhoneApprovalBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PhoneApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PhoneApprovalSignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PhoneApprovalSignedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EstimateAmount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    EstimatePlan = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EstimateStage = table.Column<int>(type: "integer", nullable: true),
                    EstimatePreparedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EstimateConfirmedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EstimateApprovedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EstimateApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Allocation = table.Column<int>(type: "integer", nullable: true),
                    BuilderSharePercent = table.Column<int>(type: "integer", nullable: true),
                    AcceptedByManager = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AcceptedByOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    Costs = table.Column<string>(type: "jsonb", nullable: true),
                    Surveys = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuilderRepairs", x => x.TicketId);
                    table.ForeignKey(
                        name: "FK_BuilderRepairs_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalSchema: "tickets",
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BuilderRepairs_StationId_Stage_RepairBy",
                schema: "tickets",
                table: "BuilderRepairs",
                columns: new[] { "StationId", "Stage", "RepairBy" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BuilderRepairs",
                schema: "tickets");
        }
    }
}
