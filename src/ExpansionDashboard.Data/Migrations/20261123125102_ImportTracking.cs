using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExpansionDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ImportBatchId",
                table: "Opportunities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ImportBatchId",
                table: "HealthSignals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ImportBatchId",
                table: "ExpansionTargets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ImportBatchId",
                table: "Accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: false),
                    TableName = table.Column<string>(type: "TEXT", nullable: false),
                    RowId = table.Column<long>(type: "INTEGER", nullable: false),
                    BeforeJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportChanges_ImportBatches_ImportBatchId",
                        column: x => x.ImportBatchId,
                        principalTable: "ImportBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RevenueLines_ImportBatchId",
                table: "RevenueLines",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_ImportBatchId",
                table: "Opportunities",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_ImportBatchId",
                table: "Accounts",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportChanges_ImportBatchId",
                table: "ImportChanges",
                column: "ImportBatchId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportChanges");

            migrationBuilder.DropIndex(
                name: "IX_RevenueLines_ImportBatchId",
                table: "RevenueLines");

            migrationBuilder.DropIndex(
                name: "IX_Opportunities_ImportBatchId",
                table: "Opportunities");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_ImportBatchId",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "ImportBatchId",
                table: "Opportunities");

            migrationBuilder.DropColumn(
                name: "ImportBatchId",
                table: "HealthSignals");

            migrationBuilder.DropColumn(
                name: "ImportBatchId",
                table: "ExpansionTargets");

            migrationBuilder.DropColumn(
                name: "ImportBatchId",
                table: "Accounts");
        }
    }
}
