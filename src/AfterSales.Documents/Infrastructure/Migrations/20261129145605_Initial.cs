using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Documents.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "documents");

            migrationBuilder.CreateTable(
                name: "AuditEntry",
                schema: "documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActorStationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Operation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntityId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Change = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ValuesJson = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntry", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecord",
                schema: "documents",
                columns: table => new
                {
                    Caller = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Method = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequestHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    Response = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecord", x => new { x.Caller, x.Method, x.RequestId });
                });

            migrationBuilder.CreateTable(
                name: "InboxMessage",
                schema: "documents",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxMessage", x => x.EventId);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessage",
                schema: "documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Payload = table.Column<byte[]>(type: "bytea", nullable: false),
                    TraceParent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessage", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ParkedEvent",
                schema: "documents",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Payload = table.Column<byte[]>(type: "bytea", nullable: false),
                    TraceParent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Error = table.Column<string>(type: "text", nullable: false),
                    Deliveries = table.Column<int>(type: "integer", nullable: false),
                    ParkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParkedEvent", x => x.EventId);
                });

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
                    OwnerStationId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubjectStationId = table.Column<Guid>(type: "uuid", nullable: true),
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
                name: "IX_ArchivedDocuments_TemplateCode_SubjectId_Sha256_SubjectStat~",
                schema: "documents",
                table: "ArchivedDocuments",
                columns: new[] { "TemplateCode", "SubjectId", "Sha256", "SubjectStationId" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntry_EntityId",
                schema: "documents",
                table: "AuditEntry",
                column: "EntityId");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecord_CreatedAt",
                schema: "documents",
                table: "IdempotencyRecord",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessage_ProcessedAt",
                schema: "documents",
                table: "InboxMessage",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessage_CreatedAt",
                schema: "documents",
                table: "OutboxMessage",
                column: "CreatedAt",
                filter: "\"PublishedAt\" IS NULL");

            // Archived copies are evidence (signed vouchers, certificates): the database itself refuses to change one.
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
                name: "AuditEntry",
                schema: "documents");

            migrationBuilder.DropTable(
                name: "IdempotencyRecord",
                schema: "documents");

            migrationBuilder.DropTable(
                name: "InboxMessage",
                schema: "documents");

            migrationBuilder.DropTable(
                name: "OutboxMessage",
                schema: "documents");

            migrationBuilder.DropTable(
                name: "ParkedEvent",
                schema: "documents");

            migrationBuilder.DropTable(
                name: "Templates",
                schema: "documents");
        }
    }
}
