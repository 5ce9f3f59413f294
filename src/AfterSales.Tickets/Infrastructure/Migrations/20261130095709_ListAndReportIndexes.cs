using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Tickets.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ListAndReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_StationId_ReceivedAt",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_TechnicianId_Status",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "BreachedAt",
                schema: "tickets",
                table: "Tickets",
                type: "timestamp with time zone",
                nullable: true);

            // Tickets breached before the mark existed: their clocks' first breach.
            migrationBuilder.Sql("""
                UPDATE tickets."Tickets" AS t SET "BreachedAt" = b.first
                FROM (SELECT "TicketId", min("BreachSignalledAt") AS first FROM tickets."SlaClocks"
                      WHERE "BreachSignalledAt" IS NOT NULL GROUP BY "TicketId") AS b
                WHERE t."Id" = b."TicketId"
                """);

            migrationBuilder.CreateIndex(
                name: "IX_WorkRecords_RecordedAt",
                schema: "tickets",
                table: "WorkRecords",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_TicketStatusChanges_At",
                schema: "tickets",
                table: "TicketStatusChanges",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Breached_ReceivedAt_Number",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "ReceivedAt", "Number" },
                filter: "\"BreachedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_CustomerId_ReceivedAt_Number",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "CustomerId", "ReceivedAt", "Number" },
                filter: "\"CustomerId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_StationId_CreatedAt",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "StationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_StationId_NextDueAt_Number",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "StationId", "NextDueAt", "Number" },
                filter: "\"NextDueAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_StationId_ReceivedAt_Number",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "StationId", "ReceivedAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_TechnicianId_ReceivedAt_Number",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "TechnicianId", "ReceivedAt", "Number" },
                filter: "\"TechnicianId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_TechnicianId_Status",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "TechnicianId", "Status" },
                filter: "\"TechnicianId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_TicketAssignments_TicketId_AssignedAt",
                schema: "tickets",
                table: "TicketAssignments",
                columns: new[] { "TicketId", "AssignedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_BreachSignalledAt",
                schema: "tickets",
                table: "SlaClocks",
                column: "BreachSignalledAt",
                filter: "\"BreachSignalledAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_StoppedAt",
                schema: "tickets",
                table: "SlaClocks",
                column: "StoppedAt",
                filter: "\"StoppedAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkRecords_RecordedAt",
                schema: "tickets",
                table: "WorkRecords");

            migrationBuilder.DropIndex(
                name: "IX_TicketStatusChanges_At",
                schema: "tickets",
                table: "TicketStatusChanges");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Breached_ReceivedAt_Number",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_CustomerId_ReceivedAt_Number",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_StationId_CreatedAt",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_StationId_NextDueAt_Number",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_StationId_ReceivedAt_Number",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_TechnicianId_ReceivedAt_Number",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_TechnicianId_Status",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_TicketAssignments_TicketId_AssignedAt",
                schema: "tickets",
                table: "TicketAssignments");

            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_BreachSignalledAt",
                schema: "tickets",
                table: "SlaClocks");

            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_StoppedAt",
                schema: "tickets",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "BreachedAt",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_StationId_ReceivedAt",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "StationId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_TechnicianId_Status",
                schema: "tickets",
                table: "Tickets",
                columns: new[] { "TechnicianId", "Status" });
        }
    }
}
