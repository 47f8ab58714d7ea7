using ExpansionDashboard.Data.Demo;

namespace ExpansionDashboard.Web.Features.Admin;

/// <summary>The confirmation and the result message of "Remove demo data", shared by the Admin page and the import prompt.</summary>
public static class DemoRemoval
{
    /// <summary>Asks for confirmation; true when the admin confirmed.</summary>
    public static async Task<bool> ConfirmAsync(IDialogService dialogs, DemoDataStatus status)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(status);
        var confirmed = await dialogs.ShowMessageBoxAsync(
            "Remove the demo data?",
            $"This deletes the {status.Accounts.ToString("N0", CultureInfo.CurrentCulture)} demo accounts with their revenue, opportunities, health signals and targets, " +
            "and the demo users (admin@demo.local, viewer@demo.local). Rows you imported stay, also where they concern a demo account id. " +
            "It cannot be undone, and the demo is not loaded into this store again.",
            yesText: "Remove demo data", cancelText: "Cancel");
        return confirmed == true;
    }

    /// <summary>One sentence saying what went and what stayed.</summary>
    public static string Describe(DemoRemovalResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.CurrentCulture;
        var text = result.WasPresent
            ? $"Demo data removed: {result.Accounts.ToString("N0", c)} accounts, {result.RevenueLines.ToString("N0", c)} revenue lines, " +
              $"{result.Opportunities.ToString("N0", c)} opportunities, {result.HealthSignals.ToString("N0", c)} health signals, {result.Targets.ToString("N0", c)} targets."
            : "There was no demo data left to remove.";
        if (result.AccountsKept > 0 || result.RowsKept > 0)
        {
            text += $" Kept as yours: {result.AccountsKept.ToString("N0", c)} account(s) and {result.RowsKept.ToString("N0", c)} row(s) that your imports wrote.";
        }

        if (result.UsersRemoved.Count > 0)
        {
            text += $" Users removed: {string.Join(", ", result.UsersRemoved)}.";
        }

        if (result.UserKept is { } kept)
        {
            text += $" You are signed in as the demo user {kept}, whose password is published: it was kept so you stay signed in. " +
                    "Add your own admin under Users & API keys, sign in as them and remove the demo data again to delete it.";
        }

        return text;
    }
}
