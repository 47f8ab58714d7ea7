using System.Net;
using ExpansionDashboard.Web.Features.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ExpansionDashboard.Web.Tests.Features.Review;

/// <summary>The review's query parameters: bad ones answer 400 with the reason on the page, never a 500.</summary>
[Trait(Lanes.Category, Lanes.Host)]
public sealed class ReviewParametersTests(ReviewParametersTests.SignedInViewer viewer) : IClassFixture<ReviewParametersTests.SignedInViewer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("?date=9999-12-31", "date 9999-12-31 is outside")]
    [InlineData("?date=0001-01-01", "date 0001-01-01 is outside")]
    [InlineData("?date=2026-02-30", "is not a day written yyyy-MM-dd")]
    [InlineData("?date=yesterday", "date 'yesterday' is not a day")]
    [InlineData("?auto=2147483647", "auto '2147483647' is not seconds between slides")]
    [InlineData("?auto=-5", "auto '-5'")]
    [InlineData("?auto=abc", "auto 'abc'")]
    [InlineData("?slide=x", "slide 'x' is not a slide number")]
    [InlineData("?slide=99999999999", "slide '99999999999'")]
    [InlineData("?presenter=maybe", "presenter 'maybe' is not true or false")]
    [InlineData("?date=2026-01-01&date=2026-01-02", "date is given more than once")]
    public async Task Review_BadParameter_400NamingIt(string query, string reason)
    {
        using var response = await viewer.Client.GetAsync("/review" + query, Ct);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-testid=\"review-invalid\"", html, StringComparison.Ordinal);
        Assert.Contains(reason, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?date=1900-01-01")]
    [InlineData("?date=2999-12-31")]
    [InlineData("?date=2026-11-23&presenter=true&auto=3600&slide=3")]
    [InlineData("?auto=0&presenter=False&slide=99")]
    [InlineData("?date=&auto=")]
    public async Task Review_ParametersAtTheirLimits_200Deck(string query)
    {
        using var response = await viewer.Client.GetAsync("/review" + query, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("review-invalid", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"review\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_BadParameterAnonymous_StillSentToSignIn()
    {
        using var anonymous = viewer.App.CreateApiClient(null);

        using var response = await anonymous.GetAsync("/review?auto=2147483647", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public void Parse_Valid_Values()
    {
        var p = ReviewParameters.Parse("2026-11-23", "true", "30", "2");

        Assert.Equal((new DateOnly(2026, 11, 23), true, 30, 2, true), (p.Date!.Value, p.Presenter, p.AutoSeconds!.Value, p.Slide!.Value, p.IsValid));
        Assert.Null(ReviewParameters.Parse(null, null, "0", null).AutoSeconds);
    }

    [Fact]
    public void Parse_Autoplay_BareMeansThirtySecondsAndANumberItsSeconds()
    {
        Assert.Equal(ReviewParameters.DefaultAutoplaySeconds, ReviewParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery("?autoplay"))).AutoSeconds);
        Assert.Equal(12, ReviewParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery("?autoplay=12"))).AutoSeconds);
        Assert.Null(ReviewParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery("?slide=2"))).AutoSeconds);
        Assert.False(ReviewParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery("?autoplay=0"))).IsValid);
        Assert.False(ReviewParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery("?autoplay=x"))).IsValid);
    }

    [Fact]
    public void Parse_SavedAndCompare_IdsOrRefusedTogether()
    {
        var saved = ReviewParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery("?saved=4&slide=3")));
        Assert.Equal((4L, 3, true), (saved.Saved!.Value, saved.Slide!.Value, saved.IsValid));
        Assert.Equal(9L, ReviewParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery("?compare=9"))).Compare);
        Assert.False(ReviewParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery("?saved=1&compare=2"))).IsValid);
        Assert.False(ReviewParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery("?saved=-1"))).IsValid);
        Assert.False(ReviewParameters.Parse(new QueryCollection(QueryHelpers.ParseQuery("?saved=1&saved=2"))).IsValid);
    }

    public sealed class SignedInViewer : IAsyncLifetime
    {
        public DashboardAppFactory App { get; } = new(new Dictionary<string, string?> { ["Dashboard:DemoData"] = "true" });

        public HttpClient Client { get; private set; } = default!;

        public async ValueTask InitializeAsync() =>
            Client = await App.SignedInClientAsync(ExpansionDashboard.Web.Auth.DemoCredentials.ViewerEmail, ExpansionDashboard.Web.Auth.DemoCredentials.ViewerPassword);

        public async ValueTask DisposeAsync()
        {
            Client?.Dispose();
            await App.DisposeAsync();
        }
    }
}
