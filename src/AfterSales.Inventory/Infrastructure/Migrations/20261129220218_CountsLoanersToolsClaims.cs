using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Inventory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CountsLoanersToolsClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "LoanerNumbers",
                schema: "inventory");

            migrationBuilder.CreateSequence(
                name: "StockCountNumbers",
                schema: "inventory");

            migrationBuilder.CreateSequence(
                name: "SupplierClaimNumbers",
                schema: "inventory");

            migrationBuilder.CreateSequence(
                name: "ToolNumbers",
                schema: "inventory");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastCountedAt",
                schema: "inventory",
                table: "StockLevels",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClaimId",
                schema: "inventory",
                table: "OldParts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "UnitPrice",
                schema: "inventory",
                table: "OldParts",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            // Parts written off before prices were kept with them: the catalogue's price is the best record of what they cost.
            migrationBuilder.Sql(
                """
                UPDATE inventory."OldParts" o SET "UnitPrice" = p."UnitPrice"
                FROM inventory."Parts" p WHERE p."Id" = o."PartId" AND o."Status" IN (3, 4);
                """);

            migrationBuilder.CreateTable(
                name: "Loaners",
                schema: "inventory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SerialNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: true),
                    TicketNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    StationId = table.Column<Guid>(type: "uuid", nullable: true),
                    LentBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DueBackOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TimesLent = table.Column<int>(type: "integer", nullable: false),
                    LastReturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastCondition = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RetiredReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Loaners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StockCounts",
                schema: "inventory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    WarehouseId = table.Column<Guid>(type: "uuid", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    Lines = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockCounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StockCounts_Warehouses_WarehouseId",
                        column: x => x.WarehouseId,
                        principalSchema: "inventory",
                        principalTable: "Warehouses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupplierClaims",
                schema: "inventory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Supplier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Claimed = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Recovered = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    SupplierReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RefusalReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    OpenedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    Parts = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplierClaims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tools",
                schema: "inventory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Specification = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SerialNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    FixedAsset = table.Column<bool>(type: "boolean", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    TechnicianId = table.Column<Guid>(type: "uuid", nullable: false),
                    TechnicianName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LossCause = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Compensation = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    ReportedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    HandOvers = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tools", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OldParts_ClaimId",
                schema: "inventory",
                table: "OldParts",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_Loaners_Code",
                schema: "inventory",
                table: "Loaners",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Loaners_SerialNumber",
                schema: "inventory",
                table: "Loaners",
                column: "SerialNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Loaners_Status_DueBackOn",
                schema: "inventory",
                table: "Loaners",
                columns: new[] { "Status", "DueBackOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Loaners_TicketId",
                schema: "inventory",
                table: "Loaners",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_StockCounts_Code",
                schema: "inventory",
                table: "StockCounts",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StockCounts_StationId_Id",
                schema: "inventory",
                table: "StockCounts",
                columns: new[] { "StationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StockCounts_Unfinished",
                schema: "inventory",
                table: "StockCounts",
                column: "WarehouseId",
                unique: true,
                filter: "\"Status\" IN (1, 2)");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierClaims_Code",
                schema: "inventory",
                table: "SupplierClaims",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupplierClaims_Status_Id",
                schema: "inventory",
                table: "SupplierClaims",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tools_Code",
                schema: "inventory",
                table: "Tools",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tools_StationId_Code",
                schema: "inventory",
                table: "Tools",
                columns: new[] { "StationId", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_Tools_TechnicianId",
                schema: "inventory",
                table: "Tools",
                column: "TechnicianId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Loaners",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "StockCounts",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "SupplierClaims",
                schema: "inventory");

            migrationBuilder.DropTable(
                name: "Tools",
                schema: "inventory");

            migrationBuilder.DropIndex(
                name: "IX_OldParts_ClaimId",
                schema: "inventory",
                table: "OldParts");

            migrationBuilder.DropColumn(
                name: "LastCountedAt",
                schema: "inventory",
                table: "StockLevels");

            migrationBuilder.DropColumn(
                name: "ClaimId",
                schema: "inventory",
                table: "OldParts");

            migrationBuilder.DropColumn(
                name: "UnitPrice",
                schema: "inventory",
                table: "OldParts");

            migrationBuilder.DropSequence(
                name: "LoanerNumbers",
                schema: "inventory");

            migrationBuilder.DropSequence(
                name: "StockCountNumbers",
                schema: "inventory");

            migrationBuilder.DropSequence(
                name: "SupplierClaimNumbers",
                schema: "inventory");

            migrationBuilder.DropSequence(
                name: "ToolNumbers",
                schema: "inventory");
        }
    }
}
