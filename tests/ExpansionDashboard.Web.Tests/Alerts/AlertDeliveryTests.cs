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
    public async Task SendTest_ListenerUpAndRefusing_OkThenGenericError()
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
        Assert.Equal(WebhookSender.GenericError, await sender.SendTestAsync(failing.Url, "admin@demo.local", Ct));
    }

    [Fact]
    public async Task SendTest_EndpointRedirectsElsewhere_NotFollowedGenericError()
    {
        await using var app = App();
        _ = app.CreateClient();
        var sender = app.Services.GetRequiredService<WebhookSender>();
        await using var target = new WebhookListener();
        using var redirector = new Redirector(target.Url);

        var error = await sender.SendTestAsync(redirector.Url, "admin@demo.local", Ct);

        Assert.Equal(WebhookSender.GenericError, error);
        Assert.Equal(1, redirector.Hits);
        Assert.Empty(target.Received);
    }

    [Fact]
    public async Task SendTest_ClosedPortAndRefusingListener_SameMessage()
    {
        await using var app = App();
        _ = app.CreateClient();
        var sender = app.Services.GetRequiredService<WebhookSender>();
        await using var refusing = new WebhookListener(HttpStatusCode.NotFound);
        string closed;
        await using (var gone = new WebhookListener())
        {
            closed = gone.Url;
        }

        // Whether something listens on an internal port must not show: both failures read exactly the same.
        Assert.Equal(await sender.SendTestAsync(refusing.Url, "admin@demo.local", Ct), await sender.SendTestAsync(closed, "admin@demo.local", Ct));
        Assert.Equal(WebhookSender.GenericError, await sender.SendTestAsync(closed, "admin@demo.local", Ct));
    }

    /// <summary>Answers every request with 307 to another address (a redirect an HTTP client would follow with the same POST).</summary>
    private sealed class Redirector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private int _hits;

        public Redirector(string location)
        {
            using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}/redirect/";
            socket.Stop();
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    try
                    {
                        var ctx = await _listener.GetContextAsync();
                        Interlocked.Increment(ref _hits);
                        ctx.Response.StatusCode = (int)HttpStatusCode.TemporaryRedirect;
                        ctx.Response.RedirectLocation = location;
                        ctx.Response.Close();
                    }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                }
            });
        }

        public string Url { get; }

        public int Hits => Volatile.Read(ref _hits);

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
        }
    }
}
