using System.Diagnostics;
using System.Globalization;
using System.Text;
using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Api;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Settings;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Model;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ExpansionDashboard.Benchmarks;

/// <summary>
/// Time against rows: for each size, a fresh SQLite store gets the mrr file through the real ImportService, then the
/// first summary right after it, the model load, a file changing every row, and the revert of that batch. Prints a
/// markdown table and writes an SVG chart of the same figures (docs/performance.md shows both), so it is visible where
/// the cost grows faster than the rows.
/// </summary>
internal static class CurveBenchmark
{
    private static readonly string[] Series = ["import", "update all", "revert", "model load", "first summary"];

    public static async Task<int> RunAsync(int[] sizes, string? svgPath)
    {
        var results = new List<(int Rows, double[] Seconds)>();
        foreach (var rows in sizes)
        {
            var folder = Directory.CreateTempSubdirectory("ed-curve").FullName;
            try
            {
                var csv = Path.Combine(folder, "mrr.csv");
                await MrrFile.WriteAsync(csv, rows);
                var changed = Path.Combine(folder, "mrr-changed.csv");
                await MrrFile.ChangeEveryMrrAsync(csv, changed);
                var factory = new StoreFactory(StoreDialectOptions.For(Data.Sqlite.SqliteStoreDialect.Instance, $"Data Source={Path.Combine(folder, "dashboard.db")}"));
                await new DatabaseMigrator(factory).MigrateAsync();
                using var snapshots = new DashboardSnapshotProvider(factory);
                // The service's own log gives each import's split (parse and validate, plan and write) beside the totals.
                using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
                var service = new ImportService(factory, snapshots, TimeProvider.System, loggers.CreateLogger<ImportService>());
                var api = new MetricsApiQuery(snapshots, TimeProvider.System, new SettingsProvider(factory));
                _ = await api.SummaryAsync(null, new AccountFilter());

                var import = await TimeAsync(async () =>
                {
                    await using var file = File.OpenRead(csv);
                    var outcome = await service.CommitAsync(ImportKind.Mrr, file, "mrr.csv", "benchmark");
                    Check(outcome.Inserted == rows, $"{outcome.Inserted:N0} inserted, expected {rows:N0}");
                });
                var summary = await TimeAsync(() => api.SummaryAsync(null, new AccountFilter()));
                var load = await TimeAsync(async () =>
                {
                    using var fresh = new DashboardSnapshotProvider(factory);
                    _ = await fresh.GetAsync();
                });
                long batch = 0;
                var update = await TimeAsync(async () =>
                {
                    await using var file = File.OpenRead(changed);
                    var outcome = await service.CommitAsync(ImportKind.Mrr, file, "mrr-changed.csv", "benchmark");
                    Check(outcome.Updated == rows, $"{outcome.Updated:N0} updated, expected {rows:N0}");
                    batch = outcome.BatchId;
                });
                var revert = await TimeAsync(() => service.RevertAsync(batch, "benchmark"));
                results.Add((rows, [import, update, revert, load, summary]));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{rows:N0} rows: import {import:N2} s, update all {update:N2} s, revert {revert:N2} s, model load {load:N2} s, first summary {summary:N2} s"));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| rows | import | update all | revert | model load | first summary after the import | import µs per row |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (rows, s) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {rows:N0} | {s[0]:N2} s | {s[1]:N2} s | {s[2]:N2} s | {s[3]:N2} s | {s[4]:N2} s | {s[0] * 1e6 / rows:N1} |"));
        }

        if (svgPath is not null)
        {
            await File.WriteAllTextAsync(svgPath, Svg(results));
            Console.WriteLine($"chart written to {svgPath}");
        }

        return 0;
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var sw = Stopwatch.StartNew();
        await work();
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// A small line chart of seconds against rows, one line per measure, both axes logarithmic: a cost that grows linearly
    /// runs parallel to the dashed guide (slope 1, through the smallest import), one that grows faster climbs away from it.
    /// </summary>
    private static string Svg(List<(int Rows, double[] Seconds)> results)
    {
        const int width = 720, height = 400, left = 60, right = 170, top = 20, bottom = 50;
        string[] colours = ["#0072B2", "#E69F00", "#D55E00", "#009E73", "#CC79A7"];
        var x0 = Math.Floor(Math.Log10(results.Min(r => r.Rows)));
        var x1 = Math.Max(x0 + 1, Math.Ceiling(Math.Log10(results.Max(r => r.Rows))));
        var y0 = Math.Floor(Math.Log10(Math.Max(1e-3, results.Min(r => r.Seconds.Min()))));
        var y1 = Math.Max(y0 + 1, Math.Ceiling(Math.Log10(results.Max(r => r.Seconds.Max()))));
        double X(double rows) => left + ((width - left - right) * (Math.Log10(rows) - x0) / (x1 - x0));
        double Y(double s) => top + ((height - top - bottom) * (1 - ((Math.Log10(Math.Max(s, 1e-3)) - y0) / (y1 - y0))));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        for (var e = y0; e <= y1; e++)
        {
            var s = Math.Pow(10, e);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{Y(s):0.#}\" y2=\"{Y(s):0.#}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{Y(s) + 4:0.#}\" text-anchor=\"end\">{s:0.###} s</text>\n");
        }

        foreach (var (rows, _) in results)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(rows):0.#}\" x2=\"{X(rows):0.#}\" y1=\"{top}\" y2=\"{height - bottom}\" stroke=\"#f0f0f0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(rows):0.#}\" y=\"{height - bottom + 18}\" text-anchor=\"middle\">{(rows >= 1_000_000 ? $"{rows / 1e6:0.#}M" : $"{rows / 1e3:0}k")}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(left + width - right) / 2}\" y=\"{height - 10}\" text-anchor=\"middle\">rows in the mrr file (log scale; seconds on a log scale too)</text>\n");

        // The guide: the smallest import's time, scaled linearly with rows.
        var first = results.MinBy(r => r.Rows);
        var last = results.MaxBy(r => r.Rows);
        var guideEnd = first.Seconds[0] * last.Rows / first.Rows;
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{X(first.Rows):0.#}\" y1=\"{Y(first.Seconds[0]):0.#}\" x2=\"{X(last.Rows):0.#}\" y2=\"{Y(guideEnd):0.#}\" stroke=\"#999\" stroke-dasharray=\"5 4\"/>\n");
        for (var m = 0; m < Series.Length; m++)
        {
            var points = string.Join(" ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{X(r.Rows):0.#},{Y(r.Seconds[m]):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colours[m]}\" stroke-width=\"2\" points=\"{points}\"/>\n");
            foreach (var r in results)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(r.Rows):0.#}\" cy=\"{Y(r.Seconds[m]):0.#}\" r=\"3\" fill=\"{colours[m]}\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"\n<text x=\"{width - right + 12}\" y=\"{top + 16 + (m * 18)}\" fill=\"{colours[m]}\">■ {Series[m]}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - right + 12}\" y=\"{top + 16 + (Series.Length * 18)}\" fill=\"#777\">- - linear from the</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - right + 24}\" y=\"{top + 30 + (Series.Length * 18)}\" fill=\"#777\">smallest import</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
