using System.Text;
using System.Text.RegularExpressions;

namespace ExpansionDashboard.Data.Import.Mapping;

/// <summary>Issues of one kind: a title with the varying parts blanked, how many, and the first examples.</summary>
public sealed record GroupedIssues(string Kind, string Title, int Count, IReadOnlyList<ImportIssue> Examples);

/// <summary>
/// Groups near-identical issues (1,594 "identical to line N … check for double billing" warnings are one finding with
/// 1,594 examples). Two issues are of a kind when their column matches and their reasons match once line numbers,
/// amounts, dates, quoted values and account ids are blanked.
/// </summary>
public static partial class IssueGrouping
{
    public const int ExamplesPerGroup = 20;

    /// <summary>Groups in order of size (largest first), each with its first <see cref="ExamplesPerGroup"/> examples.</summary>
    public static IReadOnlyList<GroupedIssues> Group(IEnumerable<ImportIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var groups = new Dictionary<string, (string Title, int Count, List<ImportIssue> Examples, int Order)>(StringComparer.Ordinal);
        foreach (var issue in issues)
        {
            var title = Pattern(issue.Reason);
            var kind = issue.Column + "|" + title;
            if (!groups.TryGetValue(kind, out var g))
            {
                g = (title, 0, [], groups.Count);
            }

            if (g.Examples.Count < ExamplesPerGroup)
            {
                g.Examples.Add(issue);
            }

            groups[kind] = g with { Count = g.Count + 1 };
        }

        return groups
            .OrderByDescending(g => g.Value.Count).ThenBy(g => g.Value.Order)
            .Select(g => new GroupedIssues(g.Key, Title(g.Value.Examples[0].Column, g.Value.Title), g.Value.Count, g.Value.Examples))
            .ToList();
    }

    /// <summary>The reason with its varying parts replaced by "…".</summary>
    public static string Pattern(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var text = Quoted().Replace(reason, "'…'");
        text = AccountToken().Replace(text, "account …");
        var sb = new StringBuilder();
        foreach (var token in text.Split(' '))
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            // A token with a digit is a line number, amount, date or id; keep its trailing punctuation.
            var core = token.TrimEnd(',', ';', ':', ')', '.');
            sb.Append(core.Any(char.IsDigit) ? (core.StartsWith('(') ? "(…" : "…") + token[core.Length..] : token);
        }

        return Ellipses().Replace(sb.ToString(), "…");
    }

    private static string Title(string column, string pattern) => column.Length > 0 ? $"{column}: {pattern}" : pattern;

    [GeneratedRegex("'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\baccount [^\s,;:()]+")]
    private static partial Regex AccountToken();

    [GeneratedRegex(@"…(\s…)+")]
    private static partial Regex Ellipses();
}
