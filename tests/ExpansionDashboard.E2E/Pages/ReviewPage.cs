using Microsoft.Playwright;

namespace ExpansionDashboard.E2E.Pages;

/// <summary>The weekly review deck: the current slide, keys, and fit measurements.</summary>
public sealed class ReviewPage(IPage page, string baseUrl)
{
    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync($"{baseUrl}/review{query}");
        await ShellPage.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=slide-1]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public async Task<int> SlideAsync() => int.Parse(await page.GetAttributeAsync("[data-testid=review]", "data-slide") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Presses a key and waits until the deck shows <paramref name="expected"/>.</summary>
    public async Task PressAsync(string key, int expected)
    {
        await page.Keyboard.PressAsync(key);
        await page.WaitForFunctionAsync($"document.querySelector('[data-testid=review]').dataset.slide === '{expected}'");
    }

    /// <summary>
    /// What the back of the room sees on the current slide: the smallest chart text (computed and as drawn, the SVG's
    /// scale applied), the smallest table text, links, whether the key hint is in view, and how far down the slide's
    /// content reaches (share of the body's height).
    /// </summary>
    public Task<SlideReading> ReadAsync() => page.EvaluateAsync<SlideReading>("""
        (() => {
          const s = document.querySelector('.slide.current');
          const px = el => parseFloat(getComputedStyle(el).fontSize);
          const chartTexts = [...s.querySelectorAll('svg text, .apexcharts-text')].filter(t => t.textContent.trim().length > 0);
          const drawn = chartTexts.map(t => {
            const svg = t.ownerSVGElement;
            const vb = svg && svg.viewBox && svg.viewBox.baseVal;
            const scale = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
            return px(t) * scale;
          });
          const cells = [...s.querySelectorAll('td, th')].filter(c => c.textContent.trim().length > 0);
          const keys = s.querySelector('[data-testid=review-keys]');
          const kr = keys ? keys.getBoundingClientRect() : null;
          const body = s.querySelector('.slide-body');
          const br = body ? body.getBoundingClientRect() : null;
          let bottom = br ? br.top : 0;
          if (body) {
            for (const el of body.querySelectorAll('tr, .review-kpi, svg, .slide-empty')) { bottom = Math.max(bottom, el.getBoundingClientRect().bottom); }
          }
          return {
            chartTexts: chartTexts.length,
            minChartPx: chartTexts.length ? Math.min(...chartTexts.map(px)) : 99,
            minChartDrawnPx: drawn.length ? Math.min(...drawn) : 99,
            minTablePx: cells.length ? Math.min(...cells.map(px)) : 99,
            tableCells: cells.length,
            links: s.querySelectorAll('a[href]').length,
            keysVisible: !!kr && kr.width > 0 && kr.bottom <= window.innerHeight && kr.top >= 0 && getComputedStyle(keys).visibility === 'visible',
            filled: br && br.height > 0 ? (bottom - br.top) / br.height : 0,
          };
        })()
        """);

    /// <summary>Document overflow (scrollbars) and the current slide's own overflow (clipped content), in pixels.</summary>
    public Task<int[]> OverflowAsync() => page.EvaluateAsync<int[]>("""
        (() => {
          const d = document.documentElement;
          const s = document.querySelector('.slide.current');
          return [d.scrollHeight - window.innerHeight, d.scrollWidth - window.innerWidth, s.scrollHeight - s.clientHeight, s.scrollWidth - s.clientWidth];
        })()
        """);
}

/// <summary>The measurements of <see cref="ReviewPage.ReadAsync"/>.</summary>
public sealed class SlideReading
{
    public int ChartTexts { get; set; }

    public double MinChartPx { get; set; }

    public double MinChartDrawnPx { get; set; }

    public double MinTablePx { get; set; }

    public int TableCells { get; set; }

    public int Links { get; set; }

    public bool KeysVisible { get; set; }

    public double Filled { get; set; }
}
