using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Documents.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OwnerStation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArchivedDocuments_TemplateCode_SubjectId_Sha256",
                schema: "documents",
                table: "ArchivedDocuments");

            migrationBuilder.AddColumn<Guid>(
                name: "OwnerStationId",
                schema: "documents",
                table: "ArchivedDocuments",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArchivedDocuments_TemplateCode_SubjectId_Sha256_OwnerStatio~",
                schema: "documents",
                table: "ArchivedDocuments",
                columns: new[] { "TemplateCode", "SubjectId", "Sha256", "OwnerStationId" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArchivedDocuments_TemplateCode_SubjectId_Sha256_OwnerStatio~",
                schema: "documents",
                table: "ArchivedDocuments");

            migrationBuilder.DropColumn(
                name: "OwnerStationId",
                schema: "documents",
                table: "ArchivedDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_ArchivedDocuments_TemplateCode_SubjectId_Sha256",
                schema: "documents",
                table: "ArchivedDocuments",
                columns: new[] { "TemplateCode", "SubjectId", "Sha256" },
                unique: true);
        }
    }
}
