using Bunit;
using ExpansionDashboard.Web.Shared.Widgets;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ExpansionDashboard.Web.Tests.Shared.Widgets;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class DrillDrawerTests : MudComponentTest
{
    private IRenderedComponent<DrillDrawer> Render(bool open, Action onClose) =>
        Context.Render<DrillDrawer>(p => p
            .Add(d => d.Open, open)
            .Add(d => d.Title, "Contraction · 3 accounts")
            .Add(d => d.OnClose, onClose)
            .Add(d => d.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, "<table data-testid=\"rows\"><tr><td>Beta</td></tr></table>"))));

    [Fact]
    public void Open_ShowsTitleAndContentAsADialog()
    {
        var cut = Render(true, () => { });

        var body = cut.Find("[data-testid=drill-drawer]");
        Assert.Equal("dialog", body.GetAttribute("role"));
        Assert.Equal("drill-title", body.GetAttribute("aria-labelledby"));
        Assert.Equal("Contraction · 3 accounts", cut.Find("[data-testid=drill-title]").TextContent);
        Assert.Contains("Beta", cut.Find("[data-testid=rows]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Closed_RendersNoContent()
    {
        var cut = Render(false, () => { });

        Assert.Empty(cut.FindAll("[data-testid=drill-drawer]"));
        Assert.Empty(cut.FindAll("[data-testid=rows]"));
    }

    [Fact]
    public void Escape_AsksThePageToClose_OtherKeysDoNot()
    {
        var closed = 0;
        var cut = Render(true, () => closed++);

        cut.Find("[data-testid=drill-drawer]").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        Assert.Equal(0, closed);
        cut.Find("[data-testid=drill-drawer]").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        Assert.Equal(1, closed);
    }

    [Fact]
    public void CloseButton_AsksThePageToClose()
    {
        var closed = 0;
        var cut = Render(true, () => closed++);

        cut.Find("[data-testid=drill-close] button, button[data-testid=drill-close]").Click();

        Assert.Equal(1, closed);
    }
}
