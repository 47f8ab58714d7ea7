// Draws ApexCharts from a ChartSpec built in C#. One chart per element, kept in a WeakMap: no globals,
// no eval; formatters are chosen by name because functions cannot cross the interop boundary.
import ApexCharts from '../../lib/apexcharts/apexcharts.esm.js';

const charts = new WeakMap();
const NOT_REACHED = -1;

// chrome: the theme's colours beside the data (DashboardPalette.LightChart or DarkChart).
export async function render(element, spec, dotnet, chrome) {
    destroy(element);
    const options = toOptions(spec, chrome, element.clientWidth || 600);
    if (dotnet) {
        // Drill-down: report the clicked point to the component (by labels, so reordered rows stay unambiguous).
        options.chart.events = {
            dataPointSelection: (_event, _context, config) => {
                const series = config.w.config.series[config.seriesIndex];
                const category = spec.categories[config.dataPointIndex] ?? '';
                dotnet.invokeMethodAsync('PointSelected', series?.name ?? '', String(category), config.seriesIndex, config.dataPointIndex);
            },
        };
        options.states = { active: { filter: { type: 'darken', value: 0.6 } } };
    }
    const chart = new ApexCharts(element, options);
    charts.set(element, chart);
    await chart.render();
    element.dataset.chartReady = 'true';
}

export function destroy(element) {
    const chart = element && charts.get(element);
    if (chart) {
        chart.destroy();
        charts.delete(element);
    }
}

// Axis labels: the decimals C# chose with the ticks (whole percentages show "98 %"), money compact ("1M").
// Tooltips: the exact figure, money in the one money format (no cents at or above the threshold C# sends).
function formatter(spec, decimals, exact) {
    const locale = spec.locale || undefined;
    switch (spec.format) {
        case 'percent': {
            const d = decimals ?? 1;
            const f = new Intl.NumberFormat(locale, { maximumFractionDigits: d, minimumFractionDigits: d });
            return v => (v === null || v === undefined ? '' : `${f.format(v)} %`);
        }
        case 'money': {
            return exact ? exactMoneyFormatter(spec, locale) : moneyFormatter(spec, locale);
        }
        case 'multiple': {
            const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
            return v => (v === null || v === undefined ? '' : `${f.format(v)}x`);
        }
        default: {
            const f = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals ?? 1 });
            return v => (v === null || v === undefined ? '' : f.format(v));
        }
    }
}

const minusSign = locale => new Intl.NumberFormat(locale).formatToParts(-1).find(x => x.type === 'minusSign')?.value ?? '-';

function fillMoney(p, number, negative, sign) {
    return (negative ? p.negative : p.positive)
        .replace('{symbol}', () => p.symbol)
        .replace('{sign}', () => sign)
        .replace('{number}', () => number);
}

// Money: a compact number ("1.2M", "1,2 Mio.") in the page's locale, placed in the server's pattern so the symbol is
// the reporting currency's (A$, €, CHF, RM) and sits where the culture puts it, as in every table on the page.
function moneyFormatter(spec, locale) {
    const f = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    const p = spec.money;
    if (!p) {
        const c = new Intl.NumberFormat(locale, { style: 'currency', currency: spec.currency || 'USD', notation: 'compact', maximumFractionDigits: 1 });
        return v => (v === null || v === undefined ? '' : c.format(v));
    }
    const sign = minusSign(locale);
    return v => {
        if (v === null || v === undefined) {
            return '';
        }
        const number = f.format(Math.abs(v));
        const negative = v < 0 && number.replace(/[^1-9]/g, '') !== '';
        return fillMoney(p, number, negative, sign);
    };
}

// The same rule as Money.Format in C#: minor units only below wholeUnitsFrom and never on zero ("$0", "$678.23",
// "$3,214"); the pattern, the minor digits and the threshold all come from C#.
function exactMoneyFormatter(spec, locale) {
    const p = spec.money;
    if (!p) {
        return moneyFormatter(spec, locale);
    }
    const minor = p.minorDigits ?? 2;
    const from = p.wholeUnitsFrom ?? 1000;
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, minimumFractionDigits: 0 });
    const cents = new Intl.NumberFormat(locale, { maximumFractionDigits: minor, minimumFractionDigits: minor });
    const sign = minusSign(locale);
    return v => {
        if (v === null || v === undefined) {
            return '';
        }
        const abs = Math.abs(v);
        const rounded = Number(abs.toFixed(minor));
        const f = abs >= from || rounded === 0 ? whole : cents;
        const number = f.format(abs);
        const negative = v < 0 && number.replace(/[^1-9]/g, '') !== '';
        return fillMoney(p, number, negative, sign);
    };
}

// ApexCharts inserts legend entries, tooltip titles, tooltip series labels and the x-axis tooltip as HTML (innerHTML);
// series and category names are user data (segments, products, CSMs), so every one of those sinks gets a formatter that
// escapes. Axis labels, chart titles and gauge labels are SVG text nodes: they stay unescaped, or "R&D <Team>" would
// read "R&amp;D &lt;Team&gt;". HostileChartNamesTests walks every page with the CSP off to prove both.
const escapeHtml = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const legendText = name => escapeHtml(name);
const tooltipTitle = name => (name ? `${escapeHtml(name)}: ` : '');
const tooltipX = v => escapeHtml(v);

