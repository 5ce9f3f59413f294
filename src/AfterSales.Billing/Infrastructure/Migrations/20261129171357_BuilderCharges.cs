using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Billing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BuilderCharges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BuilderCharges",
                schema: "billing",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Builder = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ContractReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Allocation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TotalCost = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    BuilderAmount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuilderCharges", x => x.TicketId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BuilderCharges_AcceptedAt_TicketId",
                schema: "billing",
                table: "BuilderCharges",
                columns: new[] { "AcceptedAt", "TicketId" });

            migrationBuilder.CreateIndex(
                name: "IX_BuilderCharges_ContractReference",
                schema: "billing",
                table: "BuilderCharges",
                column: "ContractReference");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BuilderCharges",
                schema: "billing");
        }
    }
}
