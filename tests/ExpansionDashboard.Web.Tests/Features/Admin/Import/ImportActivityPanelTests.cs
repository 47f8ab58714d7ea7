using System.Globalization;
using Bunit;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Web.Features.Admin.Import;

namespace ExpansionDashboard.Web.Tests.Features.Admin.Import;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class ImportActivityPanelTests : MudComponentTest
{
    private static readonly DateTimeOffset Started = new(2026, 12, 6, 22, 0, 0, TimeSpan.Zero);

    public ImportActivityPanelTests() => CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");

    private static ImportActivityItem Writing(object? owner = null) =>
        new(1, "mrr", "mrr.csv", "admin@demo.local", ImportPhase.Writing, Started, 412_000, 1_000_000, 0.412, 98_347.2, 6.0, 12) { Owner = owner };

    private static ImportActivityItem Queued(object? owner = null, int position = 1) =>
        new(2, "mrr", "next.csv", "ops@demo.local", ImportPhase.Waiting, Started, 0, 200_000, null, null, null, null,
            "batch 12 (mrr.csv by admin@demo.local)", 12, position) { Owner = owner };

    [Fact]
    public void Stats_Writing_RowsOfTotalRateRoundedAndTimeLeft()
    {
        Assert.Equal("412,000 of 1,000,000 rows · 98,000 rows/s · about 6 s left", ImportActivityPanel.Stats(Writing()));
    }

    [Fact]
    public void Stats_Reading_RowsSoFarAndShareOfTheFile()
    {
        var reading = Writing() with { Phase = ImportPhase.Reading, RowsTotal = null, Fraction = 0.45, RowsPerSecond = 151_234, SecondsLeft = 2.2, BatchId = null };

        Assert.Equal("412,000 rows read · 150,000 rows/s · 45% of the file · about 3 s left", ImportActivityPanel.Stats(reading));
    }

    [Theory]
    [InlineData(0.4, "less than a second left")]
    [InlineData(5.2, "about 6 s left")]
    [InlineData(89, "about 89 s left")]
    [InlineData(200, "about 3 min left")]
    [InlineData(7200, "about 2.0 h left")]
    public void Left_Seconds_RoundedToWhatMeansSomething(double seconds, string expected)
    {
        Assert.Equal(expected, ImportActivityPanel.Left(seconds));
    }

    [Fact]
    public void Render_OwnImportWriting_ProgressbarWithValuesInAPoliteLiveRegion()
    {
        var mine = new object();

        var cut = Context.Render<ImportActivityPanel>(p => p.Add(x => x.Activity, new ImportActivitySnapshot(Writing(mine), [], [])).Add(x => x.Owner, mine));

        var item = cut.Find("[data-testid=import-activity-mine]");
        Assert.Contains("Your import", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("Writing batch #12", cut.Find("[data-testid=import-activity-phase]").TextContent);
        Assert.Equal("412,000 of 1,000,000 rows · 98,000 rows/s · about 6 s left", cut.Find("[data-testid=import-activity-stats]").TextContent);
        var live = cut.Find("[role=status]");
        Assert.Equal("polite", live.GetAttribute("aria-live"));
        var bar = cut.Find("[data-testid=import-activity-bar]");
        Assert.Equal("progressbar", bar.GetAttribute("role"));
        Assert.Equal("41.2", bar.GetAttribute("aria-valuenow"));
        Assert.Equal("0", bar.GetAttribute("aria-valuemin"));
        Assert.Equal("100", bar.GetAttribute("aria-valuemax"));
        Assert.Equal("412,000 of 1,000,000 rows · 98,000 rows/s · about 6 s left", bar.GetAttribute("aria-valuetext"));
        Assert.Single(cut.FindAll("[role=progressbar]"));
        Assert.Empty(cut.FindAll(".mud-progress-indeterminate"));
    }

    [Fact]
    public void Render_OwnImportQueuedBehindAnother_QueuedTextIndeterminateBarOwnFirst()
    {
        var mine = new object();
        var activity = new ImportActivitySnapshot(Writing(), [Queued(mine, position: 2)], []);

        var cut = Context.Render<ImportActivityPanel>(p => p.Add(x => x.Activity, activity).Add(x => x.Owner, mine));

        var items = cut.FindAll(".import-activity-item");
        Assert.Equal(["import-activity-mine", "import-activity-other"], items.Select(i => i.GetAttribute("data-testid")));
        Assert.Equal("Queued behind batch 12 (mrr.csv by admin@demo.local), 1 more ahead", cut.Find("[data-testid=import-activity-queued]").TextContent);
        var bar = items[0].QuerySelector("[data-testid=import-activity-bar]")!;
        Assert.Equal("progressbar", bar.GetAttribute("role"));
        Assert.Equal("true", bar.GetAttribute("aria-busy"));
        Assert.Contains("mud-progress-indeterminate", bar.ClassName, StringComparison.Ordinal);
        Assert.Equal("Queued behind batch 12 (mrr.csv by admin@demo.local), 1 more ahead", bar.GetAttribute("aria-valuetext"));
        Assert.Contains("admin@demo.local's import", items[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("412,000 of 1,000,000 rows", items[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnotherAdminsRevert_SaysWhatItRevertsWithoutRowCounts()
    {
        var revert = new ImportActivityItem(3, ImportActivity.RevertKind, "batch #7", "ana@demo.local", ImportPhase.Writing, DateTimeOffset.UnixEpoch,
            0, 0, null, null, null, 7);

        var cut = Context.Render<ImportActivityPanel>(p => p.Add(x => x.Activity, new ImportActivitySnapshot(revert, [], [])).Add(x => x.Owner, new object()));

        var item = cut.Find("[data-testid=import-activity-other]");
        Assert.Contains("ana@demo.local's revert of batch #7", item.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("(revert)", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("Reverting batch #7", cut.Find("[data-testid=import-activity-phase]").TextContent);
        Assert.Equal("Putting back the values it replaced and removing the rows it added", cut.Find("[data-testid=import-activity-stats]").TextContent);
        Assert.Contains("mud-progress-indeterminate", cut.Find("[data-testid=import-activity-bar]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnotherAdminsImport_ShownWithTheirName()
    {
        var cut = Context.Render<ImportActivityPanel>(p => p.Add(x => x.Activity, new ImportActivitySnapshot(Writing(new object()), [], [])).Add(x => x.Owner, new object()));

        Assert.Empty(cut.FindAll("[data-testid=import-activity-mine]"));
        Assert.Contains("admin@demo.local's import of mrr.csv (mrr)", cut.Find("[data-testid=import-activity-other]").TextContent, StringComparison.Ordinal);
    }
}
