using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Documents.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "documents");

            migrationBuilder.CreateTable(
                name: "Templates",
                schema: "documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    SubjectKind = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Templates", x => x.Id);
                    table.UniqueConstraint("AK_Templates_Code", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ArchivedDocuments",
                schema: "documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TemplateVersion = table.Column<int>(type: "integer", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    MediaType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchivedDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArchivedDocuments_Templates_TemplateCode",
                        column: x => x.TemplateCode,
                        principalSchema: "documents",
                        principalTable: "Templates",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArchivedDocuments_TemplateCode_SubjectId_Sha256",
                schema: "documents",
                table: "ArchivedDocuments",
                columns: new[] { "TemplateCode", "SubjectId", "Sha256" },
                unique: true);

            // Written by hand: the model gives no way to change an archived copy, and the database refuses
            // it too, whoever connects. Deleting stays possible for retention (and for resetting test data).
            migrationBuilder.Sql("""
                CREATE FUNCTION documents.refuse_archived_document_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'Archived document % is immutable.', OLD."Id" USING ERRCODE = 'restrict_violation';
                END
                $$;
                CREATE TRIGGER archived_documents_are_immutable BEFORE UPDATE ON documents."ArchivedDocuments"
                    FOR EACH ROW EXECUTE FUNCTION documents.refuse_archived_document_update();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION documents.refuse_archived_document_update() CASCADE;");

            migrationBuilder.DropTable(
                name: "ArchivedDocuments",
                schema: "documents");

            migrationBuilder.DropTable(
                name: "Templates",
                schema: "documents");
        }
    }
}
