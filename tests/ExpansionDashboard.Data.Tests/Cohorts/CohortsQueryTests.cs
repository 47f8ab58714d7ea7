using ExpansionDashboard.Data.Cohorts;
using ExpansionDashboard.Data.Snapshot;
using ExpansionDashboard.Metrics.Cohorts;
using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Data.Tests.Cohorts;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class CohortsQueryTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DashboardSnapshot> SnapshotAsync() => await store.Snapshots.GetAsync(Ct);

    private CohortsQuery Query => new(store.Snapshots, DemoStoreFixture.Time);

    [Fact]
    public async Task Cohorts_BySegment_RowsAreSegmentsAndCellAccountsMatchTheRow()
    {
        var matrix = await Query.MatrixAsync(CohortGrain.Quarter, CohortMeasure.Revenue, by: CohortDimension.Segment, ct: Ct);

        var segments = (await SnapshotAsync()).Revenue.Accounts.Select(a => a.Account.Segment).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(segments, matrix.Rows.Select(r => r.Cohort));
        var smb = matrix.Rows.Single(r => r.Cohort == "SMB");
        var accounts = await Query.AccountsAsync(CohortGrain.Quarter, "SMB", 0, by: CohortDimension.Segment, ct: Ct);
        Assert.Equal(smb.Accounts, accounts.Count);
        Assert.Equal(smb.StartMrr, accounts.Sum(a => a.StartMrr));
        var atSix = await Query.AccountsAsync(CohortGrain.Quarter, "SMB", 6, by: CohortDimension.Segment, ct: Ct);
        Assert.Equal(smb.Cells[6], atSix.Sum(a => a.MrrAtAge) / atSix.Sum(a => a.StartMrr) * 100m);
    }

    [Fact]
    public async Task Cohorts_AllCohorts_AgesRunToTheDataSpan_LaterAgesAreEmpty()
    {
        var model = (await SnapshotAsync()).Revenue;
        var asOf = new Month(2026, 6);

        var matrix = await Query.MatrixAsync(CohortGrain.Month, CohortMeasure.Revenue, asOfMonth: asOf, ct: Ct);

        var first = model.Accounts.Where(a => a.FirstPaidIndex >= 0).Min(a => CohortMatrix.FirstPaidIndex(model, a));
        var expectedRows = model.Accounts.Where(a => a.FirstPaidIndex >= 0)
            .Select(a => model.MonthAt(CohortMatrix.FirstPaidIndex(model, a))).Where(m => m <= asOf).Distinct().Count();
        Assert.Equal(expectedRows, matrix.Rows.Count);
        Assert.Equal(asOf - model.MonthAt(first), matrix.MaxAge);
        Assert.NotNull(matrix.Rows[0].Cells[matrix.MaxAge]);
        foreach (var row in matrix.Rows)
        {
            var reached = asOf - Month.Parse(row.Cohort);
            Assert.All(row.Cells.Skip(reached + 1), Assert.Null);
            Assert.NotNull(row.Cells[reached]);
        }
    }

    [Fact]
    public async Task Cohorts_AsOfEarlierMonth_NoCohortAfterIt()
    {
        var asOf = new Month(2025, 6);

        var matrix = await Query.MatrixAsync(CohortGrain.Month, CohortMeasure.Logos, asOfMonth: asOf, ct: Ct);

        Assert.Equal(asOf.ToString(), matrix.Rows[^1].Cohort);
        Assert.Equal(100m, matrix.Rows[^1].Cells[0]);
        Assert.Null(matrix.Rows[^1].Cells[1]);
    }
}