function toOptions(spec, chrome, width) {
    const fmt = formatter(spec, undefined, true);
    const axisFmt = formatter(spec, spec.axisDecimals ?? undefined, false);
    const options = {
        chart: {
            type: spec.type,
            height: spec.height,
            stacked: !!spec.stacked,
            fontFamily: 'Roboto, "Segoe UI", system-ui, sans-serif',
            background: 'transparent',
            toolbar: { show: spec.type !== 'radialBar', tools: { download: true, selection: false, zoom: false, zoomin: false, zoomout: false, pan: false, reset: false } },
            animations: { enabled: false },
            foreColor: chrome.text,
        },
        theme: { mode: chrome.mode },
        grid: { borderColor: chrome.grid },
        series: [],
        dataLabels: { enabled: false },
        tooltip: { x: { formatter: tooltipX }, y: { formatter: fmt, title: { formatter: tooltipTitle } } },
        legend: { position: 'top', horizontalAlign: 'left', formatter: legendText },
        noData: { text: 'No data for this view yet' },
    };
    // The title is drawn by the component as the card's heading (one size on every page), not in the SVG.
    if (spec.colors && spec.colors.length) {
        options.colors = spec.colors;
    }

    if (spec.type === 'radialBar') {
        const max = spec.radial?.max || 100;
        const labels = spec.radial?.centreLabels || [];
        options.series = spec.series.map(s => Math.max(0, Math.min(100, ((s.data[0] ?? 0) / max) * 100)));
        options.labels = spec.categories;
        options.plotOptions = {
            radialBar: {
                startAngle: -120,
                endAngle: 120,
                hollow: { size: '58%' },
                track: { background: chrome.track },
                dataLabels: {
                    name: { show: true, fontSize: '13px', offsetY: 22 },
                    value: { show: true, fontSize: '24px', fontWeight: 700, offsetY: -12, formatter: (_, opts) => labels[opts?.seriesIndex ?? 0] ?? '' },
                },
            },
        };
        // A single gauge shows its own label; ApexCharts passes no series index to the value formatter then.
        if (options.series.length === 1) {
            options.plotOptions.radialBar.dataLabels.value.formatter = () => labels[0] ?? '';
        }
        options.legend = { show: false };
        options.tooltip = { enabled: false };
        return options;
    }

    if (spec.type === 'heatmap') {
        options.series = spec.series.map(s => ({
            name: s.name,
            // ApexCharts paints null as 0; a sentinel with its own transparent range keeps unreached cells empty.
            data: s.data.map((v, i) => ({ x: spec.categories[i], y: v === null || v === undefined ? NOT_REACHED : v })),
        }));
        const ranges = (spec.heatRanges || []).map(r => ({ from: r.from, to: r.to, color: r.color, name: r.name }));
        ranges.unshift({ from: NOT_REACHED - 0.5, to: NOT_REACHED + 0.5, color: chrome.surface, name: 'not reached' });
        options.plotOptions = {
            heatmap: {
                enableShades: false,
                colorScale: { ranges },
            },
        };
        options.dataLabels = { enabled: spec.categories.length <= 16, formatter: v => (v === NOT_REACHED ? '' : Math.round(v)), style: { fontSize: '10px' } };
        options.tooltip = { x: { formatter: tooltipX }, y: { formatter: v => (v === NOT_REACHED ? 'not reached yet' : fmt(v)), title: { formatter: tooltipTitle } } };
        options.xaxis = { type: 'category', title: { text: 'Months since first payment' } };
        options.stroke = { width: 1, colors: [chrome.surface] };
        options.legend = { show: true, position: 'bottom', formatter: legendText };
        return options;
    }

    options.series = spec.series.map(s => ({ name: s.name, data: s.data }));
    // Horizontal labels only, as many as fit (about 72 px each): rotated labels' boxes overlap their neighbours.
    const fit = Math.max(2, Math.floor(width / 72));
    const step = Math.max(1, Math.ceil(spec.categories.length / fit));
    options.xaxis = {
        categories: spec.categories,
        labels: {
            rotate: 0,
            rotateAlways: false,
            hideOverlappingLabels: true,
            trim: false,
            formatter: (v, _ts, opts) => {
                const i = opts?.i ?? spec.categories.indexOf(v);
                return i >= 0 && i % step !== 0 ? '' : v;
            },
        },
        tooltip: { enabled: false },
    };
    options.yaxis = { labels: { formatter: axisFmt } };
    if (spec.yMin !== null && spec.yMin !== undefined) {
        options.yaxis.min = spec.yMin;
    }
    if (spec.yMax !== null && spec.yMax !== undefined) {
        options.yaxis.max = spec.yMax;
    }
    if (spec.tickAmount) {
        // C# chose round ends and step; ApexCharts must not re-"nice" them into 107.0 / 102.7 / 98.3.
        options.yaxis.tickAmount = spec.tickAmount;
        options.yaxis.forceNiceScale = false;
    } else {
        options.yaxis.forceNiceScale = spec.yMin === null || spec.yMin === undefined;
    }
    // Monthly figures are points, not a curve: straight segments never overshoot them.
    options.stroke = spec.type === 'bar' ? { width: 0 } : { width: 3, curve: 'straight' };
    options.markers = { size: spec.categories.length <= 12 ? 4 : 0 };
    if (spec.bands && spec.bands.length) {
        // Shading only: the bands' names are in the legend under the chart (the component draws it), so no label can
        // sit on another label or on the line.
        options.annotations = {
            yaxis: spec.bands.map(b => ({
                y: b.from,
                y2: b.to,
                fillColor: b.color,
                opacity: chrome.bandOpacity,
                borderColor: 'transparent',
                label: { text: '' },
            })),
        };
    }
    return options;
}
