using ExpansionDashboard.Metrics.Currency;

namespace ExpansionDashboard.Metrics.Model;

/// <summary>
/// The compact in-memory model every metric reads: per account a month-indexed array of total MRR and,
/// per product, the line MRR. Built once per data version; immutable afterwards, so it is safe to share
/// between concurrent readers.
/// </summary>
public sealed class RevenueModel
{
    private readonly AccountSeries[] _accounts;

    private RevenueModel(Month firstMonth, int monthCount, AccountSeries[] accounts, string[] products, FxRates? rates = null, IReadOnlyList<MissingRate>? missing = null, bool multiCurrency = false)
    {
        FirstMonth = firstMonth;
        MonthCount = monthCount;
        _accounts = accounts;
        Products = products;
        Rates = rates ?? FxRates.None;
        MissingRates = missing ?? [];
        IsMultiCurrency = multiCurrency;
    }

    /// <summary>The exchange rates the model converted with (<see cref="FxRates.None"/> for a one-currency book).</summary>
    public FxRates Rates { get; }

    /// <summary>Currency-months whose rows had no rate at or before them; they count as zero and are reported.</summary>
    public IReadOnlyList<MissingRate> MissingRates { get; }

    /// <summary>Whether any revenue is in a currency other than the reporting currency (so FX can be non-zero).</summary>
    public bool IsMultiCurrency { get; }

    /// <summary>The first month covered; index 0 of every series.</summary>
    public Month FirstMonth { get; }

    /// <summary>How many months every series holds.</summary>
    public int MonthCount { get; }

    /// <summary>The last month covered (inclusive); equals <see cref="FirstMonth"/> when the model is empty.</summary>
    public Month LastMonth => FirstMonth.AddMonths(Math.Max(0, MonthCount - 1));

    public bool IsEmpty => MonthCount == 0;

    public IReadOnlyList<AccountSeries> Accounts => _accounts;

    public IReadOnlyList<string> Products { get; }

    /// <summary>Position of <paramref name="month"/> in the series, or -1 when outside the model.</summary>
    public int IndexOf(Month month)
    {
        var i = month - FirstMonth;
        return i >= 0 && i < MonthCount ? i : -1;
    }

    public Month MonthAt(int index) => FirstMonth.AddMonths(index);

    /// <summary>Accounts matching the filter by their current attributes (all of them for an empty filter).</summary>
    public IEnumerable<AccountSeries> Select(AccountFilter? filter) =>
        filter is null || filter.IsEmpty ? _accounts : _accounts.Where(a => filter.Matches(a.Account));

    /// <summary>Accounts whose attributes at <paramref name="monthIndex"/> match the filter.</summary>
    public IEnumerable<AccountSeries> SelectAt(AccountFilter? filter, int monthIndex) =>
        filter is null || filter.IsEmpty ? _accounts : _accounts.Where(a => filter.Matches(a.AttributesAt(monthIndex)));

    /// <summary>
    /// Builds the model. Revenue rows for the same account, month and product are summed; rows for an
    /// account not in <paramref name="accounts"/> create an account with unknown attributes. An
    /// account-month whose total ends below zero (credits) counts as zero, per the contract.
    /// </summary>
    public static RevenueModel Build(IEnumerable<AccountInput> accounts, IEnumerable<RevenueInput> revenue, Month? through = null, FxRates? rates = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(revenue);

        var rows = revenue as IReadOnlyCollection<RevenueInput> ?? revenue.ToList();
        if (rows.Count == 0)
        {
            var list = Distinct(accounts);
            return new RevenueModel(through ?? default, 0, list.Select(a => new AccountSeries(a, [], [], null)).ToArray(), [], rates);
        }

        var min = int.MaxValue;
        var max = int.MinValue;
        foreach (var r in rows)
        {
            min = Math.Min(min, r.Month.Index);
            max = Math.Max(max, r.Month.Index);
        }

        if (through is { } t && t.Index > max)
        {
            max = t.Index;
        }

        return Build(accounts, rows, Month.FromIndex(min), Month.FromIndex(max), rates);
    }

