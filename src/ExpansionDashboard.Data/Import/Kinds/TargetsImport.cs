namespace ExpansionDashboard.Data.Import.Kinds;

public sealed record TargetImportRow(int Line, string Quarter, string Segment, decimal Amount) : ImportRow(Line);

/// <summary>Expansion targets per quarter, for the company (empty segment) or a segment (matched case-insensitively).</summary>
public sealed class TargetsImport : KindImport<TargetImportRow>
{
    internal static readonly StoreTable TargetsTable = new("ExpansionTargets", false,
        [new("Quarter", typeof(string)), new("Segment", typeof(string)), new("Amount", typeof(decimal))]);

    internal TargetsImport()
        : base(ImportKind.Targets, "targets", "Expansion targets", keyColumns: "quarter, segment")
    {
    }

    public override IReadOnlyList<ImportColumn> Columns { get; } =
[
    new("quarter", true, "YYYY-Qn", "2026-Q4", ImportValueType.Quarter),
        new("segment", false, "empty for the whole company", "SMB"),
        new("amount", true, "expansion target in ARR, not negative", "250000", ImportValueType.Number, ["amount", "target", "targetamount", "expansiontarget", "value"]),
    ];

    internal override StoreTable Table => TargetsTable;

    internal override ImportRow Read(FieldReader r, int line)
    {
        var text = r.Text("quarter", required: true);
        var quarter = "";
        if (text.Length > 0)
        {
            if (Quarter.TryParse(text, out var q))
            {
                quarter = q.ToString();
            }
            else
            {
                r.Fail("quarter", $"'{ImportParser.Short(text)}' is not a quarter in the form YYYY-Qn (e.g. 2026-Q4)");
            }
        }

        // The store spells the company scope one way ("company"), whatever the file left blank or wrote.
        return new TargetImportRow(line, quarter, Scope.Parse(r.Text("segment")).Key, r.Decimal("amount", allowNegative: false));
    }

    internal override string Key(TargetImportRow row) => $"{row.Quarter}\u001f{row.Segment.ToUpperInvariant()}";

    internal override object?[] Values(TargetImportRow row) => [row.Quarter, row.Segment, row.Amount];

    internal override IAsyncEnumerable<RowChange> PlanAsync(PlanContext ctx, CancellationToken ct) =>
        PlanByKeyAsync(ctx, s => $"{s.Values[0]}\u001f{((string)s.Values[1]!).ToUpperInvariant()}", Key,
            r => $"{r.Quarter} · {(r.Segment.Length == 0 ? "company" : r.Segment)}", v => StoredValues.Money((decimal)v[2]!), ct);

    /// <summary>Only the amount counts: a segment spelled in another case is the same target.</summary>
    private protected override bool Unchanged(object?[] values, object?[] before) => Equals(values[2], before[2]);
}
