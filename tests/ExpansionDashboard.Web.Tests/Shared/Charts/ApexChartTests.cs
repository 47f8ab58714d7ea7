using System.Globalization;
using Bunit;
using ExpansionDashboard.Web.Shared;
using ExpansionDashboard.Web.Shared.Charts;
using Microsoft.JSInterop;

namespace ExpansionDashboard.Web.Tests.Shared.Charts;

[Trait(Lanes.Category, Lanes.Unit)]
public sealed class ApexChartTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();

    public static TheoryData<string> Types => new() { "line", "heatmap", "radialBar" };

    private static ChartSpec SpecOf(string type) => type switch
    {
        "heatmap" => new ChartSpec("heatmap", [new ChartSeries("2025-Q1", [100m, 104.5m, null])], ["0", "1", "2"], ChartFormats.Percent,
            HeatRanges: [new HeatRange(95m, 105m, "#eeeeee", "95–105 %")]),
        "radialBar" => new ChartSpec("radialBar", [new ChartSeries("SMB", [1.9m])], ["SMB"], ChartFormats.Multiple, Radial: new RadialSpec(5m, ["1.9x"]), Colors: ["#c62828"]),
        _ => new ChartSpec("line", [new ChartSeries("NRR", [101.5m, 102m])], ["2026-10", "2026-11"], ChartFormats.Percent, Title: "NRR"),
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void FirstRender_ImportsCollocatedModule_AndRendersExactSpecOnItsElement(string type)
    {
        var module = _ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetVoidResult();
        var spec = SpecOf(type);

        var cut = _ctx.Render<ApexChart>(p => p.Add(c => c.Spec, spec).Add(c => c.TestId, "chart"));

        var call = module.VerifyInvoke("render");
        Assert.Equal(4, call.Arguments.Count);
        call.Arguments[0].ShouldBeElementReferenceTo(cut.Find(".apex-chart-canvas"));
        Assert.Equal(spec with { Locale = CultureInfo.CurrentCulture.Name }, call.Arguments[1]);
        Assert.Null(call.Arguments[2]);
        Assert.Equal(DashboardPalette.LightChart, call.Arguments[3]);
        Assert.Equal(type, cut.Find("[data-testid=chart]").GetAttribute("data-chart-type"));
    }

    [Fact]
    public void Rerender_SameSpec_DoesNotRedraw_NewSpec_RedrawsOnce()
    {
        var module = _ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetVoidResult();
        var spec = SpecOf("line");
        var cut = _ctx.Render<ApexChart>(p => p.Add(c => c.Spec, spec));

        cut.Render(p => p.Add(c => c.Spec, spec));
        module.VerifyInvoke("render", calledTimes: 1);

        var next = spec with { Title = "Updated" };
        cut.Render(p => p.Add(c => c.Spec, next));
        var calls = module.VerifyInvoke("render", calledTimes: 2);
        Assert.Equal(next with { Locale = CultureInfo.CurrentCulture.Name }, calls[1].Arguments[1]);
    }

    [Fact]
    public void FirstRender_UserCulture_ChartNumbersUseThatLocale()
    {
        var module = _ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetVoidResult();
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            _ctx.Render<ApexChart>(p => p.Add(c => c.Spec, SpecOf("line")));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }

        Assert.Equal("de-DE", Assert.IsType<ChartSpec>(module.VerifyInvoke("render").Arguments[1]).Locale);
    }

    [Theory]
    [InlineData("AUD", "en-US", "A$", "{symbol}{number}")]
    [InlineData("EUR", "de-DE", "€", "{number}\u00a0{symbol}")]
    [InlineData("CHF", "en-US", "CHF", "{symbol}\u00a0{number}")]
    public void FirstRender_MoneyChart_AxisAndTooltipGetTheReportingCurrencysPattern(string currency, string culture, string symbol, string positive)
    {
        var module = _ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetVoidResult();
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            _ctx.Render<ApexChart>(p => p.Add(c => c.Spec, ChartSpecs.MrrTrend([], currency)));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }

        var sent = Assert.IsType<ChartSpec>(module.VerifyInvoke("render").Arguments[1]);
        Assert.Equal(symbol, sent.Money!.Symbol);
        Assert.Equal(positive, sent.Money.Positive);
    }

    [Fact]
    public void FirstRender_PercentChart_HasNoMoneyPattern()
    {
        var module = _ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetVoidResult();

        _ctx.Render<ApexChart>(p => p.Add(c => c.Spec, SpecOf("line")));

        Assert.Null(Assert.IsType<ChartSpec>(module.VerifyInvoke("render").Arguments[1]).Money);
    }

    [Fact]
    public void DarkMode_Cascaded_DrawsWithDarkColours()
    {
        var module = _ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetVoidResult();

        var spec = SpecOf("line") with { Colors = [DashboardPalette.Primary, DashboardPalette.Secondary] };
        _ctx.Render<ApexChart>(p => p.Add(c => c.Spec, spec).AddCascadingValue("DarkMode", true));

        var dark = module.VerifyInvoke("render");
        Assert.Equal(4, dark.Arguments.Count);
        var chrome = Assert.IsType<ChartChrome>(dark.Arguments[3]);
        Assert.Equal("dark", chrome.Mode);
        Assert.Equal("#d0d3dc", chrome.Text);
        Assert.Equal("#3a3f4b", chrome.Grid);

        // The deep primary would vanish on the dark surface: the dark theme's lighter primary is drawn instead.
        Assert.Equal(["#7986cb", DashboardPalette.Secondary], Assert.IsType<ChartSpec>(dark.Arguments[1]).Colors);
    }

    [Fact]
    public async Task Dispose_DestroysChartOnItsElement()
    {
        var module = _ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetVoidResult();
        module.SetupVoid("destroy", _ => true).SetVoidResult();
        var cut = _ctx.Render<ApexChart>(p => p.Add(c => c.Spec, SpecOf("line")));
        var canvas = cut.Find(".apex-chart-canvas");

        await cut.Instance.DisposeAsync();

        module.VerifyInvoke("destroy").Arguments[0].ShouldBeElementReferenceTo(canvas);
    }

    [Fact]
    public async Task Dispose_CircuitAlreadyGone_DoesNotThrow()
    {
        var module = _ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetVoidResult();
        module.SetupVoid("destroy", _ => true).SetException(new JSDisconnectedException("circuit lost"));
        var cut = _ctx.Render<ApexChart>(p => p.Add(c => c.Spec, SpecOf("radialBar")));

        var ex = await Record.ExceptionAsync(async () => await cut.Instance.DisposeAsync());

        Assert.Null(ex);
    }

    [Fact]
    public async Task PointClick_HandlerSet_ModuleGetsCallbackAndClicksReachTheHandler()
    {
        var module = _ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetVoidResult();
        ChartPoint? clicked = null;

        var cut = _ctx.Render<ApexChart>(p => p.Add(c => c.Spec, SpecOf("heatmap")).Add(c => c.OnPointClick, (ChartPoint pt) => clicked = pt));

        var call = module.VerifyInvoke("render");
        Assert.Equal(4, call.Arguments.Count);
        Assert.IsType<DotNetObjectReference<ApexChart>>(call.Arguments[2]);
        Assert.Equal(DashboardPalette.LightChart, call.Arguments[3]);
        await cut.InvokeAsync(() => cut.Instance.PointSelected("2025-Q1", "1", 0, 1));
        Assert.Equal(new ChartPoint("2025-Q1", "1", 0, 1), clicked);
    }

    [Fact]
    public void Render_ModuleThrows_ShowsMessageInsteadOfFailingThePage()
    {
        var module = _ctx.JSInterop.SetupModule(ApexChart.ModulePath);
        module.SetupVoid("render", _ => true).SetException(new JSException("boom"));

        var cut = _ctx.Render<ApexChart>(p => p.Add(c => c.Spec, SpecOf("heatmap")));

        cut.WaitForAssertion(() => Assert.Contains("could not be drawn", cut.Find("[data-testid=chart-error]").TextContent));
    }
}
