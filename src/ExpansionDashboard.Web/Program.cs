using ExpansionDashboard.Web.Api;
using ExpansionDashboard.Web.Features.Review;
using ExpansionDashboard.Web.Features.ReviewLinks;
using ExpansionDashboard.Web.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = PublishedContentRoot.Resolve(args) });
builder.AddExpansionDashboard();
builder.AddHttpHardening();

var app = builder.Build();
app.UseHttpHardening();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
app.UseApiStatusCodes();
app.UseDashboardRateLimits();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseReviewLinkScope();
app.UseWriteIntent();
app.UseAuthorization();
app.UseAntiforgery();
app.UseReviewParameterCheck();

app.MapStaticAssets();
app.MapDashboardEndpoints();
app.MapMetricsApi();
app.MapImportApi();
app.MapBackupApi();
app.MapDemoApi();
app.MapReviewExport();
app.MapReviewLinks();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.InitializeDashboardAsync();
await app.RunAsync();

/// <summary>Entry point; public so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
