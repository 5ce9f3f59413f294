using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PlatformTableIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_InboxMessage_ProcessedAt",
                schema: "customers",
                table: "InboxMessage",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecord_CreatedAt",
                schema: "customers",
                table: "IdempotencyRecord",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InboxMessage_ProcessedAt",
                schema: "customers",
                table: "InboxMessage");

            migrationBuilder.DropIndex(
                name: "IX_IdempotencyRecord_CreatedAt",
                schema: "customers",
                table: "IdempotencyRecord");
        }
    }
}
