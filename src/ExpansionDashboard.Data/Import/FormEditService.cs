using System.Globalization;
using CsvHelper;

namespace ExpansionDashboard.Data.Import;

/// <summary>An opportunity as edited in the form.</summary>
public sealed record OpportunityForm(
    string OpportunityId, string AccountId, string Name, string Type, string Stage, decimal Amount, DateOnly ExpectedClose,
    string Owner, DateOnly? Created, DateOnly? Closed);

/// <summary>
/// Form edits go through the import pipeline as a one-row file: the same validation messages, the same history,
/// and every edit can be reverted like an import.
/// </summary>
public sealed class FormEditService(ImportService imports)
{
    public Task<ImportOutcome> SaveTargetAsync(string quarter, string? segment, decimal amount, string user, CancellationToken ct = default) =>
        CommitAsync(ImportKind.Targets, ["quarter", "segment", "amount"], [quarter, segment ?? "", Number(amount)], $"(form) target {quarter} {segment}".Trim(), user, ct);

    public Task<ImportOutcome> SaveOpportunityAsync(OpportunityForm o, string user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(o);
        return CommitAsync(
            ImportKind.Opportunities,
            ["opportunity_id", "account_id", "name", "type", "stage", "amount", "expected_close", "owner", "created", "closed"],
            [o.OpportunityId, o.AccountId, o.Name, o.Type, o.Stage, Number(o.Amount), Date(o.ExpectedClose), o.Owner, Date(o.Created), Date(o.Closed)],
            $"(form) opportunity {o.OpportunityId}", user, ct);
    }

    private async Task<ImportOutcome> CommitAsync(ImportKind kind, string[] header, string[] values, string label, string user, CancellationToken ct)
    {
        await using var stream = new MemoryStream();
        await using (var writer = new StreamWriter(stream, leaveOpen: true))
        await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in header)
            {
                csv.WriteField(h);
            }

            await csv.NextRecordAsync();
            foreach (var v in values)
            {
                csv.WriteField(v);
            }

            await csv.NextRecordAsync();
        }

        stream.Position = 0;
        return await imports.CommitAsync(kind, stream, label, user, ct: ct);
    }

    private static string Number(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
