using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Inventory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OldParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OldParts",
                schema: "inventory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkRecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    TechnicianId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Warranty = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnedTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    WrittenOffAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WrittenOffBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ShipmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OldParts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OldParts_Parts_PartId",
                        column: x => x.PartId,
                        principalSchema: "inventory",
                        principalTable: "Parts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OldPartShipments",
                schema: "inventory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Carrier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TrackingNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Postage = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Parts = table.Column<int>(type: "integer", nullable: false),
                    ShippedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ShippedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OldPartShipments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SignedTickets",
                schema: "inventory",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SignedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VoucherDocumentId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignedTickets", x => x.TicketId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_PartId",
                schema: "inventory",
                table: "OldParts",
                column: "PartId");

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_StationId_Status_Id",
                schema: "inventory",
                table: "OldParts",
                columns: new[] { "StationId", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_TechnicianId_Status",
                schema: "inventory",
                table: "OldParts",
                columns: new[] { "TechnicianId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_TicketId",
                schema: "inventory",
                table: "OldParts",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_OldPartShipments_StationId_Month",
                schema: "inventory",
                table: "OldPartShipments",
                columns: new[] { "StationId", "Month" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OldParts",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "OldPartShipments",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "SignedTickets",
                schema: "inventory");
        }
    }
}
