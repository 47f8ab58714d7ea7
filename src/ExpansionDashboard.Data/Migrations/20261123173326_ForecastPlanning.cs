using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExpansionDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ForecastPlanning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OpportunityStageHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OpportunityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SeenOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpportunityStageHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpportunityStageHistory_Opportunities_OpportunityId",
                        column: x => x.OpportunityId,
                        principalTable: "Opportunities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlannerScenarios",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Quarter = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Segment = table.Column<string>(type: "TEXT", nullable: true),
                    Target = table.Column<decimal>(type: "TEXT", nullable: false),
                    WinRate = table.Column<decimal>(type: "TEXT", nullable: false),
                    ExtraPipeline = table.Column<decimal>(type: "TEXT", nullable: false),
                    ShowInReview = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlannerScenarios", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OpportunityStageHistory_ImportBatchId",
                table: "OpportunityStageHistory",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_OpportunityStageHistory_OpportunityId_SeenOn",
                table: "OpportunityStageHistory",
                columns: new[] { "OpportunityId", "SeenOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PlannerScenarios_Quarter",
                table: "PlannerScenarios",
                column: "Quarter");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OpportunityStageHistory");

            migrationBuilder.DropTable(
                name: "PlannerScenarios");
        }
    }
}
