using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ExpansionDashboard.Web.Hosting;

/// <summary>
/// Transport-level settings: forwarded headers from the known reverse proxies (off unless Dashboard:ReverseProxy:Enabled),
/// HSTS outside Development, and problem details for the errors the framework itself produces.
/// </summary>
public static class HttpHardening
{
    public static WebApplicationBuilder AddHttpHardening(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ReverseProxyOptions>()
            .Bind(builder.Configuration.GetSection(ReverseProxyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((o, settings) => Configure(o, settings.Value));

        // A year, as browsers' preload lists expect; subdomains are left alone because the dashboard rarely owns its parent domain.
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddProblemDetails();
        return builder;
    }

    /// <summary>Forwarded headers first (every later middleware must see the client's scheme and address), then HSTS.</summary>
    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        // HSTS pins browsers to https: in Development it would break plain-http localhost work on other ports too.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }

    internal static void Configure(ForwardedHeadersOptions options, ReverseProxyOptions settings)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = settings.ForwardLimit;
        if (settings.KnownProxies.Count == 0 && settings.KnownNetworks.Count == 0)
        {
            // The framework's default: only a proxy on this machine (nginx on 127.0.0.1) is believed.
            return;
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var p in settings.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(p));
        }

        foreach (var n in settings.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n));
        }
    }
}
