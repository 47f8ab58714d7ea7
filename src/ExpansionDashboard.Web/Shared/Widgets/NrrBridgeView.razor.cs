using ExpansionDashboard.Metrics.Retention;

namespace ExpansionDashboard.Web.Shared.Widgets;

public partial class NrrBridgeView
{
    [Parameter, EditorRequired]
    public NrrBridgeResult Bridge { get; set; } = default!;

    [Parameter]
    public string Currency { get; set; } = "USD";

    /// <summary>The open drill-down's slug (<see cref="BridgeDrill"/>): its bar is shown pressed.</summary>
    [Parameter]
    public string? Selected { get; set; }

    /// <summary>Receives a bar's drill slug when it is clicked (null when the pressed bar is clicked again); without it the bars are not buttons.</summary>
    [Parameter]
    public EventCallback<string?> OnSelect { get; set; }

    private bool IsSelected(BridgeBar bar) => Selected is not null && (Selected == BridgeDrill.Slug(bar.Label) || (Selected == BridgeDrill.AllExpansion && BridgeDrill.IsExpansion(bar.Label)));

    private Task SelectAsync(BridgeBar bar) => OnSelect.InvokeAsync(Selected == BridgeDrill.Slug(bar.Label) ? null : BridgeDrill.Slug(bar.Label));

    private sealed record Step(string Label, decimal From, decimal To, decimal Amount, string Kind, BridgeBar? Bar);

    /// <summary>Start, each movement floating from the running total, then end.</summary>
    private IReadOnlyList<Step> Steps
    {
        get
        {
            var steps = new List<Step> { new("Start MRR", 0, Bridge.StartMrr, Bridge.StartMrr, "total", null) };
            var running = Bridge.StartMrr;
            foreach (var bar in Bridge.Bars)
            {
                var next = running + bar.Amount;
                steps.Add(new Step(bar.Label, Math.Min(running, next), Math.Max(running, next), bar.Amount, bar.Amount >= 0 ? "up" : "down", bar));
                running = next;
            }

            steps.Add(new Step("End MRR", 0, Bridge.EndMrr, Bridge.EndMrr, "total", null));

            // FX floats after the constant-currency end: it explains the end month's reported MRR, never NRR.
            if (Bridge.Fx != 0m)
            {
                var atOwn = Bridge.EndMrrAtEndRates;
                steps.Add(new Step("FX (outside NRR)", Math.Min(Bridge.EndMrr, atOwn), Math.Max(Bridge.EndMrr, atOwn), Bridge.Fx, "fx", null));
                steps.Add(new Step("End MRR at end rates", 0, atOwn, atOwn, "total", null));
            }

            return steps;
        }
    }

    private string Style(Step step)
    {
        var max = Math.Max(1m, Math.Max(Bridge.StartMrr, Steps.Max(s => s.To)));
        var left = step.From / max * 100m;
        var width = Math.Max(0.4m, (step.To - step.From) / max * 100m);
        return string.Create(CultureInfo.InvariantCulture, $"margin-left:{left:0.##}%;width:{width:0.##}%");
    }

    private static string Slug(string label) => label.ToLowerInvariant().Replace("expansion: ", "expansion-", StringComparison.Ordinal).Replace(' ', '-').Replace("-mrr", "", StringComparison.Ordinal);
}
