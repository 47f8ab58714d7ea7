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
    public async Task<ImportOutcome> SaveTargetAsync(string quarter, string? segment, decimal amount, string user, CancellationToken ct = default)
    {
        var outcome = await CommitAsync(ImportKind.Targets, ["quarter", "segment", "amount"], [quarter, segment ?? "", Number(amount)], $"(form) target {quarter} {segment}".Trim(), user, ct);
        await AuditAsync(user, "target.edit", $"{quarter} {segment}".Trim(), outcome, new { quarter, segment = segment ?? "", amount }, ct);
        return outcome;
    }

    public async Task<ImportOutcome> SaveOpportunityAsync(OpportunityForm o, string user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(o);
        var outcome = await CommitAsync(
            ImportKind.Opportunities,
            ["opportunity_id", "account_id", "name", "type", "stage", "amount", "expected_close", "owner", "created", "closed"],
            [o.OpportunityId, o.AccountId, o.Name, o.Type, o.Stage, Number(o.Amount), Date(o.ExpectedClose), o.Owner, Date(o.Created), Date(o.Closed)],
            $"(form) opportunity {o.OpportunityId}", user, ct);
        await AuditAsync(user, "opportunity.edit", o.OpportunityId, outcome, o, ct);
        return outcome;
    }

    /// <summary>Audits a form edit with the row as it was (from the batch's replaced values; none for a new row) and as saved.</summary>
    private async Task AuditAsync(string user, string action, string target, ImportOutcome outcome, object after, CancellationToken ct)
    {
        if (outcome.Inserted + outcome.Updated == 0)
        {
            return;
        }

        var before = await imports.ReplacedValuesAsync(outcome.BatchId, ct);
        await imports.Audit.WriteAsync(user, action, $"{target} (batch #{outcome.BatchId})",
            before.Count == 0 ? null : System.Text.Json.JsonDocument.Parse(before[0]).RootElement, after, ct);
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
        return await imports.CommitAsync(ImportSource.Form, kind, stream, label, user, ct: ct);
    }

    private static string Number(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
