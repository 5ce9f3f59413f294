using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Reminders",
                schema: "customers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Occasion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServingStationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectLabel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ActBy = table.Column<DateOnly>(type: "date", nullable: false),
                    Summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HandledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HandledBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reminders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SoftwareReleases",
                schema: "customers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AnnouncedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AnnouncedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SoftwareReleases", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_Model",
                schema: "customers",
                table: "Assets",
                column: "Model");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_ActBy_Id",
                schema: "customers",
                table: "Reminders",
                columns: new[] { "ActBy", "Id" },
                filter: "\"HandledAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_CustomerId",
                schema: "customers",
                table: "Reminders",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_Kind_SubjectId_Occasion",
                schema: "customers",
                table: "Reminders",
                columns: new[] { "Kind", "SubjectId", "Occasion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_ServingStationId_ActBy",
                schema: "customers",
                table: "Reminders",
                columns: new[] { "ServingStationId", "ActBy" });

            migrationBuilder.CreateIndex(
                name: "IX_SoftwareReleases_Model_Version",
                schema: "customers",
                table: "SoftwareReleases",
                columns: new[] { "Model", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Reminders",
                schema: "customers");

            migrationBuilder.DropTable(
                name: "SoftwareReleases",
                schema: "customers");

            migrationBuilder.DropIndex(
                name: "IX_Assets_Model",
                schema: "customers",
                table: "Assets");
        }
    }
}
