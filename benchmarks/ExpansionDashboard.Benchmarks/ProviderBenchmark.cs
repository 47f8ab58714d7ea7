using System.Diagnostics;
using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Engine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ExpansionDashboard.Benchmarks;

/// <summary>
/// The same 1,000,000-row mrr file imported through the real ImportService into a fresh SQLite store and a fresh
/// PostgreSQL database, then the full metric recompute on each: loading the store into the in-memory model (the part
/// that reads the database) and FullRecompute over it. PostgreSQL's own `COPY` of the file into a bare table is the
/// floor, as `sqlite3 .import` is for SQLite in the import benchmark.
/// </summary>
internal static class ProviderBenchmark
{
    public static async Task<int> RunAsync(int rows, string? postgres, int runs)
    {
        Data.PostgreSql.PostgreSqlStoreDialect.UseLegacyTimestamps();
        postgres ??= Environment.GetEnvironmentVariable("DASHBOARD_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            Console.WriteLine("No PostgreSQL server: pass --postgres \"Host=…\" or run `eval \"$(scripts/pg-cluster.sh start)\"` first.");
            return 1;
        }

        var folder = Directory.CreateTempSubdirectory("ed-provider-bench").FullName;
        var pgName = "ed_bench_" + Guid.NewGuid().ToString("N");
        var pgStore = new NpgsqlConnectionStringBuilder(postgres) { Database = pgName }.ToString();
        try
        {
            var csv = Path.Combine(folder, "mrr.csv");
            var accounts = await MrrFile.WriteAsync(csv, rows);
            Console.WriteLine($"provider benchmark: {rows:N0} mrr rows, {accounts:N0} accounts, {new FileInfo(csv).Length / 1024.0 / 1024.0:N1} MB, {Environment.ProcessorCount} cores");
            await using (var c = new NpgsqlConnection(postgres))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand("SELECT version()", c);
                Console.WriteLine($"PostgreSQL: {await cmd.ExecuteScalarAsync()}");
                cmd.CommandText = "SELECT current_setting('fsync') || ' fsync, ' || current_setting('synchronous_commit') || ' synchronous_commit, shared_buffers ' || current_setting('shared_buffers')";
                Console.WriteLine($"PostgreSQL settings: {await cmd.ExecuteScalarAsync()}");
            }

