using System.Reflection;
using Xunit;

namespace ExpansionDashboard.TestKit;

/// <summary>
/// The test lanes, run fast first by .ci/run (<c>dotnet test --filter "Category=Unit"</c> …). Every test class
/// carries exactly one, as <c>[Trait("Category", Lanes.Unit)]</c> on the class (or once for a whole assembly whose
/// tests are all of one lane).
/// </summary>
public static class Lanes
{
    public const string Category = "Category";

    /// <summary>Pure or in-memory: metric code, bUnit components, option binding. No database, no host.</summary>
    public const string Unit = "Unit";

    /// <summary>A real database (a SQLite file, or PostgreSQL in the PostgreSQL project).</summary>
    public const string Store = "Store";

    /// <summary>The app in a host (WebApplicationFactory or Kestrel) without a browser.</summary>
    public const string Host = "Host";

    /// <summary>Playwright driving Chromium against the app.</summary>
    public const string Browser = "Browser";

    /// <summary>A process killed with SIGKILL part-way through a write.</summary>
    public const string Crash = "Crash";

    /// <summary>In the order .ci/run runs them: fastest first.</summary>
    public static readonly IReadOnlyList<string> All = [Unit, Store, Host, Crash, Browser];

    /// <summary>One line per test class of <paramref name="assembly"/> with no lane, two lanes or an unknown one, and per test method that names a lane of its own.</summary>
    public static IReadOnlyList<string> Problems(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var assemblyLanes = LanesOf(assembly.GetCustomAttributes<TraitAttribute>());
        var problems = new List<string>();
        foreach (var type in assembly.GetTypes().Where(IsTestClass).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var lanes = assemblyLanes.Concat(LanesOf(type.GetCustomAttributes<TraitAttribute>(inherit: true))).Distinct(StringComparer.Ordinal).ToList();
            if (lanes.Count != 1)
            {
                problems.Add($"{type.FullName}: {lanes.Count} lanes ({string.Join(", ", lanes)}); give it exactly one [Trait(\"Category\", …)] of {string.Join("|", All)}");
            }
            else if (!All.Contains(lanes[0]))
            {
                problems.Add($"{type.FullName}: unknown lane '{lanes[0]}'; use one of {string.Join("|", All)}");
            }

            // A method-level lane would put that test in two lanes (traits add up).
            problems.AddRange(TestMethods(type)
                .Where(m => LanesOf(m.GetCustomAttributes<TraitAttribute>()).Count > 0)
                .Select(m => $"{type.FullName}.{m.Name}: a lane on a method; lanes go on the class"));
        }

        return problems;
    }

    private static bool IsTestClass(Type type) => type is { IsClass: true, IsAbstract: false } && TestMethods(type).Any();

    private static IEnumerable<MethodInfo> TestMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any());

    private static List<string> LanesOf(IEnumerable<TraitAttribute> traits) =>
        [.. traits.Where(t => t.Name == Category).Select(t => t.Value).Distinct(StringComparer.Ordinal)];
}