    /// <summary>
    /// Builds the model over a known month range in one streaming pass (rows outside the range are ignored), so a
    /// large load never holds its rows in memory twice. <paramref name="last"/> is where the data's horizon ends the
    /// model: rows after it (prepaid periods not yet observed) carry no figures. Rows in another currency than the
    /// reporting one are kept in their own currency per product and converted with <paramref name="rates"/>.
    /// </summary>
    public static RevenueModel Build(IEnumerable<AccountInput> accounts, IEnumerable<RevenueInput> revenue, Month first, Month last, FxRates? rates = null)
    {
        rates ??= FxRates.None;
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(revenue);
        if (last < first)
        {
            throw new ArgumentException("The last month must not come before the first.", nameof(last));
        }

        var accountList = Distinct(accounts);
        var byId = new Dictionary<string, int>(accountList.Count, StringComparer.Ordinal);
        for (var i = 0; i < accountList.Count; i++)
        {
            byId[accountList[i].Id] = i;
        }

        var count = last - first + 1;
        var min = first.Index;
        var productIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var seriesIndex = new Dictionary<(int Product, string Currency), int>();
        var currencyRates = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        var perAccount = new List<Dictionary<int, ProductSeries>?>(new Dictionary<int, ProductSeries>?[accountList.Count]);
        foreach (var r in revenue)
        {
            var mi = r.Month.Index - min;
            if (mi < 0 || mi >= count)
            {
                continue;
            }

            if (!byId.TryGetValue(r.AccountId, out var ai))
            {
                ai = accountList.Count;
                byId.Add(r.AccountId, ai);
                accountList.Add(new AccountInput(r.AccountId, r.AccountId, "Unknown", "Unknown", "Unknown", "Unknown"));
                perAccount.Add(null);
            }

            if (!productIndex.TryGetValue(r.Product, out var pi))
            {
                pi = productIndex.Count;
                productIndex.Add(r.Product, pi);
            }

            var currency = rates.IsReporting(r.Currency) ? "" : FxRates.Normalise(r.Currency);
            if (!seriesIndex.TryGetValue((pi, currency), out var si))
            {
                // A product billed in two currencies is two series, so each converts at its own rate.
                si = seriesIndex.Count;
                seriesIndex.Add((pi, currency), si);
            }

            var products = perAccount[ai] ??= [];
            if (!products.TryGetValue(si, out var series))
            {
                decimal[]? rateArray = null;
                if (currency.Length > 0 && !currencyRates.TryGetValue(currency, out rateArray))
                {
                    rateArray = new decimal[count];
                    for (var m = 0; m < count; m++)
                    {
                        rateArray[m] = rates.RateAt(currency, Month.FromIndex(min + m)) ?? 0m;
                    }

                    currencyRates.Add(currency, rateArray);
                }

                series = new ProductSeries(r.Product, new decimal[count], new ExpansionType?[count])
                {
                    Currency = currency,
                    Native = rateArray is null ? null : new decimal[count],
                    RateArray = rateArray,
                };
                products.Add(si, series);
            }

            if (series.Native is { } native)
            {
                native[mi] += r.Mrr;
            }
            else
            {
                series.Mrr[mi] += r.Mrr;
            }

            if (r.LineType is { } lt)
            {
                series.LineTypes[mi] = lt;
            }
        }

        var missing = new HashSet<(string Currency, int Month)>();
        var built = new AccountSeries[accountList.Count];
        for (var i = 0; i < accountList.Count; i++)
        {
            var total = new decimal[count];
            var products = perAccount[i] is { } p ? p.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToArray() : [];
            var foreign = false;
            foreach (var ps in products)
            {
                if (ps.Native is { } native && ps.RateArray is { } ra)
                {
                    foreign = true;
                    for (var m = 0; m < count; m++)
                    {
                        if (native[m] != 0 && ra[m] == 0)
                        {
                            missing.Add((ps.Currency, min + m));
                        }

                        ps.Mrr[m] = native[m] * ra[m];
                    }
                }

                var mrr = ps.Mrr;
                for (var m = 0; m < count; m++)
                {
                    total[m] += mrr[m];
                }
            }

            for (var m = 0; m < count; m++)
            {
                if (total[m] < 0)
                {
                    total[m] = 0;
                }
            }

            built[i] = new AccountSeries(accountList[i], total, products, HistoryIndexes(accountList[i], min)) { HasForeignCurrency = foreign };
        }

        var missingList = missing.OrderBy(x => x.Currency, StringComparer.Ordinal).ThenBy(x => x.Month)
            .Select(x => new MissingRate(x.Currency, Month.FromIndex(x.Month))).ToList();
        return new RevenueModel(first, count, built, productIndex.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray(), rates, missingList, currencyRates.Count > 0);
    }

    private static List<AccountInput> Distinct(IEnumerable<AccountInput> accounts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<AccountInput>();
        foreach (var a in accounts)
        {
            if (seen.Add(a.Id))
            {
                list.Add(a);
            }
        }

        return list;
    }

