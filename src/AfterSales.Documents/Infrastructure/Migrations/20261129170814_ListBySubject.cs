using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Documents.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ListBySubject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ArchivedDocuments_SubjectId_Id",
                schema: "documents",
                table: "ArchivedDocuments",
                columns: new[] { "SubjectId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ArchivedDocuments_SubjectId_Id",
                schema: "documents",
                table: "ArchivedDocuments");
        }
    }
}
