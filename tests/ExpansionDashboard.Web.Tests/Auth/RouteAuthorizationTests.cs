using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using ExpansionDashboard.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Auth;

/// <summary>
/// Every routable page and every API endpoint, found by reflection and from the endpoint data source, checked as an
/// anonymous visitor, a Viewer and an Admin. A new page or endpoint without an authorization rule fails here.
/// </summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed partial class RouteAuthorizationTests : IAsyncLifetime
{
    private const string ApiKey = "route-test-admin-key-0123456789";

    /// <summary>The only pages anyone may open without signing in.</summary>
    private static readonly HashSet<string> AnonymousPages = ["/Account/Login", "/Account/AccessDenied", "/not-found", "/status/{Code:int}", "/Error"];

    private DashboardAppFactory _app = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app = new DashboardAppFactory(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true", ["Dashboard:BootstrapApiKey"] = ApiKey });
        _ = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public static IEnumerable<(string Template, Type Page)> Pages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t)));

    private static string Concrete(string template) => template.Replace("{AccountId}", "ACC-0001", StringComparison.Ordinal);

    private static bool AdminOnly(Type page) =>
        page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Any(a => a.Roles?.Split(',').Contains(Roles.Admin) == true);

    [Fact]
    public void EveryPage_HasAnAuthorizationRule_AdminPagesNeedTheAdminRole()
    {
        var pages = Pages().ToList();
        Assert.True(pages.Count >= 15, $"only {pages.Count} routes found");
        foreach (var (template, page) in pages)
        {
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>(inherit: true) is not null;
            var authorize = page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Any();
            Assert.True(anonymous == AnonymousPages.Contains(template), $"{template} ({page.Name}): anonymous access must be deliberate");
            Assert.True(anonymous || authorize, $"{template} ({page.Name}) has no [Authorize]");
            if (template.StartsWith("/admin", StringComparison.OrdinalIgnoreCase))
            {
                Assert.True(AdminOnly(page), $"{template} must require the Admin role");
            }
        }
    }

    [Fact]
    public async Task EveryPage_AnonymousViewerAdmin_SignInForbiddenOrAllowed()
    {
        var anonymous = _app.CreateApiClient(null);
        var viewer = await _app.SignedInClientAsync("viewer@demo.local", "Demo-Viewer-2026!");
        var admin = await _app.SignedInClientAsync("admin@demo.local", "Demo-Admin-2026!");
        var checkedPages = 0;
        foreach (var (template, page) in Pages().Where(p => !AnonymousPages.Contains(p.Template)))
        {
            var path = Concrete(template);
            using var anon = await anonymous.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Redirect, anon.StatusCode);
            Assert.StartsWith("/Account/Login", anon.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);

            using var v = await viewer.GetAsync(path, Ct);
            Assert.Equal(AdminOnly(page) ? HttpStatusCode.Forbidden : HttpStatusCode.OK, v.StatusCode);
            if (AdminOnly(page))
            {
                Assert.Contains("Access denied", await v.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }

            using var a = await admin.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, a.StatusCode);
            checkedPages++;
        }

        Assert.True(checkedPages >= 14);
    }

    [Fact]
    public async Task EveryApiEndpoint_AnonymousViewerAdmin_401ThenReadOnlyThenAllowed()
    {
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!,
                Policies: e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList())))
            .ToList();
        Assert.All(endpoints, e => Assert.True(e.Policies.Contains(Policies.ApiRead) || e.Policies.Contains(Policies.ApiWrite), $"{e.Method} {e.Pattern} has no API policy"));
        Assert.True(endpoints.Count >= 7, $"only {endpoints.Count} API endpoints found: {string.Join(", ", endpoints)}");
        var anonymous = _app.CreateApiClient(null);
        var viewer = await _app.SignedInClientAsync("viewer@demo.local", "Demo-Viewer-2026!");
        var admin = _app.CreateApiClient(ApiKey);
        foreach (var (method, pattern, policies) in endpoints)
        {
            var write = policies.Contains(Policies.ApiWrite);
            var path = ParameterPattern().Replace(pattern, m => m.Groups[1].Value switch { "kind" => "targets", "id" => "999999", _ => "x" });
            HttpRequestMessage Request() => new(new HttpMethod(method), path) { Content = method == "GET" ? null : new StringContent("quarter,segment,amount\n") };

            using var anon = await anonymous.SendAsync(Request(), Ct);
            Assert.True(anon.StatusCode == HttpStatusCode.Unauthorized, $"{method} {pattern} anonymous → {(int)anon.StatusCode}");

            using var v = await viewer.SendAsync(Request(), Ct);
            if (!write)
            {
                Assert.Equal("GET", method);
                Assert.True(v.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{method} {pattern} viewer → {(int)v.StatusCode}");
            }
            else
            {
                Assert.True(v.StatusCode == HttpStatusCode.Forbidden, $"{method} {pattern} viewer → {(int)v.StatusCode}");
            }

        }

        // The admin's writes run last: removing the demo data deletes the demo viewer, whose cookie then stops working at once.
        foreach (var (method, pattern, _) in endpoints)
        {
            var path = ParameterPattern().Replace(pattern, m => m.Groups[1].Value switch { "kind" => "targets", "id" => "999999", _ => "x" });
            using var a = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : new StringContent("quarter,segment,amount\n") }, Ct);
            Assert.True(a.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{method} {pattern} admin → {(int)a.StatusCode}");
        }
    }

    [Fact]
    public async Task ApiKey_OnAPage_IsNotASignIn()
    {
        var withKey = _app.CreateApiClient(ApiKey);

        using var page = await withKey.GetAsync("/admin", Ct);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_NeverRenderMarkupString()
    {
        var src = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src"));
        Assert.True(Directory.Exists(src), src);
        var offenders = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("MarkupString", StringComparison.Ordinal)).ToList();
        Assert.Empty(offenders);
    }

    [GeneratedRegex("\\{([a-zA-Z]+)(:[^}]*)?\\}")]
    private static partial Regex ParameterPattern();
}