    private static (int, AccountAttributes)[]? HistoryIndexes(AccountInput account, int firstMonthIndex) =>
        account.History is { Count: > 0 } h
            ? h.OrderBy(c => c.From).Select(c => (c.From.Index - firstMonthIndex, c.Attributes)).ToArray()
            : null;
}

/// <summary>One account's MRR by month (total clamped at zero) and by product.</summary>
public sealed class AccountSeries(AccountInput account, decimal[] total, ProductSeries[] products, (int From, AccountAttributes Attributes)[]? history)
{
    private readonly AccountAttributes _current = account.Attributes;

    public AccountInput Account { get; } = account;

    public bool HasHistory => history is { Length: > 0 };

    /// <summary>The attributes the account had in the month at <paramref name="monthIndex"/>.</summary>
    public AccountAttributes AttributesAt(int monthIndex)
    {
        if (history is not { Length: > 0 } h)
        {
            return _current;
        }

        var result = h[0].Attributes;
        foreach (var (from, attributes) in h)
        {
            if (from > monthIndex)
            {
                break;
            }

            result = attributes;
        }

        return result;
    }

    /// <summary>Total MRR per month index; never negative.</summary>
    public decimal[] Total { get; } = total;

    public IReadOnlyList<ProductSeries> Products { get; } = products;

    /// <summary>Index of the first month with MRR above zero, or -1 if the account never paid.</summary>
    public int FirstPaidIndex
    {
        get
        {
            for (var i = 0; i < Total.Length; i++)
            {
                if (Total[i] > 0)
                {
                    return i;
                }
            }

            return -1;
        }
    }

    public decimal MrrAt(int monthIndex) => monthIndex >= 0 && monthIndex < Total.Length ? Total[monthIndex] : 0m;

    /// <summary>Whether any of the account's revenue is in another currency than the reporting one.</summary>
    public bool HasForeignCurrency { get; init; }

    /// <summary>
    /// Total MRR of the month at <paramref name="monthIndex"/> valued at the rates of the month at
    /// <paramref name="rateMonthIndex"/> (constant currency), never negative. With one currency it is <see cref="Total"/>.
    /// </summary>
    public decimal TotalAt(int monthIndex, int rateMonthIndex)
    {
        if (monthIndex < 0 || monthIndex >= Total.Length)
        {
            return 0m;
        }

        if (!HasForeignCurrency || monthIndex == rateMonthIndex)
        {
            return Total[monthIndex];
        }

        var sum = 0m;
        foreach (var p in Products)
        {
            sum += p.ValueAt(monthIndex, rateMonthIndex);
        }

        return sum < 0 ? 0m : sum;
    }
}

/// <summary>
/// One product's line MRR per month for an account (reporting currency at each month's own rates), with the line's
/// type hint if it carried one. A product billed in another currency also keeps its amounts in that currency.
/// </summary>
public sealed record ProductSeries(string Product, decimal[] Mrr, ExpansionType?[] LineTypes)
{
    /// <summary>The ISO code the line is billed in; empty for the reporting currency.</summary>
    public string Currency { get; init; } = "";

    /// <summary>Line MRR in <see cref="Currency"/>; null for the reporting currency.</summary>
    public decimal[]? Native { get; init; }

    /// <summary>The currency's rate per month of the model (0 where no rate exists); null for the reporting currency.</summary>
    internal decimal[]? RateArray { get; init; }

    /// <summary>The line's MRR of month <paramref name="monthIndex"/> at the rates of <paramref name="rateMonthIndex"/>.</summary>
    public decimal ValueAt(int monthIndex, int rateMonthIndex)
    {
        if (Native is not { } native || RateArray is not { } rates || monthIndex == rateMonthIndex)
        {
            return Mrr[monthIndex];
        }

        // Before a currency's first rate there is nothing to compare with: the month's own rate is used (no FX effect).
        var rate = rateMonthIndex >= 0 && rateMonthIndex < rates.Length && rates[rateMonthIndex] > 0 ? rates[rateMonthIndex] : rates[monthIndex];
        return native[monthIndex] * rate;
    }

    private int _firstPaid = -2;

    /// <summary>Index of the first month this product had MRR above zero, or -1. Computed once the model is built.</summary>
    public int FirstPaidIndex
    {
        get
        {
            // Benign race: every thread computes the same value from the immutable series.
            if (_firstPaid == -2)
            {
                _firstPaid = Array.FindIndex(Mrr, v => v > 0);
            }

            return _firstPaid;
        }
    }
}
