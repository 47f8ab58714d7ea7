using System.Diagnostics;
using ExpansionDashboard.Data.Import;

namespace ExpansionDashboard.Benchmarks;

/// <summary>
/// Where pass 1 of an import spends its time on the benchmarks' mrr file: the CSV reader alone, the reader plus field
/// parsing, and the whole pass (parsing, duplicate keys, account facts). Medians of three runs after a warm-up.
/// </summary>
internal static class ParseProbe
{
    public static async Task<int> RunAsync(int rows)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"ed-parse-{Environment.ProcessId}.csv");
        try
        {
            await MrrFile.WriteAsync(csv, rows);
            await using var file = File.OpenRead(csv);
            Console.WriteLine($"parse probe: {rows:N0} mrr rows, {file.Length / 1e6:N1} MB");
            Console.WriteLine($"| step | median ms |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| CSV reader (CsvSource.Rows) | {Median(() => Count(CsvSource.Open(file, ImportKind.Mrr, null).Rows())):N0} |");
            Console.WriteLine($"| reader + field parsing (ImportParser) | {Median(() => ParseAll(file)):N0} |");
            Console.WriteLine($"| pass 1 (ParsedFile.Read) | {Median(() => ParsedFile.Read(file, ImportKind.Mrr, null, ImportRules.None).ValidCount):N0} |");
            return 0;
        }
        finally
        {
            File.Delete(csv);
        }
    }

    private static int Count(IEnumerable<RawRow> rows) => rows.Count();

    private static int ParseAll(FileStream file)
    {
        var source = CsvSource.Open(file, ImportKind.Mrr, null);
        var parser = new ImportParser(ImportKind.Mrr, source.DecimalComma);
        var issues = new List<ImportIssue>();
        var n = 0;
        foreach (var raw in source.Rows())
        {
            if (parser.Parse(raw, issues) is not null)
            {
                n++;
            }
        }

        return n;
    }

    private static double Median(Func<int> work)
    {
        work();
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            work();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[1];
    }
}
