using System.Text;
using ExpansionDashboard.Data.Import;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Data.Tests.Import;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class ImportActivityTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 22, 0, 0, TimeSpan.Zero));

    private ImportActivity NewTracker() => new(_time);

    [Fact]
    public void Writing_OneSecondIn_RowsRateAndTimeLeftFromTheCounts()
    {
        var activity = NewTracker();
        using var import = activity.Begin("mrr", "/tmp/spool/mrr.csv", "admin@demo.local");
        import.Writing(1_000_000);
        long done = 0;
        import.Counting(() => done);

        _time.Advance(TimeSpan.FromSeconds(1));
        done = 100_000;
        var item = activity.Snapshot().Running!;

        Assert.Equal(ImportPhase.Writing, item.Phase);
        Assert.Equal("mrr.csv", item.FileName);
        Assert.Equal(100_000, item.RowsDone);
        Assert.Equal(1_000_000, item.RowsTotal);
        Assert.Equal(100_000, item.RowsPerSecond!.Value, 3);
        Assert.Equal(9, item.SecondsLeft!.Value, 3);
        Assert.Equal(0.1, item.Fraction!.Value, 6);
    }

    [Fact]
    public void Rate_AfterASlowStart_IsTheLastFewSecondsOnly()
    {
        var activity = NewTracker();
        using var import = activity.Begin("mrr", "mrr.csv", "admin");
        import.Writing(1_000_000);
        long done = 0;
        import.Counting(() => done);

        // Ten slow seconds (1,000 rows/s), looked at every second, then six fast ones (100,000 rows/s).
        for (var s = 1; s <= 10; s++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            done += 1_000;
            activity.Snapshot();
        }

        for (var s = 1; s <= 6; s++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            done += 100_000;
            activity.Snapshot();
        }

        var item = activity.Snapshot().Running!;

        Assert.Equal(610_000, item.RowsDone);
        Assert.Equal(100_000, item.RowsPerSecond!.Value, 3);
        Assert.Equal(3.9, item.SecondsLeft!.Value, 3);
    }

    [Fact]
    public void Counts_LookedAtOftenerThanTheGap_AreReadOnce()
    {
        var activity = NewTracker();
        using var import = activity.Begin("mrr", "mrr.csv", "admin");
        import.Writing(1_000);
        var reads = 0;
        import.Counting(() => ++reads * 10);

        _time.Advance(TimeSpan.FromSeconds(1));
        var first = activity.Snapshot().Running!;
        _time.Advance(ImportActivity.SampleGap / 2);
        var second = activity.Snapshot().Running!;

        Assert.Equal(1, reads);
        Assert.Equal(first.RowsDone, second.RowsDone);
    }

    [Fact]
    public void Reading_TotalUnknown_TimeLeftFromTheShareOfTheFile()
    {
        var activity = NewTracker();
        using var import = activity.Begin("mrr", "mrr.csv", "admin");
        var progress = (Rows: 0L, Fraction: 0.0);
        import.Reading(() => progress);

        _time.Advance(TimeSpan.FromSeconds(2));
        progress = (200_000, 0.25);
        var item = activity.Snapshot().Running!;

        Assert.Equal(ImportPhase.Reading, item.Phase);
        Assert.Null(item.RowsTotal);
        Assert.Equal(200_000, item.RowsDone);
        Assert.Equal(100_000, item.RowsPerSecond!.Value, 3);
        Assert.Equal(6, item.SecondsLeft!.Value, 3);
    }

    [Fact]
    public void Rate_BeforeHalfASecond_IsNotGuessed()
    {
        var activity = NewTracker();
        using var import = activity.Begin("mrr", "mrr.csv", "admin");
        import.Writing(1_000);
        import.Counting(() => 10);

        _time.Advance(TimeSpan.FromMilliseconds(300));
        var item = activity.Snapshot().Running!;

        Assert.Equal(10, item.RowsDone);
        Assert.Null(item.RowsPerSecond);
        Assert.Null(item.SecondsLeft);
    }

    [Fact]
    public void Queued_BeforeTheBatchRowExists_NamesTheFileAndWhoseItIs_ThenTheBatch()
    {
        var activity = NewTracker();
        using var first = activity.Begin("mrr", "mrr.csv", "admin@demo.local");
        using var second = activity.Begin("accounts", "accounts.csv", "ops@demo.local");
        using var third = activity.Begin("mrr", "later.csv", "ops@demo.local");
        first.Waiting();
        first.Writing(1_000);
        second.Waiting();
        _time.Advance(TimeSpan.FromMilliseconds(10));
        third.Waiting();

        var before = activity.Snapshot();
        first.Started(12);
        var after = activity.Snapshot();

        Assert.Equal(first.Id, before.Running!.Id);
        Assert.Equal(["accounts.csv", "later.csv"], before.Queued.Select(q => q.FileName));
        Assert.Equal([1, 2], before.Queued.Select(q => q.Position!.Value));
        Assert.All(before.Queued, q => Assert.Equal("mrr.csv by admin@demo.local", q.Behind));
        Assert.Null(before.Queued[0].BehindBatchId);
        Assert.Equal(ImportPhase.Waiting, before.Queued[0].Phase);
        Assert.Equal(12, after.Running!.BatchId);
        Assert.All(after.Queued, q => Assert.Equal("batch 12 (mrr.csv by admin@demo.local)", q.Behind));
        Assert.All(after.Queued, q => Assert.Equal(12, q.BehindBatchId));
    }

    [Fact]
    public void Queued_BehindARevert_NamesTheRevertedBatchAndWho()
    {
        var activity = NewTracker();
        using var revert = activity.Begin(ImportActivity.RevertKind, "batch #7", "ana@demo.local");
        using var import = activity.Begin("mrr", "mrr.csv", "ops@demo.local");
        revert.Waiting();
        revert.Writing(0);
        revert.Started(7);
        import.Waiting();

        var snapshot = activity.Snapshot();

        Assert.Equal(ImportActivity.RevertKind, snapshot.Running!.Kind);
        Assert.Equal(7, snapshot.Running.BatchId);
        var queued = Assert.Single(snapshot.Queued);
        Assert.Equal("the revert of batch 7 (by ana@demo.local)", queued.Behind);
        Assert.Equal(7, queued.BehindBatchId);
    }

    [Fact]
    public void Queued_NothingTrackedHoldsTheLock_SaysAnotherWrite()
    {
        var activity = NewTracker();
        using var import = activity.Begin("mrr", "mrr.csv", "admin");
        import.Waiting();

        var snapshot = activity.Snapshot();

        Assert.Null(snapshot.Running);
        Assert.StartsWith("another write", snapshot.Queued.Single().Behind, StringComparison.Ordinal);
        Assert.False(snapshot.IsIdle);
    }

    [Fact]
    public void TwoReading_TheOlderRuns_TheOtherIsListedBesideIt()
    {
        var activity = NewTracker();
        using var a = activity.Begin("mrr", "a.csv", "admin");
        using var b = activity.Begin("mrr", "b.csv", "admin");

        var snapshot = activity.Snapshot();

        Assert.Equal("a.csv", snapshot.Running!.FileName);
        Assert.Equal("b.csv", snapshot.Others.Single().FileName);
        Assert.Empty(snapshot.Queued);
    }

    [Fact]
    public void Ended_IsGone_OwnerFindsOnlyItsOwn()
    {
        var activity = NewTracker();
        var mine = new object();
        var a = activity.Begin("mrr", "a.csv", "admin", mine);
        using var b = activity.Begin("mrr", "b.csv", "admin", new object());

        var during = activity.Snapshot();
        a.Dispose();
        var afterA = activity.Snapshot();
        b.Dispose();

        Assert.Equal("a.csv", during.For(mine)!.FileName);
        Assert.Null(during.For(null));
        Assert.Null(afterA.For(mine));
        Assert.True(activity.Snapshot().IsIdle);
        Assert.Same(ImportActivitySnapshot.Idle, activity.Snapshot());
    }

    [Fact]
    public void Finishing_AllRowsDone_NothingLeft()
    {
        var activity = NewTracker();
        using var import = activity.Begin("mrr", "mrr.csv", "admin");
        import.Writing(500);
        import.Counting(() => 200);
        import.Finishing();

        _time.Advance(TimeSpan.FromSeconds(1));
        var item = activity.Snapshot().Running!;

        Assert.Equal(ImportPhase.Finishing, item.Phase);
        Assert.Equal(500, item.RowsDone);
        Assert.Equal(0, item.SecondsLeft);
    }

    [Fact]
    public async Task Tracker_ManyImportsAtOnce_StaysConsistent()
    {
        var activity = NewTracker();
        var work = Enumerable.Range(0, 8).Select(n => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                using var t = activity.Begin("mrr", $"{n}-{i}.csv", "admin");
                t.Waiting();
                t.Writing(10);
                t.Counting(() => 5);
                t.Started(i);
                t.Finishing();
                _ = activity.Snapshot();
            }
        }, TestContext.Current.CancellationToken));

        await Task.WhenAll(work);

        Assert.True(activity.Snapshot().IsIdle);
    }

    [Fact]
    public void ReadCounter_RowsAfterTheHeader_StartAgainFromTheTop()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,2\n3,4\n5,6\n");
        using var counter = new ReadCounter(new MemoryStream(bytes));
        var buffer = new byte[8];

        _ = counter.Read(buffer, 0, 8);
        var part = counter.Progress();
        _ = counter.Read(buffer, 0, 8);
        var whole = counter.Progress();
        counter.Position = 0;
        var reset = counter.Progress();

        Assert.Equal((1L, 0.5), part);
        Assert.Equal((3L, 1.0), whole);
        Assert.Equal((0L, 0.0), reset);
        Assert.Equal(bytes.Length, counter.Length);
    }
}
