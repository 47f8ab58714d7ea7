using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExpansionDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportSource : Migration
    {
        /// <inheritdoc />
        // Batches from before the column came from files (or the demo, which revert recognises by its kind).
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "ImportBatches",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "File");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Source",
                table: "ImportBatches");
        }
    }
}
