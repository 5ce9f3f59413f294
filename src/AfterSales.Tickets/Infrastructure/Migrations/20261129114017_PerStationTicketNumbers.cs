using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Tickets.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PerStationTicketNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropSequence(
                name: "ticket_numbers",
                schema: "tickets");

            migrationBuilder.AddColumn<string>(
                name: "LateRegistrationReason",
                schema: "tickets",
                table: "Tickets",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Code",
                schema: "tickets",
                table: "Stations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TicketNumberCounters",
                schema: "tickets");

            migrationBuilder.DropColumn(
                name: "LateRegistrationReason",
                schema: "tickets",
                table: "Tickets");

            migrationBuilder.CreateSequence(
                name: "ticket_numbers",
                schema: "tickets");

            migrationBuilder.AlterColumn<string>(
                name: "Code",
                schema: "tickets",
                table: "Stations",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16);
        }
    }
}
