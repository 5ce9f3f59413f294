using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Tickets.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class EscalationJobIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_Unsignalled_DueAt",
                schema: "tickets",
                table: "SlaClocks",
                column: "DueAt",
                filter: "\"BreachSignalledAt\" IS NULL AND (\"StoppedAt\" IS NULL OR \"StoppedAt\" > \"DueAt\")");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_Unsignalled_DueAt",
                schema: "tickets",
                table: "SlaClocks");
        }
    }
}
