using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Data.Tests;

/// <summary>A hash of every row of every data table: equal hashes mean equal stores.</summary>
public static class StoreChecksum
{
    public static readonly string[] Tables = ["Accounts", "RevenueLines", "Opportunities", "ExpansionTargets", "HealthSignals", "ImportBatches", "ImportChanges", "StoreMeta", "FxRates"];

    public static async Task<string> OfAsync(IDbContextFactory<DashboardDbContext> factory, CancellationToken ct)
    {
        await using var ctx = await factory.CreateDbContextAsync(ct);
        var connection = ctx.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        var sb = new StringBuilder();
        foreach (var table in Tables)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            sb.Append(table).Append('|');
            while (await reader.ReadAsync(ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    sb.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append(';');
                }

                sb.Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
