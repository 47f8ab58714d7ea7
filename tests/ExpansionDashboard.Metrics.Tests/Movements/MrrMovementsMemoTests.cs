using ExpansionDashboard.Metrics.Model;
using ExpansionDashboard.Metrics.Movements;

namespace ExpansionDashboard.Metrics.Tests.Movements;

public class MrrMovementsMemoTests
{
    private static RevenueModel Book() => TestData.Model(
        ("grow", "SMB", [100m, 150m, 150m, 200m]),
        ("shrink", "Enterprise", [200m, 120m, 120m, 120m]),
        ("leave", "SMB", [300m, 0m, 0m, 90m]));

    [Fact]
    public void Get_SameModelAndFilter_ReturnsTheOneComputedList()
    {
        var model = Book();

        var first = MrrMovementsMemo.Get(model, new AccountFilter(Segment: "SMB"));
        var again = MrrMovementsMemo.Get(model, new AccountFilter(Segment: "SMB"));

        Assert.Same(first, again);
        Assert.Equal(MrrMovements.Compute(model, new AccountFilter(Segment: "SMB")), first);
    }

    [Fact]
    public void Get_NullAndEmptyFilter_ShareTheUnfilteredMovements()
    {
        var model = Book();

        var none = MrrMovementsMemo.Get(model);

        Assert.Same(none, MrrMovementsMemo.Get(model, AccountFilter.All));
        Assert.Same(none, MrrMovementsMemo.Get(model, new AccountFilter()));
        Assert.Equal(MrrMovements.Compute(model), none);
        Assert.Equal(-300m, none[0].Churn);
    }

    [Fact]
    public void Get_OtherFilterOrOtherModel_ComputesItsOwn()
    {
        var model = Book();
        var smb = MrrMovementsMemo.Get(model, new AccountFilter(Segment: "SMB"));
        var enterprise = MrrMovementsMemo.Get(model, new AccountFilter(Segment: "Enterprise"));
        var rebuilt = MrrMovementsMemo.Get(Book(), new AccountFilter(Segment: "SMB"));

        Assert.Equal(-300m, smb[0].Churn);
        Assert.Equal(-80m, enterprise[0].Contraction);
        Assert.Equal(0m, enterprise[0].Churn);
        Assert.NotSame(smb, rebuilt);
        Assert.Equal(smb, rebuilt);
    }
}
