using System.Text;
using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Import.Kinds;

namespace ExpansionDashboard.Data.Tests.Import;

/// <summary>Each kind's class is the one place its columns, parsing and table are stated.</summary>
[Trait(Lanes.Category, Lanes.Unit)]
public sealed class ImportKindsTests
{
    public static TheoryData<string> Slugs() => [.. ImportKinds.All.Select(k => k.Slug)];

    [Fact]
    public void All_EveryEnumValue_HasOneKindWithItsOwnSlug()
    {
        Assert.Equal(Enum.GetValues<ImportKind>().Order(), ImportKinds.All.Select(k => k.Kind).Order());
        Assert.Equal(
            ["accounts", "mrr", "invoice-lines", "opportunities", "targets", "health", "fx-rates"],
            ImportKinds.All.Select(k => k.Slug));
        Assert.All(ImportKinds.All, k => Assert.Same(k, ImportKinds.Find(k.Slug.ToUpperInvariant())));
        Assert.Null(ImportKinds.Find("revenue"));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Template_EveryKind_HeaderIsTheKindsColumnsEachDocumented(string slug)
    {
        var kind = ImportKinds.Find(slug)!;
        var header = kind.Template.Split('\n')[0].Split(',');

        Assert.Equal(kind.Columns.Select(c => c.Name), header);
        Assert.Equal(header.Length, header.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(kind.Columns, c => Assert.False(string.IsNullOrWhiteSpace(c.Description), $"{slug}.{c.Name} has no help text"));
        Assert.Contains(kind.Columns, c => c.Required);
        Assert.Same(kind, ImportKinds.Get(kind.Kind));
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Template_EveryKind_ExampleRowParsesWithoutIssues(string slug)
    {
        var kind = ImportKinds.Find(slug)!;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kind.Template));
        var source = CsvSource.Open(stream, kind.Kind);
        var parser = new ImportParser(kind.Kind, source.DecimalComma, "USD");
        var issues = new List<ImportIssue>();

        var rows = source.Rows().Select(r => parser.Parse(r, issues)).ToList();

        Assert.Empty(source.MissingColumns);
        Assert.Empty(issues);
        var row = Assert.Single(rows);
        Assert.NotNull(row);
        Assert.Equal(2, row.Line);
    }

    [Fact]
    public void KeyColumns_EveryKind_NameColumnsOfTheKind()
    {
        Assert.All(ImportKinds.All, k =>
            Assert.All(k.KeyColumns.Split(", "), c => Assert.Contains(c, k.Columns.Select(col => col.Name))));
    }
}
