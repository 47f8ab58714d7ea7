using System.Text.Json;
using ExpansionDashboard.Data.Audit;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Settings;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Import;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class AuditTrailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportEditsAndSettings_AreAuditedWithWhoWhatAndBeforeAfter()
    {
        await using var ctx = await ImportTestContext.CreateAsync();
        var log = new AuditLog(ctx.Db, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var edits = new FormEditService(ctx.Service);

        var import = await ctx.CommitAsync(ImportKind.Targets, "quarter,segment,amount\n2026-Q4,SMB,1000\n");
        var edit1 = await edits.SaveTargetAsync("2026-Q4", "SMB", 2500m, "lead@demo.local", Ct);
        await new ThresholdStore(ctx.Db).SaveAsync(ThresholdSettings.Default with { CoverageAlert = 2.2m }, "admin@demo.local", Ct);
        await ctx.Service.RevertAsync(edit1.BatchId, "admin@demo.local", Ct);

        var rows = await log.LatestAsync(ct: Ct);
        var commit = Assert.Single(rows, r => r.Action == "import.commit" && r.Target.Contains($"#{import.BatchId}", StringComparison.Ordinal));
        Assert.Equal("tester", commit.Actor);
        Assert.Equal(1, JsonDocument.Parse(commit.After!).RootElement.GetProperty("Inserted").GetInt32());

        var edit = Assert.Single(rows, r => r.Action == "target.edit");
        Assert.Equal("lead@demo.local", edit.Actor);
        var before = JsonDocument.Parse(edit.Before!).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(1000m, decimal.Parse(before["Amount"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2500m, JsonDocument.Parse(edit.After!).RootElement.GetProperty("amount").GetDecimal());
        Assert.DoesNotContain(rows, r => r.Action == "import.commit" && r.Target.Contains("(form)", StringComparison.Ordinal));

        var thresholds = Assert.Single(rows, r => r.Action == "thresholds.edit");
        Assert.Equal(2.5m, JsonDocument.Parse(thresholds.Before!).RootElement.GetProperty("CoverageAlert").GetDecimal());
        Assert.Equal(2.2m, JsonDocument.Parse(thresholds.After!).RootElement.GetProperty("CoverageAlert").GetDecimal());

        Assert.Single(rows, r => r.Action == "import.revert" && r.Actor == "admin@demo.local" && r.Target.Contains($"#{edit1.BatchId}", StringComparison.Ordinal));
        Assert.Equal(rows.OrderByDescending(r => r.Id).Select(r => r.Id), rows.Select(r => r.Id));
        Assert.All(await log.LatestAsync("target.edit", ct: Ct), r => Assert.Equal("target.edit", r.Action));
    }
}
