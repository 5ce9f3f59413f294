using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Inventory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class StockLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "RequisitionNumbers",
                schema: "inventory");

            migrationBuilder.AddColumn<int>(
                name: "ReorderPoint",
                schema: "inventory",
                table: "Parts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SafetyStock",
                schema: "inventory",
                table: "Parts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AbcRuns",
                schema: "inventory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Trigger = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    WindowFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WindowTo = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AShare = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    BShare = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    RanBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RanAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Results = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AbcRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Movements",
                schema: "inventory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WarehouseId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    OnHandChange = table.Column<int>(type: "integer", nullable: false),
                    ReservedChange = table.Column<int>(type: "integer", nullable: false),
                    OnHandAfter = table.Column<int>(type: "integer", nullable: false),
                    ReservedAfter = table.Column<int>(type: "integer", nullable: false),
                    Reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BookedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BookedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Movements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Movements_Parts_PartId",
                        column: x => x.PartId,
                        principalSchema: "inventory",
                        principalTable: "Parts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Movements_Warehouses_WarehouseId",
                        column: x => x.WarehouseId,
                        principalSchema: "inventory",
                        principalTable: "Warehouses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReceivingSlips",
                schema: "inventory",
                columns: table => new
                {
                    Number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Supplier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BookedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BookedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivingSlips", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "Requisitions",
                schema: "inventory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    WarehouseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ProposedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IssuedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    Lines = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Requisitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Requisitions_Warehouses_WarehouseId",
                        column: x => x.WarehouseId,
                        principalSchema: "inventory",
                        principalTable: "Warehouses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AbcRuns_Period",
                schema: "inventory",
                table: "AbcRuns",
                column: "Period",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Movements_PartId",
                schema: "inventory",
                table: "Movements",
                column: "PartId");

            migrationBuilder.CreateIndex(
                name: "IX_Movements_WarehouseId_Id",
                schema: "inventory",
                table: "Movements",
                columns: new[] { "WarehouseId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Movements_WarehouseId_PartId_Id",
                schema: "inventory",
                table: "Movements",
                columns: new[] { "WarehouseId", "PartId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Requisitions_Code",
                schema: "inventory",
                table: "Requisitions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Requisitions_StationId_Id",
                schema: "inventory",
                table: "Requisitions",
                columns: new[] { "StationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Requisitions_TicketId",
                schema: "inventory",
                table: "Requisitions",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_Requisitions_WarehouseId",
                schema: "inventory",
                table: "Requisitions",
                column: "WarehouseId");

            // Stock booked before the ledger existed: its opening balance as movements, so every level is the sum of its ledger.
            migrationBuilder.Sql("""
                INSERT INTO inventory."Movements" ("Id", "WarehouseId", "PartId", "Kind", "OnHandChange", "ReservedChange", "OnHandAfter", "ReservedAfter", "Reference", "BookedBy", "BookedAt")
                SELECT gen_random_uuid(), "WarehouseId", "PartId", 1, "OnHand", 0, "OnHand", 0, 'OPENING-BALANCE', 'migration', now()
                FROM inventory."StockLevels" WHERE "OnHand" > 0;
                INSERT INTO inventory."Movements" ("Id", "WarehouseId", "PartId", "Kind", "OnHandChange", "ReservedChange", "OnHandAfter", "ReservedAfter", "Reference", "BookedBy", "BookedAt")
                SELECT gen_random_uuid(), "WarehouseId", "PartId", 4, 0, "Reserved", "OnHand", "Reserved", 'OPENING-BALANCE', 'migration', now()
                FROM inventory."StockLevels" WHERE "Reserved" > 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AbcRuns",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "Movements",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "ReceivingSlips",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "Requisitions",
                schema: "inventory");

            migrationBuilder.DropColumn(
                name: "ReorderPoint",
                schema: "inventory",
                table: "Parts");

            migrationBuilder.DropColumn(
                name: "SafetyStock",
                schema: "inventory",
                table: "Parts");

            migrationBuilder.DropSequence(
                name: "RequisitionNumbers",
                schema: "inventory");
        }
    }
}
