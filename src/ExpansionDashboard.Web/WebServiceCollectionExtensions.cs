using ExpansionDashboard.Data;
using ExpansionDashboard.Data.Entities;
using ExpansionDashboard.Web.Features.ReviewLinks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace ExpansionDashboard.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Everything the web app needs: settings, store, identity, API-key auth, Blazor and MudBlazor.</summary>
    public static WebApplicationBuilder AddExpansionDashboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<DashboardOptions>()
            .Bind(configuration.GetSection(DashboardOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(sp => new ReportingCurrency(sp.GetRequiredService<IOptions<DashboardOptions>>().Value.Currency));
        services.AddSingleton(sp => new Data.Import.ImportLimits(sp.GetRequiredService<IOptions<DashboardOptions>>().Value.Import.MaxUploadBytes));
        services.AddDashboardData(ConnectionString, Dialect);

        // The key ring that protects sign-in cookies lives in the store: every instance on one database accepts the
        // cookies of the others (needed behind a load balancer), and a restored backup keeps users signed in.
        services.AddDataProtection()
            .SetApplicationName("ExpansionDashboard")
            .PersistKeysToDbContext<Data.DashboardDbContext>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<Auth.UserAdminService>();

        // A changed security stamp (password reset, role change, disabled, sign-out) ends every session of that user: each
        // cookie request re-reads the stamp, so a copied cookie is dead once its owner signs out, and open circuits
        // re-validate every few seconds (admin actions re-check the store themselves, see AdminRights).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddScoped<Auth.AdminRights>();
        services.AddSingleton<Auth.SignInThrottle>();
        services.AddDashboardRateLimits();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, Auth.RevalidatingAuthStateProvider>();
        services.AddAuthentication(o =>
            {
                // A person's cookie, or a meeting-room screen's when the request carries one (Features/ReviewLinks).
                o.DefaultScheme = ReviewLinkSignIn.SelectorScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(c => c.ExternalCookie?.Configure(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddIdentityCore<AppUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = true;
                // Above Dashboard:RateLimits:FailedSignInsPerIp, so no single address can lock an account, and short, so
                // many addresses together hold it only while they keep trying.
                o.Lockout.MaxFailedAccessAttempts = SignInThrottle.AccountLockoutFailures;
                o.Lockout.DefaultLockoutTimeSpan = SignInThrottle.AccountLockout;
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();

        // Cookies are Secure over HTTPS (also behind a proxy that forwards the scheme), and always once a non-Development
        // instance listens on HTTPS only, so a cookie is never sent in clear to a plain-HTTP address of the same host.
        var cookieSecurity = SecurePolicy(builder.Environment, configuration);
        services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = cookieSecurity;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddReviewLinks(cookieSecurity);

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "ExpansionDashboard.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = cookieSecurity;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);

            // APIs answer 401/403; only pages redirect to the sign-in page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });

        string[] apiSchemes = [ApiKeyAuthenticationHandler.SchemeName, IdentityConstants.ApplicationScheme];
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ApiRead, p => p.AddAuthenticationSchemes(apiSchemes).RequireAuthenticatedUser())
            .AddPolicy(Policies.ApiWrite, p => p.AddAuthenticationSchemes(apiSchemes).RequireRole(Roles.Admin));

        // Money, percentages and chart labels follow the browser's language unless Dashboard:Culture pins one culture.
        // Read when the options are built, so every configuration source counts (also ones a host adds late).
        services.AddOptions<RequestLocalizationOptions>().Configure<Microsoft.Extensions.Configuration.IConfiguration>((o, config) =>
        {
            var pinned = config[$"{DashboardOptions.Section}:Culture"];
            var cultures = CultureInfo.GetCultures(CultureTypes.AllCultures).Where(c => c.Name.Length > 0).ToList();
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.SetDefaultCulture(string.IsNullOrWhiteSpace(pinned) ? "en-US" : pinned);
            if (!string.IsNullOrWhiteSpace(pinned))
            {
                o.RequestCultureProviders.Clear();
            }
        });

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddHttpClient<Alerts.WebhookSender>(Alerts.WebhookSender.ClientName, (sp, c) =>
            c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DashboardOptions>>().Value.Alerts.WebhookTimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(Alerts.WebhookSender.CreateHandler);
        services.AddSingleton<Alerts.AlertMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<Alerts.AlertMonitor>());

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        return builder;
    }

    internal static CookieSecurePolicy SecurePolicy(IHostEnvironment environment, IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var httpsOnly = urls.Length > 0 && urls.All(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        return !environment.IsDevelopment() && httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        // APIs answer with the status; a signed-in user refused a page gets 403 with the access-denied page (the
        // status-code middleware renders /status/403), an anonymous one is sent to sign in.
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || status == StatusCodes.Status403Forbidden)
        {
            ctx.Response.StatusCode = status;
        }
        else
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// ConnectionStrings:Dashboard, or by default (SQLite only) a file in the app's App_Data folder, created on first start.
    /// PostgreSQL has no default: the app stops at start with a message naming the setting.
    /// </summary>
    internal static string ConnectionString(IServiceProvider sp)
    {
        var configured = sp.GetRequiredService<IConfiguration>().GetConnectionString("Dashboard");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (Provider(sp) == Data.DatabaseProvider.PostgreSql)
        {
            throw new InvalidOperationException(
                "Dashboard:Database:Provider is PostgreSql but ConnectionStrings:Dashboard is empty: set it, e.g. Host=db;Database=expansion;Username=app;Password=…");
        }

        return $"Data Source={Path.Combine(sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath, "App_Data", "dashboard.db")}";
    }

    /// <summary>The store's dialect for <see cref="Provider"/>: the one place the host chooses between the provider projects.</summary>
    internal static IStoreDialect Dialect(IServiceProvider sp) => Provider(sp) switch
    {
        Data.DatabaseProvider.PostgreSql => Data.PostgreSql.PostgreSqlStoreDialect.Instance,
        _ => Data.Sqlite.SqliteStoreDialect.Instance,
    };

    /// <summary>Dashboard:Database:Provider (Sqlite unless set; an unknown name is reported by the options validation at start).</summary>
    internal static Data.DatabaseProvider Provider(IServiceProvider sp) =>
        Options.DatabaseOptions.TryParse(sp.GetRequiredService<IConfiguration>()["Dashboard:Database:Provider"], out var p) ? p : Data.DatabaseProvider.Sqlite;
}
