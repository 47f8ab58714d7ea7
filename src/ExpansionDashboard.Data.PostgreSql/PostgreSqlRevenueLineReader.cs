using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Model;
using Npgsql;

namespace ExpansionDashboard.Data.PostgreSql;

/// <summary>
/// Reads RevenueLines with Npgsql's typed getters and a synchronous reader: dates, numerics and integers arrive in
/// binary and are read as they are, with no boxed value per column and no awaited call per row, and the few products,
/// currencies and plans a book has are shared strings. The generic reader boxed every value of a million lines.
/// </summary>
internal static class PostgreSqlRevenueLineReader
{
    public static void Read(NpgsqlConnection connection, Action<StoredRevenueLine> line, CancellationToken ct)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        using var cmd = new NpgsqlCommand("SELECT \"AccountId\", \"Month\", \"Product\", \"Mrr\", \"ExpansionType\", \"Currency\" FROM \"RevenueLines\"", connection);
        using var registration = ct.Register(cmd.Cancel);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            line(new StoredRevenueLine(
                reader.GetInt32(0),
                Month.Of(reader.GetFieldValue<DateOnly>(1)),
                Shared(texts, reader.GetString(2)),
                reader.GetDecimal(3),
                reader.IsDBNull(4) ? null : StoredLineType.Parse(reader.GetString(4)),
                reader.IsDBNull(5) ? "" : Shared(texts, reader.GetString(5))));
        }

        ct.ThrowIfCancellationRequested();
    }

    /// <summary>The lines an mrr import plan compares with (see <see cref="IRevenueLineReader.ReadMrrLines"/>).</summary>
    public static void ReadMrrLines(NpgsqlConnection connection, (DateOnly First, DateOnly After)? months, Action<StoredMrrLine> line, CancellationToken ct)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        using var cmd = new NpgsqlCommand("SELECT \"Id\", \"AccountId\", \"Month\", \"Product\", \"Currency\", \"Mrr\", \"Seats\", \"Plan\", \"ExpansionType\" FROM \"RevenueLines\"", connection);
        if (months is var (first, after))
        {
            cmd.CommandText += " WHERE \"Month\" >= @first AND \"Month\" < @after";
            cmd.Parameters.AddWithValue("first", first);
            cmd.Parameters.AddWithValue("after", after);
        }

        using var registration = ct.Register(cmd.Cancel);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            line(new StoredMrrLine(
                reader.GetInt64(0),
                reader.GetInt32(1),
                Month.Of(reader.GetFieldValue<DateOnly>(2)),
                Shared(texts, reader.GetString(3)),
                Shared(texts, reader.GetString(4)),
                reader.GetDecimal(5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.IsDBNull(7) ? null : Shared(texts, reader.GetString(7)),
                reader.IsDBNull(8) ? null : Shared(texts, reader.GetString(8))));
        }

        ct.ThrowIfCancellationRequested();
    }

    /// <summary>One string per distinct value, so a million lines keep a handful of product and currency strings.</summary>
    private static string Shared(Dictionary<string, string> texts, string value) =>
        texts.TryGetValue(value, out var known) ? known : texts[value] = value;
}
