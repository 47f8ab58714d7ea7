using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Metrics.Alerts;

namespace ExpansionDashboard.Web.Alerts;

/// <summary>
/// Posts alert payloads to incoming webhooks. The body carries a top-level <c>text</c> (what Slack and Microsoft Teams
/// incoming webhooks display) plus the firing's fields for other receivers.
/// </summary>
public sealed class WebhookSender(HttpClient http)
{
    public const string ClientName = "alert-webhooks";

    public static object Payload(AlertFiringRow f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var level = f.Severity == AlertSeverity.Watch ? "WATCH" : "ALERT";
        return new
        {
            text = $"[{level}] {f.Message} (rule: {f.RuleName}) — ExpansionDashboard",
            firingId = f.Id,
            rule = f.RuleName,
            metric = f.Metric,
            scope = f.Scope.ToString(),
            period = f.Period,
            value = f.Value,
            threshold = f.Threshold,
            severity = f.Severity.Key(),
            firedUtc = f.FiredUtc.ToString("O", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Posts one payload; returns null when the receiver answered 2xx, else the reason.</summary>
    public async Task<string?> SendAsync(string url, object payload, CancellationToken ct = default)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(new Uri(url), payload, ct);
            return response.IsSuccessStatusCode ? null : $"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (HttpRequestException ex)
        {
            return $"The webhook could not be reached: {ex.Message}";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "The webhook did not answer in time.";
        }
    }

    /// <summary>The "send test" button: a payload that says it is a test.</summary>
    public Task<string?> SendTestAsync(string url, string user, CancellationToken ct = default) =>
        SendAsync(url, new { text = $"Test from ExpansionDashboard, sent by {user}: alerts will arrive here.", test = true }, ct);
}
