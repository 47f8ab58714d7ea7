using System.Net;
using ExpansionDashboard.Data.ReviewLinks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ExpansionDashboard.Web.Tests.Features.ReviewLinks;

/// <summary>The app with the demo store on a real Kestrel port, its clock under the test's control, and cookie-keeping clients.</summary>
internal sealed class ScreenHost : IAsyncDisposable
{
    private readonly DashboardAppFactory _app;
    private readonly WebApplicationFactory<Program> _started;

    private ScreenHost(DashboardAppFactory app, WebApplicationFactory<Program> started, FakeTimeProvider time, string baseUrl) =>
        (_app, _started, Time, BaseUrl) = (app, started, time, baseUrl);

    public FakeTimeProvider Time { get; }

    public string BaseUrl { get; }

    public ReviewLinkService Links => _started.Services.GetRequiredService<ReviewLinkService>();

    public static ScreenHost Start()
    {
        var app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true" });
        // Made before the start: the app resolves its clock while it starts (seeding, alert evaluation), and a
        // singleton resolved then would stay null for the whole test.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var started = app.WithWebHostBuilder(b => b
            .UseSetting("urls", "http://127.0.0.1:0")
            .UseStaticWebAssets()
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(time)));
        return new ScreenHost(app, started, time, Listen(started));

        static string Listen(WebApplicationFactory<Program> f)
        {
            f.UseKestrel(0);
            f.StartServer();
            var address = f.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    /// <summary>A browser-like client: keeps cookies, follows no redirects.</summary>
    public (HttpClient Client, CookieContainer Cookies) NewClient()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = new Uri(BaseUrl) };
        return (client, cookies);
    }

    public async ValueTask DisposeAsync()
    {
        await _started.DisposeAsync();
        await _app.DisposeAsync();
    }
}
