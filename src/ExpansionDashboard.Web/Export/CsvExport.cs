using System.Text;
using CsvHelper;

namespace ExpansionDashboard.Web.Export;

/// <summary>
/// Builds CSV downloads. Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
/// get a leading apostrophe, so an account named "=cmd|..." opens as text; numbers and dates are written as values,
/// rounded to their unit (see <see cref="DecimalsFor"/>): a spreadsheet should get 72.2, not 72.218584379358437935843793584.
/// </summary>
public static class CsvExport
{
    public static byte[] Build(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in header)
            {
                csv.WriteField(Neutralise(h));
            }

            csv.NextRecord();
            var decimals = header.Select(DecimalsFor).ToArray();
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Count; i++)
                {
                    var value = row[i];
                    var places = i < decimals.Length ? decimals[i] : DefaultDecimals;
                    csv.WriteField(value switch
                    {
                        null => "",
                        string s => Neutralise(s),
                        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        decimal m => Math.Round(m, places, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture),
                        double x => Math.Round(x, places, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture),
                        float x => Math.Round(x, places, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        _ => Neutralise(value.ToString() ?? ""),
                    });
                }

                csv.NextRecord();
            }
        }

        return stream.ToArray();
    }

    /// <summary>Money to the cent, percentages and ratios to two decimals: the unit of every other numeric column.</summary>
    public const int DefaultDecimals = 2;

    /// <summary>
    /// Decimals of a numeric column by its name: scores (health_score, 0–100) to one decimal, everything else (money,
    /// percentages, shares, ratios, months) to <see cref="DefaultDecimals"/>. Whole numbers stay whole.
    /// </summary>
    public static int DecimalsFor(string column) =>
        column is not null && (column.EndsWith("_score", StringComparison.OrdinalIgnoreCase) || string.Equals(column, "score", StringComparison.OrdinalIgnoreCase))
            ? 1
            : DefaultDecimals;

    /// <summary>Prefixes formula-looking text with an apostrophe (OWASP CSV-injection guidance).</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
