using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using ExpansionDashboard.Benchmarks;
using ExpansionDashboard.Metrics.Engine;
using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;
using ExpansionDashboard.Metrics.Retention;

// Full metric recompute versus DuckDB on the same data, in one run; `import` measures the 1M-row import; `providers` the
// same import and recompute on SQLite and PostgreSQL; `render` the
// Overview's first interactive render in Chromium against a running app; `scale` the 6M-row scale book through the API
// of a running app, every read route and every page. See docs/performance.md.
if (args.Length > 0 && args[0] == "import")
{
    return await ImportBenchmark.RunAsync(Arg("--rows", 1_000_000));
}

if (args.Length > 0 && args[0] == "parse")
{
    return await ParseProbe.RunAsync(Arg("--rows", 1_000_000));
}

if (args.Length > 0 && args[0] == "curve")
{
    var s = Array.IndexOf(args, "--sizes");
    var svg = Array.IndexOf(args, "--svg");
    var sizes = s >= 0 && s + 1 < args.Length
        ? args[s + 1].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray()
        : [100_000, 250_000, 500_000, 1_000_000, 6_000_000];
    return await CurveBenchmark.RunAsync(sizes, svg >= 0 && svg + 1 < args.Length ? args[svg + 1] : null);
}

if (args.Length > 0 && args[0] == "providers")
{
    var pg = Array.IndexOf(args, "--postgres");
    return await ProviderBenchmark.RunAsync(Arg("--rows", 1_000_000), pg >= 0 && pg + 1 < args.Length ? args[pg + 1] : null, Arg("--runs", 5));
}

if (args.Length > 0 && args[0] == "render")
{
    var i = Array.IndexOf(args, "--url");
    var p = Array.IndexOf(args, "--path");
    return await RenderBenchmark.RunAsync(i >= 0 && i + 1 < args.Length ? args[i + 1] : "http://localhost:5000", Arg("--runs", 7), p >= 0 && p + 1 < args.Length ? args[p + 1] : "/");
}

if (args.Length > 0 && args[0] == "scale")
{
    return await ScaleBookBenchmark.RunAsync(Text("--url", "http://127.0.0.1:5080"), Text("--api-key", "scale-book-key-0123456789abcdef"), Text("--email", "scale@bench.local"),
        Text("--password", "Scale-Book-2026!"), Arg("--accounts", 50_000), Arg("--months", 60), args.Contains("--skip-import"), Arg("--runs", 3),
        Array.IndexOf(args, "--pages") is var pi and >= 0 && pi + 1 < args.Length ? args[pi + 1] : null);
}

