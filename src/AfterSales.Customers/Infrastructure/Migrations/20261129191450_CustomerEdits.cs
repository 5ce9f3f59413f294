using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CustomerEdits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PhoneDigits",
                schema: "customers",
                table: "Customers",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                schema: "customers",
                table: "Customers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                schema: "customers",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            // Files opened before: their phones searchable by digits, as ReplaceContacts keeps them from now on.
            migrationBuilder.Sql("""
                UPDATE customers."Customers" c
                SET "PhoneDigits" = coalesce((
                    SELECT string_agg(regexp_replace(contact->>'Phone', '[^0-9]', '', 'g'), ' ')
                    FROM jsonb_array_elements(c."Contacts") AS contact), '')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PhoneDigits",
                schema: "customers",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Revision",
                schema: "customers",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                schema: "customers",
                table: "Customers");
        }
    }
}
