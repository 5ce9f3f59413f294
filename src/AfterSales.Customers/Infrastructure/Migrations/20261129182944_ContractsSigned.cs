using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ContractsSigned : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ContractsSigned",
                schema: "customers",
                table: "Customers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql("""
                UPDATE customers."Customers" c
                SET "ContractsSigned" = (SELECT count(*) FROM customers."Contracts" k WHERE k."CustomerId" = c."Id")
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ContractsSigned",
                schema: "customers",
                table: "Customers");
        }
    }
}