            var changedCsv = Path.Combine(folder, "mrr-changed.csv");
            await MrrFile.ChangeEveryMrrAsync(csv, changedCsv);
            var results = new List<(string Provider, double Import, double Reimport, double Update, double Revert, double Load, double Recompute)>();
            foreach (var (name, provider, cs) in new[]
            {
                ("SQLite", DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "dashboard.db")}"),
                ("PostgreSQL", DatabaseProvider.PostgreSql, pgStore),
            })
            {
                IStoreDialect dialect = provider == DatabaseProvider.PostgreSql ? Data.PostgreSql.PostgreSqlStoreDialect.Instance : Data.Sqlite.SqliteStoreDialect.Instance;
                var factory = new StoreFactory(StoreDialectOptions.For(dialect, cs));
                await new DatabaseMigrator(factory).MigrateAsync();
                using var snapshots = new DashboardSnapshotProvider(factory);
                var service = new ImportService(factory, snapshots, TimeProvider.System, new PhaseLogger(name));

                var sw = Stopwatch.StartNew();
                ImportOutcome outcome;
                await using (var file = File.OpenRead(csv))
                {
                    outcome = await service.CommitAsync(ImportKind.Mrr, file, "mrr.csv", "benchmark");
                }

                var import = sw.Elapsed.TotalSeconds;
                sw.Restart();
                await using (var file = File.OpenRead(csv))
                {
                    var again = await service.CommitAsync(ImportKind.Mrr, file, "mrr.csv", "benchmark");
                    if (again.Unchanged != rows)
                    {
                        Console.WriteLine($"ERROR: re-import on {name} left {again.Unchanged:N0} unchanged, expected {rows:N0}");
                        return 1;
                    }
                }

                var reimport = sw.Elapsed.TotalSeconds;

                // Every row changed: the update path (and its revert bookkeeping), then the revert of that batch.
                sw.Restart();
                ImportOutcome changed;
                await using (var file = File.OpenRead(changedCsv))
                {
                    changed = await service.CommitAsync(ImportKind.Mrr, file, "mrr-changed.csv", "benchmark");
                }

                var update = sw.Elapsed.TotalSeconds;
                sw.Restart();
                await service.RevertAsync(changed.BatchId, "benchmark");
                var revert = sw.Elapsed.TotalSeconds;
                if (changed.Updated != rows)
                {
                    Console.WriteLine($"ERROR: the changed file updated {changed.Updated:N0} rows on {name}, expected {rows:N0}");
                    return 1;
                }

                if (outcome.Inserted != rows)
                {
                    Console.WriteLine($"ERROR: {name} stored {outcome.Inserted:N0} rows, expected {rows:N0}");
                    return 1;
                }

                // Full recompute: each run loads the store into a fresh model (a new provider has no cache) and recomputes.
                var loads = new List<double>();
                var recomputes = new List<double>();
                decimal? nrr = null;
                for (var r = 0; r <= runs; r++)
                {
                    using var fresh = new DashboardSnapshotProvider(factory);
                    sw.Restart();
                    var snap = await fresh.GetAsync();
                    var load = sw.Elapsed.TotalMilliseconds;
                    sw.Restart();
                    var full = FullRecompute.Run(snap.Revenue);
                    var recompute = sw.Elapsed.TotalMilliseconds;
                    nrr = full.Trailing12.Count > 0 ? full.Trailing12[^1].Nrr : null;
                    if (r > 0)
                    {
                        loads.Add(load);
                        recomputes.Add(recompute);
                    }
                }

                Console.WriteLine($"{name}: import {import:N1} s, re-import {reimport:N1} s, update all {update:N1} s, revert {revert:N1} s, load median {Median(loads):N0} ms, recompute median {Median(recomputes):N0} ms, last T12M NRR {nrr:N4}");
                results.Add((name, import, reimport, update, revert, Median(loads), Median(recomputes)));
                if (provider == DatabaseProvider.Sqlite)
                {
                    SqliteConnection.ClearAllPools();
                }
            }

            // The floor on PostgreSQL: COPY of the same CSV into a bare table (no index, no validation), from this process.
            double copy;
            await using (var c = new NpgsqlConnection(pgStore))
            {
                await c.OpenAsync();
                await using (var create = new NpgsqlCommand("CREATE TABLE bare (account_id text, month text, product text, mrr text, seats text, plan text)", c))
                {
                    await create.ExecuteNonQueryAsync();
                }

                var sw = Stopwatch.StartNew();
                await using (var writer = await c.BeginTextImportAsync("COPY bare FROM STDIN (FORMAT csv, HEADER true)"))
                {
                    using var reader = new StreamReader(csv);
                    var buffer = new char[1 << 16];
                    int n;
                    while ((n = await reader.ReadAsync(buffer)) > 0)
                    {
                        await writer.WriteAsync(buffer.AsMemory(0, n));
                    }
                }

                copy = sw.Elapsed.TotalSeconds;
            }

            Console.WriteLine();
            Console.WriteLine($"| measure ({rows:N0} rows) | SQLite | PostgreSQL |");
            Console.WriteLine("|---|---|---|");
            Console.WriteLine($"| import through ImportService (validate, diff, one transaction) | {results[0].Import:N1} s | {results[1].Import:N1} s |");
            Console.WriteLine($"| re-import of the same file (all unchanged) | {results[0].Reimport:N1} s | {results[1].Reimport:N1} s |");
            Console.WriteLine($"| import of a file that changes every row ({rows:N0} updates) | {results[0].Update:N1} s | {results[1].Update:N1} s |");
            Console.WriteLine($"| revert of that batch | {results[0].Revert:N1} s | {results[1].Revert:N1} s |");
            Console.WriteLine($"| load the store into the metric model (median of {runs}) | {results[0].Load:N0} ms | {results[1].Load:N0} ms |");
            Console.WriteLine($"| full metric recompute on that model (median of {runs}) | {results[0].Recompute:N0} ms | {results[1].Recompute:N0} ms |");
            Console.WriteLine($"| load + recompute | {results[0].Load + results[0].Recompute:N0} ms | {results[1].Load + results[1].Recompute:N0} ms |");
            Console.WriteLine($"| floor: PostgreSQL COPY of the CSV into a bare table | | {copy:N1} s |");
            Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:N0} MB");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            await using (var c = new NpgsqlConnection(postgres))
            {
                await c.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{pgName}\" WITH (FORCE)", c);
                await drop.ExecuteNonQueryAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    /// <summary>Prints the import's own phase timings (parse and validate, plan and write), so a figure can be split by phase.</summary>
    private sealed class PhaseLogger(string provider) : ILogger<ImportService>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (message.StartsWith("Import timings", StringComparison.Ordinal))
            {
                Console.WriteLine($"  {provider}: {message}");
            }
        }
    }
}
