namespace ExpansionDashboard.Metrics.Billing;

/// <summary>
/// A billing line: an amount (after discounts, before tax) in <paramref name="Currency"/> (null or empty for the
/// reporting currency) for the service period [start, end).
/// </summary>
public sealed record InvoiceLineInput(string AccountId, string Product, DateOnly ServiceStart, DateOnly ServiceEnd, decimal Amount, ExpansionType? LineType = null, string? Currency = null);

/// <summary>An account-month whose line MRR summed below zero (credits larger than charges); it counts as zero.</summary>
public sealed record NegativeAccountMonth(string AccountId, Month Month, decimal Mrr, string? Currency = null);

/// <summary>A line that could not be used, with the reason.</summary>
public sealed record RejectedInvoiceLine(int Index, InvoiceLineInput Line, string Reason);

public sealed record InvoiceNormalisationResult(
    IReadOnlyList<RevenueInput> Revenue,
    IReadOnlyList<NegativeAccountMonth> BelowZero,
    IReadOnlyList<RejectedInvoiceLine> Rejected);

/// <summary>
/// Turns invoice lines with service periods into monthly MRR. A line's length in months is the whole number of
/// calendar months between start and end when the end falls on the same day of the month as the start;
/// otherwise days(end − start) ÷ (365.25 ÷ 12). Its MRR is amount ÷ length. An account's MRR for month M is the
/// sum of the MRR of its lines whose period contains M's last day (start ≤ last day &lt; end). Lines are spread over
/// months in their own currency; conversion to the reporting currency happens month by month in the model.
/// </summary>
public static class InvoiceNormalisation
{
    public const string Definition =
        "Line MRR = amount ÷ service-period length in months; an account-month's MRR sums the lines whose period contains the month's last day.";

    private const decimal DaysPerMonth = 365.25m / 12m;

    /// <summary>Service-period length in months, per the contract's rule.</summary>
    public static decimal LengthInMonths(DateOnly start, DateOnly end)
    {
        if (end <= start)
        {
            throw new ArgumentException("The service period must end after it starts.", nameof(end));
        }

        if (end.Day == start.Day)
        {
            return (end.Year - start.Year) * 12 + (end.Month - start.Month);
        }

        return (end.DayNumber - start.DayNumber) / DaysPerMonth;
    }

    /// <summary>Decimal places kept for a line's MRR (a millionth of a cent).</summary>
    public const int Precision = 8;

    /// <summary>
    /// The monthly MRR one line contributes, rounded to <see cref="Precision"/> decimal places: a fixed scale keeps
    /// every later sum exact and independent of summation order (a 28-digit quotient would not be).
    /// </summary>
    public static decimal MonthlyAmount(InvoiceLineInput line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var length = LengthInMonths(line.ServiceStart, line.ServiceEnd);

        // Whole months divide directly; day-based lengths multiply first to keep precision before rounding.
        var mrr = line.ServiceEnd.Day == line.ServiceStart.Day
            ? line.Amount / length
            : line.Amount * DaysPerMonth / (line.ServiceEnd.DayNumber - line.ServiceStart.DayNumber);
        return decimal.Round(mrr, Precision, MidpointRounding.ToEven);
    }

    /// <summary>Normalises lines to one revenue row per account, month and product.</summary>
    public static InvoiceNormalisationResult Normalise(IEnumerable<InvoiceLineInput> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sums = new Dictionary<(string Account, int Month, string Product, string Currency), (decimal Mrr, ExpansionType? Type)>();
        var rejected = new List<RejectedInvoiceLine>();
        var index = 0;
        foreach (var line in lines)
        {
            index++;
            if (line.ServiceEnd <= line.ServiceStart)
            {
                rejected.Add(new RejectedInvoiceLine(index, line, "service_end is not after service_start"));
                continue;
            }

            if (line.Amount == 0m)
            {
                continue;
            }

            var mrr = MonthlyAmount(line);
            for (var m = Month.Of(line.ServiceStart); m.FirstDay < line.ServiceEnd; m = m.AddMonths(1))
            {
                var last = m.LastDay;
                if (line.ServiceStart <= last && last < line.ServiceEnd)
                {
                    var key = (line.AccountId, m.Index, line.Product, Currency.FxRates.Normalise(line.Currency));
                    sums.TryGetValue(key, out var acc);
                    sums[key] = (acc.Mrr + mrr, line.LineType ?? acc.Type);
                }
            }
        }

        var revenue = sums.Select(kv => new RevenueInput(kv.Key.Account, Month.FromIndex(kv.Key.Month), kv.Key.Product, kv.Value.Mrr, kv.Value.Type,
                kv.Key.Currency.Length == 0 ? null : kv.Key.Currency))
            .OrderBy(r => r.AccountId, StringComparer.Ordinal).ThenBy(r => r.Month).ThenBy(r => r.Product, StringComparer.Ordinal)
            .ThenBy(r => r.Currency, StringComparer.Ordinal)
            .ToList();

        // Per currency: amounts in two currencies cannot be added before conversion.
        var belowZero = revenue.GroupBy(r => (r.AccountId, r.Month, r.Currency))
            .Select(g => new NegativeAccountMonth(g.Key.AccountId, g.Key.Month, g.Sum(r => r.Mrr), g.Key.Currency))
            .Where(n => n.Mrr < 0)
            .ToList();
        return new InvoiceNormalisationResult(revenue, belowZero, rejected);
    }
}
