using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ExpansionDashboard.Web.Tests.Auth;

/// <summary>
/// Sign-in and client-address helpers for the hardening tests: the in-memory test server has no remote address, so a
/// test names one with <see cref="AddressHeader"/> (a start-up filter sets it before the app's own middleware).
/// </summary>
internal static partial class AuthTestHost
{
    public const string AddressHeader = "X-Test-Client-Address";

    public static WebApplicationFactory<Program> WithClientAddresses(this WebApplicationFactory<Program> app, Action<IServiceCollection>? services = null) =>
        app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<IStartupFilter, AddressFilter>();
            services?.Invoke(s);
        }));

    public static HttpClient Client(WebApplicationFactory<Program> app, string? address = null)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        if (address is not null)
        {
            client.DefaultRequestHeaders.Add(AddressHeader, address);
        }

        return client;
    }

    /// <summary>Posts the real sign-in form; the answer's status and the error shown (null when none).</summary>
    public static async Task<(HttpStatusCode Status, string? Error, HttpResponseMessage Response)> SignInAsync(HttpClient client, string email, string password)
    {
        var ct = TestContext.Current.CancellationToken;
        var html = await client.GetStringAsync("/Account/Login", ct);
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var error = LoginError().Match(body);
        return (response.StatusCode, error.Success ? WebUtility.HtmlDecode(error.Groups[1].Value) : null, response);
    }

    /// <summary>The antiforgery token a page of the app renders (the sign-out form's).</summary>
    public static async Task<string> PageTokenAsync(HttpClient client, string path = "/")
    {
        var html = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(token.Success, "no antiforgery token on " + path);
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("data-testid=\"login-error\">([^<]*)<")]
    private static partial Regex LoginError();

    private sealed class AddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                if (ctx.Request.Headers.TryGetValue(AddressHeader, out var value) && IPAddress.TryParse(value.ToString(), out var ip))
                {
                    ctx.Connection.RemoteIpAddress = ip;
                }

                return nextMiddleware(ctx);
            });
            next(app);
        };
    }
}
