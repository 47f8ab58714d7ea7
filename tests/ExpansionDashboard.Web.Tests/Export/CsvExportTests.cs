using System.Text;
using Bunit;
using ExpansionDashboard.Web.Export;
using ExpansionDashboard.Web.Shared.Widgets;

namespace ExpansionDashboard.Web.Tests.Export;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class CsvExportTests : MudComponentTest
{
    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');

    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("Plain name", "Plain name")]
    [InlineData("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>")]
    public void Neutralise_FormulaLookingText_GetsApostrophe(string input, string expected) =>
        Assert.Equal(expected, CsvExport.Neutralise(input));

    [Fact]
    public void Build_Rows_NumbersStayNumbersTextIsNeutralisedAndQuoted()
    {
        var bytes = CsvExport.Build(["name", "mrr", "month"], [["=HYPERLINK(\"x\")", -1234.5m, new DateOnly(2026, 10, 1)], ["Acme, Inc.", 10m, null]]);

        var lines = Text(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,mrr,month", lines[0]);
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\",-1234.5,2026-10-01", lines[1]);
        Assert.Equal("\"Acme, Inc.\",10,", lines[2]);
    }

    [Fact]
    public void Build_NumbersOfEachUnit_RoundedToIt()
    {
        var bytes = CsvExport.Build(
            ["account", "mrr", "health_score", "share_expanded", "recommended_multiple", "accounts"],
            [["Acme", 1234.5678m, 72.218584379358437935843793584m, 33.33333333m, 2.6666666666d, 12]]);

        var lines = Text(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Acme,1234.57,72.2,33.33,2.67,12", lines[1]);
    }

    [Theory]
    [InlineData("health_score", 1)]
    [InlineData("HEALTH_SCORE", 1)]
    [InlineData("mrr", 2)]
    [InlineData("amount_arr", 2)]
    [InlineData("share_of_open_pipeline", 2)]
    public void DecimalsFor_Column_ItsUnit(string column, int decimals) => Assert.Equal(decimals, CsvExport.DecimalsFor(column));

    [Fact]
    public void ExportButton_Click_HandsTheBuiltBytesToItsModule()
    {
        var module = Context.JSInterop.SetupModule(ExportButton.ModulePath);
        module.SetupVoid("download", _ => true).SetVoidResult();
        var bytes = CsvExport.Build(["a"], [["b"]]);

        var cut = Context.Render<ExportButton>(p => p.Add(b => b.FileName, "x.csv").Add(b => b.Build, () => bytes).Add(b => b.TestId, "export"));
        cut.Find("[data-testid=export]").Click();

        var call = module.VerifyInvoke("download");
        Assert.Equal("x.csv", call.Arguments[0]);
        Assert.Same(bytes, call.Arguments[1]);
    }
}
