namespace ExpansionDashboard.Web.Features.Review;

/// <summary>
/// The review deck's query parameters (<c>date</c>, <c>presenter</c>, <c>auto</c>, <c>autoplay</c>, <c>slide</c>,
/// <c>saved</c>, <c>compare</c>), checked in one place:
/// the page shows what is wrong instead of the deck, and a request for <c>/review</c> with a bad one answers 400. Dates at
/// the ends of the calendar (a review "as of" 0001-01-01 or 9999-12-31 looks a week and two years away) and
/// timer periods longer than a Timer takes used to end in a 500.
/// </summary>
/// <param name="Saved">A saved review to show instead of today's figures.</param>
/// <param name="Compare">A saved review to compare this week's figures with.</param>
public sealed record ReviewParameters(DateOnly? Date, bool Presenter, int? AutoSeconds, int? Slide, string? Error, long? Saved = null, long? Compare = null)
{
    /// <summary>The seconds per slide of a bare <c>?autoplay</c> (the meeting-room screen's link).</summary>
    public const int DefaultAutoplaySeconds = 30;

    public const string Path = "/review";

    public static readonly DateOnly FirstDate = new(1900, 1, 1);
    public static readonly DateOnly LastDate = new(2999, 12, 31);
    public const int MaxAutoSeconds = 3600;
    public const int MaxSlide = 99;

    private static readonly string[] Names = ["date", "presenter", "auto", "autoplay", "slide", "saved", "compare"];

    public bool IsValid => Error is null;

    /// <summary>
    /// Empty values count as absent (the deck's own controls drop a parameter by emptying it), except <c>autoplay</c>:
    /// a bare <c>?autoplay</c> (empty, not null) means every <see cref="DefaultAutoplaySeconds"/> seconds.
    /// </summary>
    public static ReviewParameters Parse(string? date, string? presenter, string? auto, string? slide, string? autoplay = null, string? saved = null, string? compare = null)
    {
        var errors = new List<string>();
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                errors.Add($"date '{Shorten(date)}' is not a day written yyyy-MM-dd (for example 2026-11-23).");
            }
            else if (d < FirstDate || d > LastDate)
            {
                errors.Add($"date {date} is outside {FirstDate:yyyy-MM-dd} to {LastDate:yyyy-MM-dd}.");
            }
            else
            {
                day = d;
            }
        }

        var hide = false;
        if (!string.IsNullOrWhiteSpace(presenter) && !bool.TryParse(presenter, out hide))
        {
            errors.Add($"presenter '{Shorten(presenter)}' is not true or false.");
        }

        var seconds = Number(auto, "auto", 0, MaxAutoSeconds, "seconds between slides (0 for off)", errors);
        if (autoplay is not null)
        {
            seconds = autoplay.Length == 0 ? DefaultAutoplaySeconds : Number(autoplay, "autoplay", 1, MaxAutoSeconds, "seconds between slides", errors);
        }

        var index = Number(slide, "slide", 1, MaxSlide, "a slide number", errors);
        var savedId = Number(saved, "saved", 1, int.MaxValue, "a saved review's number", errors);
        var compareId = Number(compare, "compare", 1, int.MaxValue, "a saved review's number", errors);
        if (savedId is not null && compareId is not null)
        {
            errors.Add("saved and compare cannot be given together.");
        }

        return new ReviewParameters(day, hide, seconds is > 0 ? seconds : null, index, errors.Count == 0 ? null : "The review cannot be shown: " + string.Join(" ", errors), savedId, compareId);
    }

    /// <summary>The same check on a request's query string; a parameter given twice is an error too.</summary>
    public static ReviewParameters Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var twice = Names.Where(k => query[k].Count > 1).ToList();
        var parsed = Parse(query["date"].FirstOrDefault(), query["presenter"].FirstOrDefault(), query["auto"].FirstOrDefault(), query["slide"].FirstOrDefault(),
            query.ContainsKey("autoplay") ? query["autoplay"].FirstOrDefault() ?? "" : null, query["saved"].FirstOrDefault(), query["compare"].FirstOrDefault());
        return twice.Count == 0
            ? parsed
            : parsed with { Error = (parsed.Error ?? "The review cannot be shown:") + " " + string.Join(" ", twice.Select(k => $"{k} is given more than once.")) };
    }

    private static int? Number(string? text, string name, int min, int max, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            errors.Add($"{name} '{Shorten(text)}' is not {what} from {min} to {max}.");
            return null;
        }

        return n;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

public static class ReviewParameterCheck
{
    /// <summary>
    /// A <c>GET /review</c> whose parameters are wrong answers 400; the page itself still renders and says what is wrong
    /// (it runs the same check), so people get the app's page and clients get the status.
    /// </summary>
    public static IApplicationBuilder UseReviewParameterCheck(this IApplicationBuilder app) =>
        app.Use((ctx, next) =>
        {
            if ((HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method))
                && ctx.Request.Path.Equals(ReviewParameters.Path, StringComparison.OrdinalIgnoreCase)
                && !ReviewParameters.Parse(ctx.Request.Query).IsValid)
            {
                // Set as the answer starts: the page renders as usual, and a sign-in redirect stays a redirect.
                ctx.Response.OnStarting(() =>
                {
                    if (ctx.Response.StatusCode == StatusCodes.Status200OK)
                    {
                        ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                    }

                    return Task.CompletedTask;
                });
            }

            return next(ctx);
        });
}
