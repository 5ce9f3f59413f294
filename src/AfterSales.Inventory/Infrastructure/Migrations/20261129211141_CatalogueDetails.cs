using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Inventory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "Substitutes",
                schema: "inventory",
                table: "Parts",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "Supplier",
                schema: "inventory",
                table: "Parts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Unit",
                schema: "inventory",
                table: "Parts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "inventory",
                table: "Parts",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            // Parts catalogued before units were kept: counted by the piece, as the fee schedule charges them.
            migrationBuilder.Sql("""UPDATE inventory."Parts" SET "Unit" = '件' WHERE "Unit" = '';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Substitutes",
                schema: "inventory",
                table: "Parts");

            migrationBuilder.DropColumn(
                name: "Supplier",
                schema: "inventory",
                table: "Parts");

            migrationBuilder.DropColumn(
                name: "Unit",
                schema: "inventory",
                table: "Parts");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "inventory",
                table: "Parts");
        }
    }
}
