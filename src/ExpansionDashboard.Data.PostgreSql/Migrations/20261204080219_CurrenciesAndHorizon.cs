using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ExpansionDashboard.Data.PostgreSql.Migrations
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
                type: "character varying(3)",
                maxLength: 3,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "HorizonMonth",
                table: "ImportBatches",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FxRates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Rate = table.Column<decimal>(type: "numeric", nullable: false),
                    ImportBatchId = table.Column<long>(type: "bigint", nullable: true)
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
