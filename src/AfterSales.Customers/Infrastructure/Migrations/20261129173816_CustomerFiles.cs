using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CustomerFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "CustomerNumbers",
                schema: "customers");

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "customers",
                table: "Customers",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "customers",
                table: "Assets",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.CreateTable(
                name: "WarrantyChanges",
                schema: "customers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AssetId = table.Column<Guid>(type: "uuid", nullable: false),
                    ComponentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    FromMonths = table.Column<int>(type: "integer", nullable: false),
                    ToMonths = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarrantyChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WarrantyChanges_Assets_AssetId",
                        column: x => x.AssetId,
                        principalSchema: "customers",
                        principalTable: "Assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WarrantyChanges_AssetId_ChangedAt",
                schema: "customers",
                table: "WarrantyChanges",
                columns: new[] { "AssetId", "ChangedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WarrantyChanges",
                schema: "customers");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "customers",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "customers",
                table: "Assets");

            migrationBuilder.DropSequence(
                name: "CustomerNumbers",
                schema: "customers");
        }
    }
}
