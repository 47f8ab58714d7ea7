using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExpansionDashboard.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AlertRuleSoftDelete : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AlertFirings_AlertRules_RuleId",
                table: "AlertFirings");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedUtc",
                table: "AlertRules",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_AlertFirings_AlertRules_RuleId",
                table: "AlertFirings",
                column: "RuleId",
                principalTable: "AlertRules",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AlertFirings_AlertRules_RuleId",
                table: "AlertFirings");

            migrationBuilder.DropColumn(
                name: "DeletedUtc",
                table: "AlertRules");

            migrationBuilder.AddForeignKey(
                name: "FK_AlertFirings_AlertRules_RuleId",
                table: "AlertFirings",
                column: "RuleId",
                principalTable: "AlertRules",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
