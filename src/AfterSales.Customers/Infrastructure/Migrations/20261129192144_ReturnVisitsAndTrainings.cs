using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ReturnVisitsAndTrainings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReturnVisitPlans",
                schema: "customers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServingStationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IntervalMonths = table.Column<int>(type: "integer", nullable: false),
                    PlannedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PlannedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnVisitPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnVisitPlans_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalSchema: "customers",
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Trainings",
                schema: "customers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServingStationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Trainer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PlannedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PlannedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    Attendees = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Trainings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Trainings_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalSchema: "customers",
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReturnVisits",
                schema: "customers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServingStationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Satisfaction = table.Column<int>(type: "integer", nullable: true),
                    RecordDocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnVisits_ReturnVisitPlans_PlanId",
                        column: x => x.PlanId,
                        principalSchema: "customers",
                        principalTable: "ReturnVisitPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReturnVisitPlans_CustomerId",
                schema: "customers",
                table: "ReturnVisitPlans",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnVisits_CustomerId",
                schema: "customers",
                table: "ReturnVisits",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnVisits_DueOn_Id",
                schema: "customers",
                table: "ReturnVisits",
                columns: new[] { "DueOn", "Id" },
                filter: "\"DoneAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnVisits_PlanId",
                schema: "customers",
                table: "ReturnVisits",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnVisits_ServingStationId_DueOn",
                schema: "customers",
                table: "ReturnVisits",
                columns: new[] { "ServingStationId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Trainings_CustomerId",
                schema: "customers",
                table: "Trainings",
                column: "CustomerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReturnVisits",
                schema: "customers");

            migrationBuilder.DropTable(
                name: "Trainings",
                schema: "customers");

            migrationBuilder.DropTable(
                name: "ReturnVisitPlans",
                schema: "customers");
        }
    }
}
