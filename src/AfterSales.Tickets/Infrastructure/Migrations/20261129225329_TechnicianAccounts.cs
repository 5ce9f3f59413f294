using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Tickets.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TechnicianAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "UserId",
                schema: "tickets",
                table: "Technicians",
                type: "uuid",
                nullable: true);

            // A database seeded before accounts were linked: the demo technician 张伟 gets the demo account, as a new one does.
            migrationBuilder.Sql(
                """
                UPDATE tickets."Technicians" SET "UserId" = '1d000000-0000-4000-8000-000000000003'
                WHERE "Id" = '0f000000-0000-4000-8000-000000000001' AND "UserId" IS NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Technicians_UserId",
                schema: "tickets",
                table: "Technicians",
                column: "UserId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Technicians_UserId",
                schema: "tickets",
                table: "Technicians");

            migrationBuilder.DropColumn(
                name: "UserId",
                schema: "tickets",
                table: "Technicians");
        }
    }
}
