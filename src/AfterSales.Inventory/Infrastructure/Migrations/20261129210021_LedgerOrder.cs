using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Inventory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class LedgerOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Movements_WarehouseId_Id",
                schema: "inventory",
                table: "Movements");

            migrationBuilder.DropIndex(
                name: "IX_Movements_WarehouseId_PartId_Id",
                schema: "inventory",
                table: "Movements");

            migrationBuilder.CreateIndex(
                name: "IX_Movements_Kind_BookedAt",
                schema: "inventory",
                table: "Movements",
                columns: new[] { "Kind", "BookedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Movements_WarehouseId_BookedAt_Id",
                schema: "inventory",
                table: "Movements",
                columns: new[] { "WarehouseId", "BookedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Movements_WarehouseId_PartId_BookedAt_Id",
                schema: "inventory",
                table: "Movements",
                columns: new[] { "WarehouseId", "PartId", "BookedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Movements_Kind_BookedAt",
                schema: "inventory",
                table: "Movements");

            migrationBuilder.DropIndex(
                name: "IX_Movements_WarehouseId_BookedAt_Id",
                schema: "inventory",
                table: "Movements");

            migrationBuilder.DropIndex(
                name: "IX_Movements_WarehouseId_PartId_BookedAt_Id",
                schema: "inventory",
                table: "Movements");

            migrationBuilder.CreateIndex(
                name: "IX_Movements_WarehouseId_Id",
                schema: "inventory",
                table: "Movements",
                columns: new[] { "WarehouseId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Movements_WarehouseId_PartId_Id",
                schema: "inventory",
                table: "Movements",
                columns: new[] { "WarehouseId", "PartId", "Id" });
        }
    }
}
