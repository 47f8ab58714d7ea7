using ExpansionDashboard.Data.ReviewLinks;
using ExpansionDashboard.Web.Features.ReviewLinks;

namespace ExpansionDashboard.Web.Features.Admin.ReviewLinks;

public partial class ReviewLinks
{
    private IReadOnlyList<ReviewLinkRow> _links = [];
    private string _name = "";
    private CreatedReviewLink? _created;
    private bool _copied;
    private bool _busy;
    private string? _message;
    private Severity _severity = Severity.Info;

    protected override async Task OnInitializedAsync() => _links = await Links.ListAsync();

    /// <summary>The address a screen opens, on this app's own base address (a proxy's path base included).</summary>
    private string LinkUrl(string token) => Navigation.BaseUri.TrimEnd('/') + ReviewLinkSignIn.LinkPath + "/" + token;

    private static string Utc(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private void Show(string message, Severity severity) => (_message, _severity) = (message, severity);

    // The admin's rights are checked again before every change: a role removed since the page opened must not act.
    private async Task AsAdminAsync(Func<string, Task> action)
    {
        _busy = true;
        try
        {
            var check = await Rights.CheckAsync();
            if (check.Actor is not { } actor)
            {
                Show(check.Refusal!, Severity.Error);
                return;
            }

            await action(actor);
        }
        finally
        {
            _busy = false;
        }
    }

    private Task CreateAsync() => AsAdminAsync(async actor =>
    {
        var (created, error) = await Links.CreateAsync(_name, actor);
        (_created, _copied) = (created, false);
        if (error is not null)
        {
            Show(error, Severity.Error);
            return;
        }

        Show($"Review link \"{created!.Link.Name}\" created.", Severity.Success);
        _name = "";
        _links = await Links.ListAsync();
    });

    private async Task CopyAsync()
    {
        if (_created is not { } created)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", LinkUrl(created.Token));
            _copied = true;
        }
        catch (JSException)
        {
            // No clipboard without HTTPS (or when the browser refuses): the link stays on screen to copy by hand.
            Show("The browser did not allow copying: select the link and copy it by hand.", Severity.Warning);
        }
    }

    private async Task RevokeAsync(ReviewLinkRow link)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Revoke \"{link.Name}\"?",
            "The screen that uses this link stops showing the review at once and shows that its link was revoked. A revoked link cannot be used again.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await AsAdminAsync(async actor =>
        {
            Show(await Links.RevokeAsync(link.Id, actor) ? $"\"{link.Name}\" revoked: its screen is signed out." : $"\"{link.Name}\" was already revoked.", Severity.Success);
            if (_created?.Link.Id == link.Id)
            {
                _created = null;
            }

            _links = await Links.ListAsync();
        });
    }
}
