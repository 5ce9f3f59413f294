using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Projects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "ProjectNumbers",
                schema: "customers");

            migrationBuilder.AddColumn<Guid>(
                name: "CertificateDocumentId",
                schema: "customers",
                table: "Assets",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CertificateIssuedAt",
                schema: "customers",
                table: "Assets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ProjectId",
                schema: "customers",
                table: "Assets",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Projects",
                schema: "customers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServingStationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeliveryMode = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ShippedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PickupOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ShipmentDay = table.Column<DateOnly>(type: "date", nullable: true),
                    DeliveryNoticeDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeliveryNoticeSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeliveryNoticeDocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    InstalledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    InstallationReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    CommissionedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CommissioningReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AcceptanceReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Projects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Projects_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalSchema: "customers",
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Projects_Site_SiteId",
                        column: x => x.SiteId,
                        principalSchema: "customers",
                        principalTable: "Site",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assets_ProjectId",
                schema: "customers",
                table: "Assets",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Code",
                schema: "customers",
                table: "Projects",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Projects_CustomerId",
                schema: "customers",
                table: "Projects",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_DeliveryNoticeDueAt",
                schema: "customers",
                table: "Projects",
                column: "DeliveryNoticeDueAt",
                filter: "\"DeliveryNoticeSentAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_ServingStationId_Id",
                schema: "customers",
                table: "Projects",
                columns: new[] { "ServingStationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_SiteId",
                schema: "customers",
                table: "Projects",
                column: "SiteId");

            migrationBuilder.AddForeignKey(
                name: "FK_Assets_Projects_ProjectId",
                schema: "customers",
                table: "Assets",
                column: "ProjectId",
                principalSchema: "customers",
                principalTable: "Projects",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Assets_Projects_ProjectId",
                schema: "customers",
                table: "Assets");

            migrationBuilder.DropTable(
                name: "Projects",
                schema: "customers");

            migrationBuilder.DropIndex(
                name: "IX_Assets_ProjectId",
                schema: "customers",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "CertificateDocumentId",
                schema: "customers",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "CertificateIssuedAt",
                schema: "customers",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                schema: "customers",
                table: "Assets");

            migrationBuilder.DropSequence(
                name: "ProjectNumbers",
                schema: "customers");
        }
    }
}
