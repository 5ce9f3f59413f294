using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ContractTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BillingBasis",
                schema: "customers",
                table: "Contracts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "RenewsContractId",
                schema: "customers",
                table: "Contracts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Services_Labour",
                schema: "customers",
                table: "Contracts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Services_Parts",
                schema: "customers",
                table: "Contracts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Services_PreventiveVisitsPerYear",
                schema: "customers",
                table: "Contracts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Services_Travel",
                schema: "customers",
                table: "Contracts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TerminatedOn",
                schema: "customers",
                table: "Contracts",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TerminationReason",
                schema: "customers",
                table: "Contracts",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "customers",
                table: "Contracts",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            // Contracts signed before scope was recorded keep their kind's usual scope and billing basis.
            migrationBuilder.Sql("""
                UPDATE customers."Contracts" SET
                    "BillingBasis" = CASE WHEN "Kind" = 1 THEN 1 ELSE 2 END,
                    "Services_Labour" = TRUE,
                    "Services_Parts" = "Kind" = 1,
                    "Services_Travel" = TRUE,
                    "Services_PreventiveVisitsPerYear" = CASE WHEN "Kind" = 1 THEN 4 ELSE 0 END
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_RenewsContractId",
                schema: "customers",
                table: "Contracts",
                column: "RenewsContractId");

            migrationBuilder.AddForeignKey(
                name: "FK_Contracts_Contracts_RenewsContractId",
                schema: "customers",
                table: "Contracts",
                column: "RenewsContractId",
                principalSchema: "customers",
                principalTable: "Contracts",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Contracts_Contracts_RenewsContractId",
                schema: "customers",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_RenewsContractId",
                schema: "customers",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "BillingBasis",
                schema: "customers",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "RenewsContractId",
                schema: "customers",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "Services_Labour",
                schema: "customers",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "Services_Parts",
                schema: "customers",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "Services_PreventiveVisitsPerYear",
                schema: "customers",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "Services_Travel",
                schema: "customers",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "TerminatedOn",
                schema: "customers",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "TerminationReason",
                schema: "customers",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "customers",
                table: "Contracts");
        }
    }
}
