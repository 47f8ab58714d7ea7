using ExpansionDashboard.Data.Import;
using ExpansionDashboard.Data.Import.Kinds;
using ExpansionDashboard.Metrics.Model;

namespace ExpansionDashboard.Data.Tests.Import;

/// <summary>The plan's typed comparison of a file row with its stored line answers what comparing the two value arrays did.</summary>
[Trait(Lanes.Category, Lanes.Unit)]
public sealed class MrrSameTests
{
    private static readonly decimal[] Amounts = [0m, 1200m, 1200.00m, 1200.01m, 99.5m];
    private static readonly int?[] Seats = [null, 0, 12];
    private static readonly string?[] Plans = [null, "", "Plus", "plus"];
    private static readonly ExpansionType?[] Types = [null, ExpansionType.Seats, ExpansionType.Usage, ExpansionType.Upsell, ExpansionType.CrossSell];
    private static readonly string?[] StoredTypes = [null, "Seats", "Usage", "Upsell", "CrossSell", "seats"];
    private static readonly string[] Currencies = ["", "EUR", "USD"];

    [Fact]
    public void Same_EveryCombinationOfStoredAndFileValues_AgreesWithTheValueArrays()
    {
        var rng = new Random(18);
        var checkedPairs = 0;
        var same = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var row = new MrrImportRow(n + 2, "A1", new Month(2026, 3), "Core", Pick(rng, Amounts), Pick(rng, Seats), Pick(rng, Plans), Pick(rng, Types),
                new AccountAttributesRow(null, null, null, null, null), Pick(rng, Currencies));
            // Each stored value is the file's own most of the time, so whole rows often match.
            var currency = rng.Next(3) > 0 ? row.Currency : Pick(rng, Currencies);
            var mrr = rng.Next(3) > 0 ? row.Mrr : Pick(rng, Amounts);
            var seats = rng.Next(3) > 0 ? row.Seats : Pick(rng, Seats);
            var plan = rng.Next(3) > 0 ? row.Plan : Pick(rng, Plans);
            var type = rng.Next(3) > 0 ? row.ExpansionType?.ToString() : Pick(rng, StoredTypes);
            object?[] before = [row.Month.FirstDay, row.Product, currency, mrr, seats, plan, type];

            var expected = StoredValues.Same(ImportKinds.Mrr.Values(row), before);
            Assert.Equal(expected, RevenuePlanning.Same(row, currency, mrr, seats, plan, type));
            checkedPairs++;
            same += expected ? 1 : 0;
        }

        // Both answers occur often enough for the comparison to mean something.
        Assert.InRange(same, 1_000, checkedPairs - 1_000);
    }

    private static T Pick<T>(Random rng, T[] values) => values[rng.Next(values.Length)];
}
