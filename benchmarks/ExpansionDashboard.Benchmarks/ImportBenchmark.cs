using System.Diagnostics;
using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Api;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ExpansionDashboard.Benchmarks;

/// <summary>
/// An mrr file (1,000,000 rows by default, about 47 MB) validated and committed through the real ImportService into a
/// migrated SQLite store, then the first summary right after it and the model load, against the sqlite3 shell doing
/// the same storage work on the same file in the same run (the anchor of issue 18: accounts plus lines with the
/// natural-key unique index). Wall time and CPU time are both reported: on a shared machine the CPU ratio is the
/// steadier of the two.
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
            Console.WriteLine($"import benchmark: {rows:N0} mrr rows, {accounts:N0} accounts, file {sizeMb:N1} MB, {Environment.ProcessorCount} cores");

            // Ours: a migrated store, the real service: parse, validate, plan against the store, one transaction.
            var dbPath = Path.Combine(folder, "dashboard.db");
            var options = StoreDialectOptions.For(Data.Sqlite.SqliteStoreDialect.Instance, $"Data Source={dbPath}");
            var factory = new StoreFactory(options);
            await new DatabaseMigrator(factory).MigrateAsync();
            using var snapshots = new DashboardSnapshotProvider(factory);
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            var service = new ImportService(factory, snapshots, TimeProvider.System, loggers.CreateLogger<ImportService>());
            var api = new MetricsApiQuery(snapshots, TimeProvider.System, new SettingsProvider(factory));

            // The summary is read once before, as a running app has its model for the old data when an import lands.
            _ = await api.SummaryAsync(null, new AccountFilter());
            var cpu = Cpu();
            var sw = Stopwatch.StartNew();
            ImportOutcome outcome;
            await using (var file = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
            {
                outcome = await service.CommitAsync(ImportKind.Mrr, file, "mrr.csv", "benchmark");
            }

            var ours = sw.Elapsed.TotalSeconds;
            var oursCpu = (Cpu() - cpu).TotalSeconds;

            // The first summary right after the import, as the API answers it.
            sw.Restart();
            var summary = await api.SummaryAsync(null, new AccountFilter());
            var firstSummary = sw.Elapsed.TotalMilliseconds;
            var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
            await using (var db = factory.CreateDbContext())
            {
                var stored = await db.RevenueLines.CountAsync();
                if (stored != rows || outcome.Inserted != rows)
                {
                    Console.WriteLine($"ERROR: {stored:N0} rows stored, {outcome.Inserted:N0} inserted, expected {rows:N0}");
                    return 1;
                }
            }

            // Loading the store into the metric model, each time into a provider with nothing cached.
            var loads = new List<double>();
            for (var r = 0; r < 3; r++)
            {
                using var fresh = new DashboardSnapshotProvider(factory);
                sw.Restart();
                _ = await fresh.GetAsync();
                loads.Add(sw.Elapsed.TotalMilliseconds);
            }

            loads.Sort();
            var load = loads[1];

            // Re-import of the same file: everything unchanged, nothing written.
            sw.Restart();
            await using (var file = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
            {
                var again = await service.CommitAsync(ImportKind.Mrr, file, "mrr.csv", "benchmark");
                Console.WriteLine($"re-import of the same file: {again.Unchanged:N0} unchanged, {again.Inserted + again.Updated} written, {sw.Elapsed.TotalSeconds:N1} s");
            }

            SqliteConnection.ClearAllPools();

            // sqlite3 CLI: .import into a bare table (no indexes, no validation).
            var bare = await Sqlite3Async(Path.Combine(folder, "bare.db"),
                "CREATE TABLE revenue(account_id TEXT, month TEXT, product TEXT, mrr TEXT, seats TEXT, plan TEXT);",
                ".mode csv",
                $".import --skip 1 {csv} revenue");

            // The anchor: sqlite3 loads the same file into the same shape — accounts, and lines with the natural-key
            // unique index — with plain SQL: the storage work ours does, without parsing rules, validation, diff or revert
            // bookkeeping.
            var anchor = await Sqlite3Async(Path.Combine(folder, "anchor.db"),
                "CREATE TABLE Accounts (Id INTEGER PRIMARY KEY AUTOINCREMENT, ExternalId TEXT NOT NULL, Name TEXT NOT NULL);",
                "CREATE UNIQUE INDEX IX_Accounts_ExternalId ON Accounts (ExternalId);",
                "CREATE TABLE RevenueLines (Id INTEGER PRIMARY KEY AUTOINCREMENT, AccountId INTEGER NOT NULL, Month TEXT NOT NULL, Product TEXT NOT NULL, Currency TEXT NOT NULL DEFAULT '', Mrr TEXT NOT NULL, Seats INTEGER, Plan TEXT);",
                "CREATE UNIQUE INDEX IX_RevenueLines_Key ON RevenueLines (AccountId, Month, Product, Currency);",
                "CREATE TEMP TABLE staging(account_id TEXT, month TEXT, product TEXT, mrr TEXT, seats TEXT, plan TEXT);",
                ".mode csv",
                $".import --skip 1 {csv} staging",
                "BEGIN;",
                "INSERT INTO Accounts (ExternalId, Name) SELECT DISTINCT account_id, account_id FROM staging;",
                "INSERT INTO RevenueLines (AccountId, Month, Product, Mrr, Seats, Plan) SELECT a.Id, s.month || '-01', s.product, s.mrr, CAST(s.seats AS INTEGER), s.plan FROM staging s JOIN Accounts a ON a.ExternalId = s.account_id;",
                "COMMIT;");

            // sqlite3 into the app's own migrated schema (every index and foreign key the app has).
            var same = Path.Combine(folder, "same-schema.db");
            await new DatabaseMigrator(new StoreFactory(StoreDialectOptions.For(Data.Sqlite.SqliteStoreDialect.Instance, $"Data Source={same}"))).MigrateAsync();
            SqliteConnection.ClearAllPools();
            var sameSchema = await Sqlite3Async(same,
                "PRAGMA foreign_keys = ON;",
                "CREATE TEMP TABLE staging(account_id TEXT, month TEXT, product TEXT, mrr TEXT, seats TEXT, plan TEXT);",
                ".mode csv",
                $".import --skip 1 {csv} staging",
                "BEGIN;",
                "INSERT INTO Accounts (ExternalId, Name, Segment, Industry, Region, Csm) SELECT DISTINCT account_id, account_id, '', '', '', '' FROM staging;",
                "INSERT INTO RevenueLines (AccountId, Month, Product, Mrr, Seats, Plan) SELECT a.Id, s.month || '-01', s.product, s.mrr, CAST(s.seats AS INTEGER), s.plan FROM staging s JOIN Accounts a ON a.ExternalId = s.account_id;",
                "COMMIT;");
            if (bare is null || anchor is null || sameSchema is null)
            {
                return 1;
            }

            Console.WriteLine();
            Console.WriteLine($"| measure ({rows:N0} rows) | wall | CPU | ours ÷ this (wall / CPU) |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| **ours**: validate + commit {outcome.Inserted:N0} rows (+{outcome.NewAccounts:N0} accounts) through ImportService | {ours:N2} s | {oursCpu:N2} s | |");
            Console.WriteLine($"| **anchor**: sqlite3, accounts + lines with the natural-key unique index | {anchor.Value.Wall:N2} s | {anchor.Value.Cpu:N2} s | **{ours / anchor.Value.Wall:N2}** / {oursCpu / anchor.Value.Cpu:N2} |");
            Console.WriteLine($"| sqlite3 into the app's migrated schema (all its indexes and foreign keys) | {sameSchema.Value.Wall:N2} s | {sameSchema.Value.Cpu:N2} s | {ours / sameSchema.Value.Wall:N2} / {oursCpu / sameSchema.Value.Cpu:N2} |");
            Console.WriteLine($"| sqlite3 .import into a bare table (no index) | {bare.Value.Wall:N2} s | {bare.Value.Cpu:N2} s | {ours / bare.Value.Wall:N2} / {oursCpu / bare.Value.Cpu:N2} |");
            Console.WriteLine($"| first summary right after the import (API query) | {firstSummary:N0} ms | | |");
            Console.WriteLine($"| model load from the store (median of 3) | {load:N0} ms | | {load / (rows / 1_000_000.0):N0} ms per million rows |");
            Console.WriteLine($"| peak working set (ours, through the first summary) | {peakMb:N0} MB | | |");
            Console.WriteLine($"summary: MRR {summary.Mrr:N2} at {summary.Month}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>CPU seconds of the reaped child processes (the sqlite3 shells): an exited process has no /proc entry to ask.</summary>
    private static double ChildrenCpuSeconds() =>
        Native.getrusage(-1, out var u) == 0 ? u.UserSeconds + (u.UserMicros / 1e6) + u.SystemSeconds + (u.SystemMicros / 1e6) : double.NaN;

    private static class Native
    {
        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        public static extern int getrusage(int who, out RUsage usage);
    }

    /// <summary>The head of struct rusage on 64-bit Linux: user and system time as timevals, then counters.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicros;
        public long SystemSeconds;
        public long SystemMicros;
        public long Rest0, Rest1, Rest2, Rest3, Rest4, Rest5, Rest6, Rest7, Rest8, Rest9, Rest10, Rest11, Rest12, Rest13;
    }

    /// <summary>Runs the sqlite3 shell on <paramref name="db"/>; its wall and CPU seconds, or null when it failed.</summary>
    private static async Task<(double Wall, double Cpu)?> Sqlite3Async(string db, params string[] commands)
    {
        var psi = new ProcessStartInfo("sqlite3", [db])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var childCpu = ChildrenCpuSeconds();
        var sw = Stopwatch.StartNew();
        using var sqlite = Process.Start(psi)!;
        foreach (var c in commands)
        {
            await sqlite.StandardInput.WriteLineAsync(c);
        }

        await sqlite.StandardInput.WriteLineAsync(".quit");
        sqlite.StandardInput.Close();
        var err = await sqlite.StandardError.ReadToEndAsync();
        await sqlite.WaitForExitAsync();
        var wall = sw.Elapsed.TotalSeconds;
        var cpu = ChildrenCpuSeconds() - childCpu;
        if (sqlite.ExitCode != 0 || err.Length > 0)
        {
            Console.WriteLine($"sqlite3 failed: {err}");
            return null;
        }

        return (wall, cpu);
    }
}
