using ExpansionDashboard.Metrics.Catalogue;

namespace ExpansionDashboard.Metrics.Tests.Catalogue;

public class MetricCatalogueTests
{
    [Fact]
    public void DocsMetricsMd_DescribesEveryCataloguedMetric()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ExpansionDashboard.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var docs = File.ReadAllText(Path.Combine(dir.FullName, "docs", "metrics.md"));
        foreach (var metric in MetricCatalogue.All)
        {
            Assert.Contains($"## {metric.Name}", docs, StringComparison.Ordinal);
            Assert.Contains($"`{metric.Id}`", docs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Catalogue_IdsAreUniqueAndEveryEntryHasDefinitionAndUnit()
    {
        Assert.Equal(MetricCatalogue.All.Count, MetricCatalogue.All.Select(m => m.Id).Distinct().Count());
        Assert.All(MetricCatalogue.All, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Definition));
            Assert.False(string.IsNullOrWhiteSpace(m.Unit));
        });
    }
}
