using System.Diagnostics;
using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Snapshot;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ExpansionDashboard.Benchmarks;

/// <summary>
/// 1,000,000 mrr rows (about 40 MB) validated and committed through the real ImportService into a migrated store,
/// against the sqlite3 command-line .import of the same file into a bare table, in one run.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(int rows)
    {
        var folder = Directory.CreateTempSubdirectory("ed-import-bench").FullName;
        try
        {
            var csv = Path.Combine(folder, "mrr.csv");
            var accounts = await MrrFile.WriteAsync(csv, rows);

            var sizeMb = new FileInfo(csv).Length / 1024.0 / 1024.0;
            Console.WriteLine($"import benchmark: {rows:N0} mrr rows, {accounts:N0} accounts, file {sizeMb:N1} MB");

            // Ours: a migrated store, the real service: parse, validate, plan against the store, one transaction.
            var dbPath = Path.Combine(folder, "dashboard.db");
            var options = StoreDialectOptions.For(Data.Sqlite.SqliteStoreDialect.Instance, $"Data Source={dbPath}");
            var factory = new StoreFactory(options);
            await new DatabaseMigrator(factory).MigrateAsync();
            using var snapshots = new DashboardSnapshotProvider(factory);
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            var service = new ImportService(factory, snapshots, TimeProvider.System, loggers.CreateLogger<ImportService>());
            var sw = Stopwatch.StartNew();
            ImportOutcome outcome;
            await using (var file = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
            {
                outcome = await service.CommitAsync(ImportKind.Mrr, file, "mrr.csv", "benchmark");
            }

            var ours = sw.Elapsed.TotalSeconds;
            var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
            await using (var db = factory.CreateDbContext())
            {
                var stored = await db.RevenueLines.CountAsync();
                if (stored != rows)
                {
                    Console.WriteLine($"ERROR: {stored:N0} rows stored, expected {rows:N0}");
                    return 1;
                }
            }

            // Re-import of the same file: everything unchanged, nothing written.
            sw.Restart();
            await using (var file = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
            {
                var again = await service.CommitAsync(ImportKind.Mrr, file, "mrr.csv", "benchmark");
                Console.WriteLine($"re-import of the same file: {again.Unchanged:N0} unchanged, {again.Inserted + again.Updated} written, {sw.Elapsed.TotalSeconds:N1} s");
            }

            SqliteConnection.ClearAllPools();

            // sqlite3 CLI: .import into a bare table (no indexes, no validation).
            var bare = Path.Combine(folder, "bare.db");
            sw.Restart();
            if (!await Sqlite3Async(bare,
                    "CREATE TABLE revenue(account_id TEXT, month TEXT, product TEXT, mrr TEXT, seats TEXT, plan TEXT);",
                    ".mode csv",
                    $".import --skip 1 {csv} revenue"))
            {
                return 1;
            }

            var cli = sw.Elapsed.TotalSeconds;

            // sqlite3 CLI into the app's own schema (same tables, unique key and indexes) with plain SQL: the same
            // storage work as ours without parsing rules, validation, diff or revert bookkeeping.
            var same = Path.Combine(folder, "same-schema.db");
            var sameOptions = StoreDialectOptions.For(Data.Sqlite.SqliteStoreDialect.Instance, $"Data Source={same}");
            await new DatabaseMigrator(new StoreFactory(sameOptions)).MigrateAsync();
            SqliteConnection.ClearAllPools();
            sw.Restart();
            var sameSchema = await Sqlite3Async(same,
                "CREATE TEMP TABLE staging(account_id TEXT, month TEXT, product TEXT, mrr TEXT, seats TEXT, plan TEXT);",
                ".mode csv",
                $".import --skip 1 {csv} staging",
                "BEGIN;",
                "INSERT INTO Accounts (ExternalId, Name, Segment, Industry, Region, Csm) SELECT DISTINCT account_id, account_id, '', '', '', '' FROM staging;",
                "INSERT INTO RevenueLines (AccountId, Month, Product, Mrr, Seats, Plan) SELECT a.Id, s.month || '-01', s.product, s.mrr, CAST(s.seats AS INTEGER), s.plan FROM staging s JOIN Accounts a ON a.ExternalId = s.account_id;",
                "COMMIT;");
            if (!sameSchema)
            {
                return 1;
            }

            var cliSame = sw.Elapsed.TotalSeconds;
            Console.WriteLine();
            Console.WriteLine("| measure | time | ratio to sqlite3 |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine($"| ours: validate + commit {outcome.Inserted:N0} rows (+{outcome.NewAccounts:N0} accounts) through ImportService | {ours:N1} s | {ours / cli:N2} |");
            Console.WriteLine($"| sqlite3 CLI .import into a bare table | {cli:N1} s | 1.00 |");
            Console.WriteLine($"| sqlite3 CLI into the app's schema (staging + INSERT…SELECT, same indexes, no validation) | {cliSame:N1} s | {cliSame / cli:N2} (ours is {ours / cliSame:N2}× this) |");
            Console.WriteLine($"| peak working set (ours) | {peakMb:N0} MB | |");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<bool> Sqlite3Async(string db, params string[] commands)
    {
        var psi = new ProcessStartInfo("sqlite3", [db])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var sqlite = Process.Start(psi)!;
        foreach (var c in commands)
        {
            await sqlite.StandardInput.WriteLineAsync(c);
        }

        await sqlite.StandardInput.WriteLineAsync(".quit");
        sqlite.StandardInput.Close();
        await sqlite.WaitForExitAsync();
        var err = await sqlite.StandardError.ReadToEndAsync();
        if (sqlite.ExitCode != 0 || err.Length > 0)
        {
            Console.WriteLine($"sqlite3 failed: {err}");
            return false;
        }

        return true;
    }
}
