using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Billing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CataloguePartPrices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Code",
                schema: "billing",
                table: "FeeItems",
                type: "character varying(36)",
                maxLength: 36,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.AddColumn<string>(
                name: "PartNumber",
                schema: "billing",
                table: "FeeItems",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PriceSetAt",
                schema: "billing",
                table: "FeeItems",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "billing",
                table: "FeeItems",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.CreateIndex(
                name: "IX_FeeItems_PartNumber",
                schema: "billing",
                table: "FeeItems",
                column: "PartNumber",
                unique: true);

            // The part items kept by hand so far, tied to their catalogue parts; their prices follow the catalogue
            // from its next change of each part on.
            migrationBuilder.Sql("""
                UPDATE billing."FeeItems" AS f SET "PartNumber" = tie.part_number
                FROM (VALUES ('PRT-BELT', 'P-EL-1002'), ('PRT-CAPACITOR', 'P-CH-2001'), ('PRT-READER', 'P-AC-3001'))
                    AS tie (code, part_number)
                WHERE f."Code" = tie.code AND f."Kind" = 2;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FeeItems_PartNumber",
                schema: "billing",
                table: "FeeItems");

            migrationBuilder.DropColumn(
                name: "PartNumber",
                schema: "billing",
                table: "FeeItems");

            migrationBuilder.DropColumn(
                name: "PriceSetAt",
                schema: "billing",
                table: "FeeItems");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "billing",
                table: "FeeItems");

            migrationBuilder.AlterColumn<string>(
                name: "Code",
                schema: "billing",
                table: "FeeItems",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(36)",
                oldMaxLength: 36);
        }
    }
}
