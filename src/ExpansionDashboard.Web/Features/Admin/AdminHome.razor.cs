using ExpansionDashboard.Data.Import;

namespace ExpansionDashboard.Web.Features.Admin;

public partial class AdminHome
{
    private StoreSummary? _summary;
    private ExpansionDashboard.Data.Demo.DemoDataStatus? _demo;
    private bool _reverting;
    private bool _removingDemo;

    // Read once: the provider does not change while the app runs, and IsSupported opens a context.
    private bool _backupSupported;

    protected override async Task OnInitializedAsync()
    {
        _backupSupported = Backup.IsSupported;
        _summary = await Queries.StoreSummaryAsync();
        _demo = await DemoRemover.GetStatusAsync();
    }

    // The acting admin as the store knows them now (null, with the reason shown, once demoted, disabled or signed out).
    private async Task<string?> ActorAsync()
    {
        var check = await Rights.CheckAsync();
        if (check.Actor is null)
        {
            Snackbar.Add(check.Refusal!, Severity.Error);
        }

        return check.Actor;
    }

    private async Task RemoveDemoAsync()
    {
        if (_demo is null || !await DemoRemoval.ConfirmAsync(Dialogs, _demo))
        {
            return;
        }

        _removingDemo = true;
        try
        {
            if (await ActorAsync() is not { } user)
            {
                return;
            }

            var result = await DemoRemover.RemoveAsync(user, DemoCredentials.Emails);
            Snackbar.Add(DemoRemoval.Describe(result), result.UserKept is null ? Severity.Success : Severity.Warning, o => o.RequireInteraction = result.UserKept is not null);
            _summary = await Queries.StoreSummaryAsync();
            _demo = await DemoRemover.GetStatusAsync();
        }
        finally
        {
            _removingDemo = false;
        }
    }

    private async Task RevertAsync(ImportBatchRow batch)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Revert batch #{batch.Id}?",
            $"This restores every value batch #{batch.Id} ({batch.Kind}, {batch.FileName}) replaced and removes the rows it added. The dashboards change at once.",
            yesText: "Revert", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _reverting = true;
        try
        {
            if (await ActorAsync() is not { } user)
            {
                return;
            }

            await Imports.RevertAsync(batch.Id, user);
            Snackbar.Add($"Batch #{batch.Id} reverted.", Severity.Success);
            _summary = await Queries.StoreSummaryAsync();
        }
        catch (ImportRejectedException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _reverting = false;
        }
    }
}
