// Compiled into every test project (Directory.Build.props links it), so each assembly checks its own classes.
namespace ExpansionDashboard.TestKit.Conventions;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class LaneConventionTests
{
    [Fact]
    public void TestClasses_EachCarryExactlyOneLane() =>
        Assert.Empty(Lanes.Problems(typeof(LaneConventionTests).Assembly));
}
