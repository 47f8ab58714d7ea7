using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Metrics.Alerts;

namespace ExpansionDashboard.Web.Alerts;

/// <summary>
/// Posts alert payloads to incoming webhooks. The body carries a top-level <c>text</c> (what Slack and Microsoft Teams
/// incoming webhooks display) plus the firing's fields for other receivers.
/// </summary>
/// <remarks>
/// An admin can point a webhook anywhere, so its answers must not turn the app into a port scanner of its own network:
/// redirects are not followed (a 3xx is a failure), and every failure reads the same, <see cref="GenericError"/>. Why it
/// failed (refused, timed out, which status) goes to the server log only.
/// </remarks>
public sealed class WebhookSender(HttpClient http, ILogger<WebhookSender> log)
{
    public const string ClientName = "alert-webhooks";

    /// <summary>What the app and the audit trail show for any failed delivery.</summary>
    public const string GenericError = "The webhook endpoint did not accept the delivery.";

    /// <summary>The primary handler of the webhook client: no redirects, no cookies.</summary>
    public static HttpMessageHandler CreateHandler() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };

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

    /// <summary>Posts one payload; returns null when the receiver answered 2xx, else <see cref="GenericError"/>.</summary>
    public async Task<string?> SendAsync(string url, object payload, CancellationToken ct = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            log.LogWarning("Webhook delivery failed: the address is not an absolute URL.");
            return GenericError;
        }

        try
        {
            using var response = await http.PostAsJsonAsync(uri, payload, ct);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            log.LogWarning("Webhook delivery to {Host} failed: it answered {Status} {Reason}{Location}.", uri.Host, (int)response.StatusCode, response.ReasonPhrase,
                response.Headers.Location is { } location ? $" (a redirect to {location}, not followed)" : "");
            return GenericError;
        }
        catch (HttpRequestException ex)
        {
            log.LogWarning("Webhook delivery to {Host} failed: it could not be reached ({Reason}).", uri.Host, ex.Message);
            return GenericError;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Webhook delivery to {Host} failed: no answer within the timeout.", uri.Host);
            return GenericError;
        }
    }

    /// <summary>The "send test" button: a payload that says it is a test.</summary>
    public Task<string?> SendTestAsync(string url, string user, CancellationToken ct = default) =>
        SendAsync(url, new { text = $"Test from ExpansionDashboard, sent by {user}: alerts will arrive here.", test = true }, ct);
}
