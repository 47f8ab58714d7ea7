using ExpansionDashboard.Data.SavedReviews;

namespace ExpansionDashboard.Data.Tests.Review;

[Trait(Lanes.Category, Lanes.Store)]
public sealed class SavedReviewStoreTests(DemoStoreFixture store) : IClassFixture<DemoStoreFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Save_ThenReopen_GivesBackExactlyWhatWasSavedListedNewestFirst()
    {
        var reviews = new SavedReviewStore(store.Db, new Audit.AuditLog(store.Db, DemoStoreFixture.Time), DemoStoreFixture.Time);
        const string older = """{"date":"2026-11-16","slides":[{"title":"Are we winning? \u25b2 1.2 %"}]}""";
        const string newer = """{"date":"2026-11-23","slides":[{"title":"NRR 104.2 %","note":"€ ≥ ■"}]}""";

        var first = await reviews.SaveAsync(new DateOnly(2026, 11, 16), older, "admin@demo.local", Ct);
        var second = await reviews.SaveAsync(new DateOnly(2026, 11, 23), newer, "admin@demo.local", Ct);

        var reopened = await reviews.GetAsync(second, Ct);
        Assert.NotNull(reopened);
        Assert.Equal((newer, new DateOnly(2026, 11, 23), "admin@demo.local", DemoStoreFixture.Time.GetUtcNow().UtcDateTime), (reopened.Json, reopened.AsOf, reopened.SavedBy, reopened.SavedUtc));
        Assert.Equal(older, (await reviews.GetAsync(first, Ct))!.Json);
        var list = await reviews.ListAsync(Ct);
        Assert.True(list.ToList().FindIndex(r => r.Id == second) < list.ToList().FindIndex(r => r.Id == first));
        Assert.Null(await reviews.GetAsync(second + 1000, Ct));
    }
}
