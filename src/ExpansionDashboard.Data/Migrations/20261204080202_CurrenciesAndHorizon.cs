using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExpansionDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class CurrenciesAndHorizon : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RevenueLines_AccountId_Month_Product",
                table: "RevenueLines");

            migrationBuilder.AddColumn<string>(
                name: "Currency",
                table: "RevenueLines",
                type: "TEXT",
                maxLength: 3,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "HorizonMonth",
                table: "ImportBatches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FxRates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Rate = table.Column<decimal>(type: "TEXT", nullable: false),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FxRates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RevenueLines_AccountId_Month_Product_Currency",
                table: "RevenueLines",
                columns: new[] { "AccountId", "Month", "Product", "Currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FxRates_ImportBatchId",
                table: "FxRates",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_FxRates_Month_Currency",
                table: "FxRates",
                columns: new[] { "Month", "Currency" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FxRates");

            migrationBuilder.DropIndex(
                name: "IX_RevenueLines_AccountId_Month_Product_Currency",
                table: "RevenueLines");

            migrationBuilder.DropColumn(
                name: "Currency",
                table: "RevenueLines");

            migrationBuilder.DropColumn(
                name: "HorizonMonth",
                table: "ImportBatches");

            migrationBuilder.CreateIndex(
                name: "IX_RevenueLines_AccountId_Month_Product",
                table: "RevenueLines",
                columns: new[] { "AccountId", "Month", "Product" },
                unique: true);
        }
    }
}
