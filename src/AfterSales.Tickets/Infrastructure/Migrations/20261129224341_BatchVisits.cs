using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Tickets.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BatchVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "BatchVisitOn",
                schema: "tickets",
                table: "Tickets",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ProjectId",
                schema: "tickets",
                table: "Tickets",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "VisitSchedules",
                schema: "tickets",
                columns: table => new
                {
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Cadence = table.Column<int>(type: "integer", nullable: false),
                    FirstVisitOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SetBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitSchedules", x => x.ProjectId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ProjectId_BatchVisitOn",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "ProjectId", "BatchVisitOn" },
                filter: "\"BatchVisitOn\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_VisitSchedules_StationId",
                schema: "tickets",
                table: "VisitSchedules",
                column: "StationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VisitSchedules",
                schema: "tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ProjectId_BatchVisitOn",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "BatchVisitOn",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                schema: "tickets",
                table: "Tickets");
        }
    }
}