var accounts = Arg("--accounts", 50_000);
var months = Arg("--months", 60);
var runs = Arg("--runs", 7);
var book = new SyntheticBook(accounts, months);
Console.WriteLine($"ExpansionDashboard metric benchmark: {accounts:N0} accounts × {months} months × 2 products, {runs} timed runs after a warm-up, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

var sw = Stopwatch.StartNew();
var model = RevenueModel.Build(book.AccountInputs(), book.RevenueInputs(), SyntheticBook.First, SyntheticBook.First.AddMonths(months - 1));
var buildMs = sw.Elapsed.TotalMilliseconds;
var cells = model.Accounts.Sum(a => a.Products.Count) * months;
Console.WriteLine($"model build (streamed from the generator): {buildMs:N0} ms, {cells:N0} account-product-month cells");

var full = Time(() => FullRecompute.Run(model), runs, out var fullResult);
var subset = Time(() => (MrrMovements.Compute(model), RetentionSeries.Windows(model, 12)), runs, out var subsetResult);
GC.Collect();
var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
Console.WriteLine($"ours: full recompute median {full.Median:N1} ms (min {full.Min:N1}); movements + T12M NRR only median {subset.Median:N1} ms (min {subset.Min:N1}); peak working set {peakMb:N0} MB");

// DuckDB: same rows (exact DECIMAL money), same movements and T12M NRR in SQL.
using var duck = new DuckDBConnection("DataSource=:memory:");
duck.Open();
Exec(duck, "CREATE TABLE revenue(account_id INTEGER, month_idx INTEGER, product TINYINT, mrr DECIMAL(18,2))");
sw.Restart();
using (var appender = duck.CreateAppender("revenue"))
{
    foreach (var (a, m, p, cents) in book.Rows())
    {
        appender.CreateRow().AppendValue(a).AppendValue(m).AppendValue((sbyte)p).AppendValue(cents / 100m).EndRow();
    }
}

var loadMs = sw.Elapsed.TotalMilliseconds;
var sql = $"""
    WITH totals AS (SELECT account_id, month_idx, SUM(mrr) AS mrr FROM revenue GROUP BY ALL),
    accts AS (SELECT DISTINCT account_id FROM totals),
    grid AS (SELECT a.account_id, m.range::INTEGER AS month_idx FROM accts a CROSS JOIN range(0, {months}) m),
    filled AS (SELECT g.account_id, g.month_idx, COALESCE(t.mrr, 0) AS cur FROM grid g LEFT JOIN totals t USING (account_id, month_idx)),
    lagged AS (
        SELECT month_idx, cur,
               LAG(cur, 1, 0) OVER w AS prev,
               LAG(cur, 12, 0) OVER w AS prev12,
               COALESCE(MAX(CASE WHEN cur > 0 THEN 1 ELSE 0 END) OVER (PARTITION BY account_id ORDER BY month_idx ROWS BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING), 0) AS paid_before
        FROM filled WINDOW w AS (PARTITION BY account_id ORDER BY month_idx))
    SELECT month_idx,
           SUM(CASE WHEN prev <= 0 AND cur > 0 AND paid_before = 0 THEN cur ELSE 0 END) AS new_mrr,
           SUM(CASE WHEN prev <= 0 AND cur > 0 AND paid_before = 1 THEN cur ELSE 0 END) AS reactivation,
           SUM(CASE WHEN prev > 0 AND cur > prev THEN cur - prev ELSE 0 END) AS expansion,
           SUM(CASE WHEN cur > 0 AND cur < prev THEN cur - prev ELSE 0 END) AS contraction,
           SUM(CASE WHEN prev > 0 AND cur <= 0 THEN -prev ELSE 0 END) AS churn,
           SUM(CASE WHEN prev12 > 0 THEN cur ELSE 0 END) AS t12_end,
           SUM(CASE WHEN prev12 > 0 THEN prev12 ELSE 0 END) AS t12_start
    FROM lagged WHERE month_idx >= 1 GROUP BY month_idx ORDER BY month_idx
    """;
var duckRows = new List<decimal[]>();
var duckTime = Time(() =>
{
    duckRows.Clear();
    using var cmd = duck.CreateCommand();
    cmd.CommandText = sql;
    using var reader = cmd.ExecuteReader();
    while (reader.Read())
    {
        duckRows.Add(Enumerable.Range(0, 8).Select(i => Convert.ToDecimal(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray());
    }

    return duckRows.Count;
}, runs, out _);
Console.WriteLine($"duckdb: load {loadMs:N0} ms; movements + T12M NRR query median {duckTime.Median:N1} ms (min {duckTime.Min:N1})");

// The two engines must agree to the cent, or the timing comparison means nothing.
var ours = subsetResult.Item1;
var t12 = subsetResult.Item2;
var mismatches = 0;
for (var i = 0; i < ours.Count; i++)
{
    var d = duckRows[i];
    var o = ours[i];
    if (o.New != d[1] || o.Reactivation != d[2] || o.Expansion != d[3] || o.Contraction != d[4] || o.Churn != d[5])
    {
        mismatches++;
    }

    var ti = (int)d[0] - 12;
    if (ti >= 0 && (t12[ti].EndMrr != d[6] || t12[ti].StartMrr != d[7]))
    {
        mismatches++;
    }
}

Console.WriteLine(mismatches == 0 ? "results agree: movements and T12M NRR equal to the cent in every month" : $"RESULTS DIFFER in {mismatches} month(s)");
Console.WriteLine();
Console.WriteLine("| measure | ours (median) | DuckDB (median) | ratio ours/DuckDB |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine($"| movements + T12M NRR | {subset.Median:N1} ms | {duckTime.Median:N1} ms | {subset.Median / duckTime.Median:N2} |");
Console.WriteLine($"| full recompute (everything the dashboards show) | {full.Median:N1} ms | – | {full.Median / duckTime.Median:N2} vs DuckDB's subset |");
Console.WriteLine($"| peak working set | {peakMb:N0} MB | | |");
return mismatches == 0 ? 0 : 1;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

string Text(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static void Exec(DuckDBConnection c, string sql)
{
    using var cmd = c.CreateCommand();
    cmd.CommandText = sql;
    cmd.ExecuteNonQuery();
}

static (double Median, double Min) Time<T>(Func<T> work, int runs, out T last)
{
    last = work();
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var sw = Stopwatch.StartNew();
        last = work();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return (times[times.Count / 2], times[0]);
}
