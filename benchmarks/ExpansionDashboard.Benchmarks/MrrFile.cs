using System.Globalization;
using System.Text;
using ExpansionDashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace ExpansionDashboard.Benchmarks;

/// <summary>The benchmarks' deterministic mrr file: 50 months per account from 2020-01, seeded amounts and seats.</summary>
internal static class MrrFile
{
    /// <summary>Writes <paramref name="rows"/> data rows and returns how many accounts they cover.</summary>
    public static async Task<int> WriteAsync(string csv, int rows)
    {
        var accounts = Math.Max(1, rows / 50);
        await using var writer = new StreamWriter(csv, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteLineAsync("account_id,month,product,mrr,seats,plan");
        var rng = new Random(7);
        for (var i = 0; i < rows; i++)
        {
            var a = i % accounts;
            var m = i / accounts;
            var month = new DateOnly(2020, 1, 1).AddMonths(m);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"ACC-{a:D6},{month:yyyy-MM},Core Platform,{rng.Next(1000, 500000) / 100m:0.00},{rng.Next(1, 400)},Plus"));
        }

        return accounts;
    }

    /// <summary>The same file with every MRR one cent higher: an import of it updates every row.</summary>
    public static async Task ChangeEveryMrrAsync(string source, string target)
    {
        using var reader = new StreamReader(source);
        await using var writer = new StreamWriter(target, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteLineAsync(await reader.ReadLineAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            var f = line.Split(',');
            f[3] = (decimal.Parse(f[3], CultureInfo.InvariantCulture) + 0.01m).ToString("0.00", CultureInfo.InvariantCulture);
            await writer.WriteLineAsync(string.Join(',', f));
        }
    }
}

/// <summary>A context factory over fixed options, for stores the benchmarks create themselves.</summary>
internal sealed class StoreFactory(DbContextOptions<DashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext() => new(options);
}
