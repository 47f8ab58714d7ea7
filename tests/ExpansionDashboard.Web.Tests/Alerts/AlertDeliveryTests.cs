using System.Net;
using ExpansionDashboard.Data.Alerts;
using ExpansionDashboard.Web.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Alerts;

/// <summary>The app's alert monitor against a local webhook listener: one payload per new firing, retried after a failure.</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class AlertDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DashboardAppFactory App() => new(new Dictionary<string, string?>
    {
        ["Dashboard:DemoData"] = "true",
        ["Dashboard:Alerts:CheckSeconds"] = "3600",
    });

    [Fact]
    public async Task Monitor_NewFirings_EachPostedOnceWithSlackText_FailedDeliveryRetried()
    {
        await using var app = App();
        _ = app.CreateClient();
        await using var hook = new WebhookListener(HttpStatusCode.InternalServerError);
        var alerts = app.Services.GetRequiredService<AlertRuleStore>();
        var firings = app.Services.GetRequiredService<AlertFiringStore>();
        var monitor = app.Services.GetRequiredService<AlertMonitor>();
        await monitor.RunOnceAsync(Ct);
        var before = (await firings.ActiveAsync(Ct)).Count;
        Assert.True(before > 0);

        // Firings that opened before any webhook existed are not sent later.
        Assert.Null(await alerts.SetGlobalWebhookAsync(hook.Url, Ct));
        await monitor.RunOnceAsync(Ct);
        Assert.Empty(hook.Received);

        // A stricter rule opens one new firing: the first post gets a 500, the retry after 1 s succeeds.
        var rule = (await alerts.RulesAsync(Ct)).Single(r => r.Metric == "nrr-t12m");
        Assert.Empty(await alerts.SaveRuleAsync(rule with { Threshold = 1000m, Segment = "Enterprise" }, Ct));
        await monitor.RunOnceAsync(Ct);
        Assert.Single(hook.Received);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);
        await monitor.RunOnceAsync(Ct);
        await monitor.RunOnceAsync(Ct);

        Assert.Equal(2, hook.Received.Count);
        var payload = hook.Received.Last();
        Assert.Equal("nrr-t12m", payload.GetProperty("metric").GetString());
        Assert.Equal("Enterprise", payload.GetProperty("scope").GetString());
        Assert.Equal(1000m, payload.GetProperty("threshold").GetDecimal());
        Assert.StartsWith("[ALERT] Enterprise trailing-12-month NRR is", payload.GetProperty("text").GetString(), StringComparison.Ordinal);
        var firing = (await firings.ActiveAsync(Ct)).Single(f => f.RuleId == rule.Id);
        Assert.Equal((NotifyState.Sent, 2), (firing.NotifyState, firing.NotifyAttempts));
    }

    [Fact]
    public async Task SendTest_ListenerUpAndDown_OkThenReason()
    {
        await using var app = App();
        _ = app.CreateClient();
        var sender = app.Services.GetRequiredService<WebhookSender>();
        await using (var hook = new WebhookListener())
        {
            Assert.Null(await sender.SendTestAsync(hook.Url, "admin@demo.local", Ct));
            Assert.True(Assert.Single(hook.Received).GetProperty("test").GetBoolean());
        }

        await using var failing = new WebhookListener(HttpStatusCode.Forbidden);
        Assert.Equal("The webhook answered 403 Forbidden.", await sender.SendTestAsync(failing.Url, "admin@demo.local", Ct));
    }
}
