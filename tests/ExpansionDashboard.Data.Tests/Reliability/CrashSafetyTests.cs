using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ExpansionDashboard.Data.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Reliability;

/// <summary>
/// An import of a large file runs in its own process and is killed with SIGKILL at random points, 20 times; every time
/// the database passes <c>PRAGMA integrity_check</c> and holds exactly the state before or after the whole batch.
/// </summary>
[Trait(Lanes.Category, Lanes.Crash)]
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Kills = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string HarnessPath()
    {
        // tests/ExpansionDashboard.Data.Tests/bin/<Configuration>/net10.0/ → tests/ExpansionDashboard.CrashHarness/bin/<Configuration>/net10.0/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = here.Parent!.Name;
        var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "ExpansionDashboard.CrashHarness", "bin", configuration, here.Name, "ExpansionDashboard.CrashHarness.dll");
        Assert.True(File.Exists(path), $"crash harness not built at {path}");
        return path;
    }

    [Fact]
    public async Task LargeImport_KilledAtRandomPoints_StoreIsIntactAndBeforeOrAfterTheWholeBatch()
    {
        var folder = Directory.CreateTempSubdirectory("ed-crash").FullName;
        try
        {
            var baseline = Path.Combine(folder, "baseline.db");
            await using (var db = await TestDatabase.CreateMigratedAsync())
            {
                await new DemoDataSeeder(db, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)), NullLogger<DemoDataSeeder>.Instance).SeedIfEmptyAsync(Ct);
                await using var c = new SqliteConnection(db.ConnectionString);
                await c.OpenAsync(Ct);
                await using var cmd = c.CreateCommand();
                cmd.CommandText = $"VACUUM INTO '{baseline}'";
                await cmd.ExecuteNonQueryAsync(Ct);
            }

            var csv = Path.Combine(folder, "large.csv");
            await using (var w = new StreamWriter(csv))
            {
                await w.WriteLineAsync("account_id,month,product,mrr,account_name,segment,industry,region,csm");
                for (var a = 0; a < 40_000; a++)
                {
                    foreach (var month in new[] { "2026-08", "2026-09", "2026-10", "2026-11" })
                    {
                        await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"CR-{a},{month},Core,{100 + a % 900}.50,Crash Co {a},SMB,Retail,EMEA,Ava Thompson"));
                    }
                }
            }

            var before = await StateAsync(baseline);
            var reference = Copy(baseline, Path.Combine(folder, "reference.db"));
            var (exit, importMs) = await RunHarnessAsync(reference, csv, killAfter: null);
            Assert.Equal(0, exit);
            var fullMs = importMs;
            var after = await StateAsync(reference);
            Assert.NotEqual(before, after);
            output.WriteLine($"reference import of 160,000 rows: {fullMs:N0} ms after the process started importing");

            var rng = new Random(20261123);
            int sawBefore = 0, sawAfter = 0;
            for (var i = 0; i < Kills; i++)
            {
                var run = Copy(baseline, Path.Combine(folder, $"run{i}.db"));
                // Points spread over parsing, writing and the commit, a few after the end (the batch must then be whole).
                var killAt = TimeSpan.FromMilliseconds(rng.NextDouble() * fullMs * 1.15);
                await RunHarnessAsync(run, csv, killAt);
                var state = await StateAsync(run);
                Assert.True(state == before || state == after, $"kill {i + 1} at {killAt.TotalMilliseconds:N0} ms left a state that is neither before nor after the batch");
                if (state == before)
                {
                    sawBefore++;
                }
                else
                {
                    sawAfter++;
                }

                output.WriteLine($"kill {i + 1,2} at {killAt.TotalMilliseconds,6:N0} ms: integrity ok, {(state == before ? "before" : "after")} the batch");
            }

            output.WriteLine($"{Kills} kills survived: {sawBefore} left the store as before the batch, {sawAfter} as after it");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Copy(string from, string to)
    {
        File.Copy(from, to, overwrite: true);
        return to;
    }

    /// <summary>Runs the harness; when <paramref name="killAfter"/> is set, SIGKILLs it that long after it started importing.</summary>
    private static async Task<(int ExitCode, double ImportMs)> RunHarnessAsync(string database, string csv, TimeSpan? killAfter)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { HarnessPath(), database, "mrr", csv })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var started = await process.StandardOutput.ReadLineAsync(Ct);
        Assert.Equal("started", started);
        var clock = Stopwatch.StartNew();
        if (killAfter is { } delay)
        {
            var exited = process.WaitForExitAsync(Ct);
            if (await Task.WhenAny(exited, Task.Delay(delay, Ct)) != exited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Integrity check, then a hash of the data and the batch bookkeeping (not timestamps, which differ between runs).</summary>
    private static async Task<string> StateAsync(string database)
    {
        await using var c = new SqliteConnection($"Data Source={database};Pooling=False");
        await c.OpenAsync(Ct);
        await using (var check = c.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await check.ExecuteScalarAsync(Ct));
        }

        var sb = new StringBuilder();
        foreach (var query in new[]
        {
            "SELECT * FROM Accounts ORDER BY Id", "SELECT * FROM RevenueLines ORDER BY Id", "SELECT * FROM Opportunities ORDER BY Id",
            "SELECT * FROM ExpansionTargets ORDER BY Id", "SELECT COUNT(*) FROM HealthSignals", "SELECT * FROM ImportChanges ORDER BY Id",
            "SELECT Id, Kind, FileName, RowsRead, RowsInserted, Status FROM ImportBatches ORDER BY Id", "SELECT Value FROM StoreMeta WHERE Key = 'data_version'",
        })
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = query;
            await using var reader = await cmd.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    sb.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append(';');
                }

                sb.Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
