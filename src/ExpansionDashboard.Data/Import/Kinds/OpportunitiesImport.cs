using System.Data.Common;
using ExpansionDashboard.Data.Import.Writing;

namespace ExpansionDashboard.Data.Import.Kinds;

public sealed record OpportunityImportRow(
    int Line, string OpportunityId, string AccountId, string Name, string Type, string Stage, decimal Amount, DateOnly ExpectedClose,
    string Owner, DateOnly? Created, DateOnly? Closed, AccountAttributesRow Attributes) : ImportRow(Line);

/// <summary>Expansion opportunities from a CRM: one row per opportunity id; each commit records stage changes.</summary>
public sealed class OpportunitiesImport : KindImport<OpportunityImportRow>
{
    internal static readonly StoreTable OpportunitiesTable = new("Opportunities", true,
    [
        new("ExternalId", typeof(string)), new("Name", typeof(string)), new("Type", typeof(string)), new("Stage", typeof(string)),
        new("Amount", typeof(decimal)), new("ExpectedClose", typeof(DateOnly)), new("Owner", typeof(string)),
        new("Created", typeof(DateOnly)), new("Closed", typeof(DateOnly)),
    ]);

    /// <summary>The stage history a commit appends to (and the demo seeds): opportunity id, stage, the day it was seen.</summary>
    internal static readonly StoreTable StageHistory = new("OpportunityStageHistory", false,
        [new("OpportunityId", typeof(int)), new("Stage", typeof(string)), new("SeenOn", typeof(DateOnly))]);

    internal OpportunitiesImport()
        : base(ImportKind.Opportunities, "opportunities", "Expansion opportunities", keyColumns: "opportunity_id")
    {
    }

    public override IReadOnlyList<ImportColumn> Columns { get; } =
[
    new("opportunity_id", true, "unique id from CRM", "OPP-00001", ImportValueType.Id),
        new("account_id", true, "account id", "ACC-00001", ImportValueType.Id,
            ["accountid", "associatedcompanyids", "associatedcompanyid", "companyid", "customerid", "account", "accountname", "company", "associatedcompany"]),
        new("name", true, "opportunity name", "Acme – seat expansion", Synonyms: ["name", "opportunityname", "dealname", "title"]),
        new("type", true, "Upsell, Cross-sell, Seats or Usage", "Upsell"),
        new("stage", true, "Identified, Engaged, Qualified, Proposal, Negotiation, Closed Won or Closed Lost", "Proposal"),
        new("amount", true, "ARR, not negative", "24000", ImportValueType.Number, ["amount", "arr", "dealamount", "annualrecurringrevenue", "value"]),
        new("expected_close", true, "YYYY-MM-DD", "2026-12-15", ImportValueType.Date),
        new("owner", false, "owner", "Ava Thompson"),
        new("created", false, "YYYY-MM-DD", "2026-09-01", ImportValueType.Date),
        new("closed", false, "YYYY-MM-DD, for closed deals", "", ImportValueType.Date),
        .. AccountsImport.AttributeColumns,
    ];

    internal override StoreTable Table => OpportunitiesTable;

    internal override AccountUse Accounts => AccountUse.Creates;

    internal override ImportRow Read(FieldReader r, int line)
    {
        var typeText = r.Text("type", required: true);
        var stageText = r.Text("stage", required: true);
        var type = "";
        var stage = "";
        if (typeText.Length > 0)
        {
            if (StageNames.TryParseType(typeText, out var t))
            {
                type = t.ToString();
            }
            else
            {
                r.Fail("type", $"'{ImportParser.Short(typeText)}' is not a type: use Upsell, Cross-sell, Seats or Usage");
            }
        }

        if (stageText.Length > 0)
        {
            if (StageNames.TryParse(stageText, out var s))
            {
                stage = s.ToString();
            }
            else
            {
                r.Fail("stage", $"'{ImportParser.Short(stageText)}' is not a stage: use Identified, Engaged, Qualified, Proposal, Negotiation, Closed Won or Closed Lost");
            }
        }

        return new OpportunityImportRow(line, r.Id("opportunity_id"), r.Id("account_id"), r.Text("name", required: true), type, stage,
            r.Decimal("amount", allowNegative: false), r.Date("expected_close"), r.Text("owner"), r.OptionalDate("created"), r.OptionalDate("closed"), r.Attributes());
    }

    internal override string Key(OpportunityImportRow row) => row.OpportunityId;

    internal override string AccountOf(OpportunityImportRow row) => row.AccountId;

    internal override AccountAttributesRow AttributesOf(ImportRow row) => ((OpportunityImportRow)row).Attributes;

    internal override object?[] Values(OpportunityImportRow row) =>
        [row.OpportunityId, row.Name, row.Type, row.Stage, row.Amount, row.ExpectedClose, row.Owner, row.Created, row.Closed];

    internal override IAsyncEnumerable<RowChange> PlanAsync(PlanContext ctx, CancellationToken ct) =>
        PlanByKeyAsync(ctx, s => (string)s.Values[0]!, r => r.OpportunityId, r => r.OpportunityId, StoredValues.Describe, ct);

    private protected override void CheckStored(OpportunityImportRow row, StoredRow stored, PlanContext ctx)
    {
        if (!ctx.Accounts.TryGetValue(row.AccountId, out var a) || a.Id != stored.AccountId)
        {
            throw new ImportRejectedException($"line {row.Line}, column account_id: opportunity {row.OpportunityId} belongs to another account in the store; moving opportunities between accounts is not supported by import.");
        }
    }

    /// <summary>
    /// Records the stage of every opportunity whose stage differs from the last one recorded (new deals, moved deals), so
    /// stage conversion can later be measured. A closed deal is recorded on its closed date (unless an earlier record is
    /// later than that, which keeps the order), an open one on the import day.
    /// </summary>
    internal override async Task AfterWriteAsync(DbConnection connection, DbTransaction tx, IStoreWriter store, long batchId, DateOnly today, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO "OpportunityStageHistory" ("OpportunityId", "Stage", "SeenOn", "ImportBatchId")
            SELECT o."Id", o."Stage",
                   CASE WHEN o."Stage" IN ('ClosedWon', 'ClosedLost') AND o."Closed" IS NOT NULL AND o."Closed" <= @today
                             AND NOT EXISTS (SELECT 1 FROM "OpportunityStageHistory" l WHERE l."OpportunityId" = o."Id" AND l."SeenOn" > o."Closed")
                        THEN o."Closed" ELSE @today END,
                   @batch
            FROM "Opportunities" o
            WHERE COALESCE((SELECT h."Stage" FROM "OpportunityStageHistory" h WHERE h."OpportunityId" = o."Id" ORDER BY h."SeenOn" DESC, h."Id" DESC LIMIT 1), '') <> o."Stage"
            """;
        cmd.AddParameter("@today", store.Parameter(today));
        cmd.AddParameter("@batch", batchId);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
