using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Documents.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SubjectStation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArchivedDocuments_TemplateCode_SubjectId_Sha256_OwnerStatio~",
                schema: "documents",
                table: "ArchivedDocuments");

            migrationBuilder.AddColumn<Guid>(
                name: "SubjectStationId",
                schema: "documents",
                table: "ArchivedDocuments",
                type: "uuid",
                nullable: true);

            // Copies archived before: a station's own copy stays readable by it (its subject was taken to be its
            // own); the subjects of staff copies cannot be resolved from here, so those stay for staff only.
            // Archived copies refuse every update, so the trigger steps aside for this one, inside the migration's
            // transaction.
            migrationBuilder.Sql("""
                ALTER TABLE documents."ArchivedDocuments" DISABLE TRIGGER archived_documents_are_immutable;
                UPDATE documents."ArchivedDocuments" SET "SubjectStationId" = "OwnerStationId" WHERE "OwnerStationId" IS NOT NULL;
                ALTER TABLE documents."ArchivedDocuments" ENABLE TRIGGER archived_documents_are_immutable;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ArchivedDocuments_TemplateCode_SubjectId_Sha256_SubjectStat~",
                schema: "documents",
                table: "ArchivedDocuments",
                columns: new[] { "TemplateCode", "SubjectId", "Sha256", "SubjectStationId" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArchivedDocuments_TemplateCode_SubjectId_Sha256_SubjectStat~",
                schema: "documents",
                table: "ArchivedDocuments");

            migrationBuilder.DropColumn(
                name: "SubjectStationId",
                schema: "documents",
                table: "ArchivedDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_ArchivedDocuments_TemplateCode_SubjectId_Sha256_OwnerStatio~",
                schema: "documents",
                table: "ArchivedDocuments",
                columns: new[] { "TemplateCode", "SubjectId", "Sha256", "OwnerStationId" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }
    }
}
