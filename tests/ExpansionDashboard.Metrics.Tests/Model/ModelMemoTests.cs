using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Metrics.Tests.Model;

public class ModelMemoTests
{
    [Fact]
    public void Get_SameKeyTwice_ComputesOnce()
    {
        var model = TestData.Model(("a", [100m, 120m]));
        var calls = 0;

        var first = ModelMemo.Get(model, ("test", 1), () => { calls++; return new List<int> { 1 }; });
        var again = ModelMemo.Get(model, ("test", 1), () => { calls++; return new List<int> { 2 }; });

        Assert.Same(first, again);
        Assert.Equal(1, calls);
        Assert.Equal([2], ModelMemo.Get(model, ("test", 2), () => new List<int> { 2 }));
    }

    [Fact]
    public void Trailing12_AskedAgain_SameValuesAsTheWindowsThemselves()
    {
        var model = TestData.Model(
            ("grow", "SMB", [100m, 110m, 120m, 130m, 140m, 150m, 160m, 170m, 180m, 190m, 200m, 210m, 220m, 230m]),
            ("leave", "Enterprise", [300m, 300m, 300m, 300m, 300m, 300m, 300m, 300m, 300m, 300m, 300m, 300m, 0m, 0m]));

        var nrr = NetRevenueRetention.Trailing12(model);
        var grr = GrossRevenueRetention.Trailing12(model);
        var windows = RetentionSeries.Windows(model, 12);

        Assert.Equal(windows.Select(w => w.Nrr), nrr.Select(p => p.Value));
        Assert.Equal(windows.Select(w => w.Grr), grr.Select(p => p.Value));
        Assert.Equal(nrr, NetRevenueRetention.Trailing12(model));
        Assert.Equal(220m / 400m * 100m, nrr[0].Value);
    }
}
