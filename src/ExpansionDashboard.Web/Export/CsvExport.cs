using System.Text;
using CsvHelper;

namespace ExpansionDashboard.Web.Export;

/// <summary>
/// Builds CSV downloads. Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
/// get a leading apostrophe, so an account named "=cmd|..." opens as text; numbers and dates are written as values.
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
            foreach (var row in rows)
            {
                foreach (var value in row)
                {
                    csv.WriteField(value switch
                    {
                        null => "",
                        string s => Neutralise(s),
                        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        _ => Neutralise(value.ToString() ?? ""),
                    });
                }

                csv.NextRecord();
            }
        }

        return stream.ToArray();
    }

    /// <summary>Prefixes formula-looking text with an apostrophe (OWASP CSV-injection guidance).</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
