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
        ArgumentNullException.ThrowIfNull(revenue);
        var builder = new Builder(accounts, first, last, rates);
        foreach (var r in revenue)
        {
            var mi = r.Month.Index - builder.Min;
            if (mi >= 0 && mi < builder.Count)
            {
                var ai = builder.Account(r.AccountId);
                builder.Add(ai, builder.Series(r.Product, r.Currency), mi, r.Mrr, r.LineType);
            }
        }

        return builder.Finish();
    }

    /// <summary>
    /// The model of revenue held in columns, over the rows' own month range extended to <paramref name="through"/>:
    /// the same model <see cref="Build(IEnumerable{AccountInput}, IEnumerable{RevenueInput}, Month?, FxRates?)"/> makes of the same rows.
    /// </summary>
    public static RevenueModel Build(IEnumerable<AccountInput> accounts, RevenueColumns revenue, Month? through = null, FxRates? rates = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(revenue);
        if (revenue is not { FirstMonth: { } min, LastMonth: { } max })
        {
            var list = Distinct(accounts);
            return new RevenueModel(through ?? default, 0, list.Select(a => new AccountSeries(a, [], [], null)).ToArray(), [], rates);
        }

        return Build(accounts, revenue, min, through is { } t && t > max ? t : max, rates);
    }

    /// <summary>
    /// The model of revenue held in columns over a known month range: the same model
    /// <see cref="Build(IEnumerable{AccountInput}, IEnumerable{RevenueInput}, Month, Month, FxRates?)"/> makes of the same
    /// rows, with each distinct account, product and currency resolved once rather than per row.
    /// </summary>
    public static RevenueModel Build(IEnumerable<AccountInput> accounts, RevenueColumns revenue, Month first, Month last, FxRates? rates = null)
    {
        ArgumentNullException.ThrowIfNull(revenue);
        var builder = new Builder(accounts, first, last, rates);
        var accountOf = new int[revenue.AccountIds.Count];
        Array.Fill(accountOf, -1);
        var currencies = revenue.Currencies.Count;
        var seriesOf = new int[revenue.Products.Count * currencies];
        Array.Fill(seriesOf, -1);
        var account = revenue.AccountColumn;
        var month = revenue.MonthColumn;
        var product = revenue.ProductColumn;
        var currency = revenue.CurrencyColumn;
        var mrr = revenue.MrrColumn;
        var type = revenue.TypeColumn;
        for (var i = 0; i < account.Length; i++)
        {
            var mi = month[i] - builder.Min;
            if (mi < 0 || mi >= builder.Count)
            {
                continue;
            }

            // Resolved in the same order as the row-by-row build, so accounts, products and series keep their order.
            var ai = accountOf[account[i]];
            if (ai < 0)
            {
                ai = accountOf[account[i]] = builder.Account(revenue.AccountIds[account[i]]);
            }

            var key = (product[i] * currencies) + currency[i];
            var si = seriesOf[key];
            if (si < 0)
            {
                si = seriesOf[key] = builder.Series(revenue.Products[product[i]], revenue.Currencies[currency[i]]);
            }

            builder.Add(ai, si, mi, mrr[i], type[i] < 0 ? null : (ExpansionType)type[i]);
        }

        return builder.Finish();
    }

    /// <summary>The one implementation both builds feed: rows are resolved to account and series indexes, then summed.</summary>
    private sealed class Builder
    {
        private readonly List<AccountInput> _accounts;
        private readonly Dictionary<string, int> _byId;
        private readonly FxRates _rates;
        private readonly Month _first;
        private readonly Dictionary<string, int> _productIndex = new(StringComparer.Ordinal);
        private readonly Dictionary<(int Product, string Currency), int> _seriesIndex = [];
        private readonly List<(string Product, string Currency)> _series = [];
        private readonly Dictionary<string, decimal[]> _currencyRates = new(StringComparer.Ordinal);
        private readonly List<Dictionary<int, ProductSeries>?> _perAccount;
        private int _lastAccount = -1;
        private int _lastSeries = -1;
        private ProductSeries? _last;

        public Builder(IEnumerable<AccountInput> accounts, Month first, Month last, FxRates? rates)
        {
            ArgumentNullException.ThrowIfNull(accounts);
            if (last < first)
            {
                throw new ArgumentException("The last month must not come before the first.", nameof(last));
            }

            _rates = rates ?? FxRates.None;
            _first = first;
            _accounts = Distinct(accounts);
            _byId = new Dictionary<string, int>(_accounts.Count, StringComparer.Ordinal);
            for (var i = 0; i < _accounts.Count; i++)
            {
                _byId[_accounts[i].Id] = i;
            }

            Min = first.Index;
            Count = last - first + 1;
            _perAccount = new List<Dictionary<int, ProductSeries>?>(new Dictionary<int, ProductSeries>?[_accounts.Count]);
        }

        /// <summary>The first month's index.</summary>
        public int Min { get; }

        /// <summary>How many months the model covers.</summary>
        public int Count { get; }

        /// <summary>The index of an account; a row for an account not given creates one with unknown attributes.</summary>
        public int Account(string id)
        {
            if (!_byId.TryGetValue(id, out var ai))
            {
                ai = _accounts.Count;
                _byId.Add(id, ai);
                _accounts.Add(new AccountInput(id, id, "Unknown", "Unknown", "Unknown", "Unknown"));
                _perAccount.Add(null);
            }

            return ai;
        }

        /// <summary>The index of a product in a currency: a product billed in two currencies is two series, so each converts at its own rate.</summary>
        public int Series(string product, string? currency)
        {
            if (!_productIndex.TryGetValue(product, out var pi))
            {
                pi = _productIndex.Count;
                _productIndex.Add(product, pi);
            }

            var code = _rates.IsReporting(currency) ? "" : FxRates.Normalise(currency);
            if (!_seriesIndex.TryGetValue((pi, code), out var si))
            {
                si = _seriesIndex.Count;
                _seriesIndex.Add((pi, code), si);
                _series.Add((product, code));
            }

            return si;
        }

        public void Add(int ai, int si, int mi, decimal mrr, ExpansionType? lineType)
        {
            // Rows of one account and product usually follow each other: the last series is reused without a lookup.
            var series = ai == _lastAccount && si == _lastSeries ? _last! : Find(ai, si);
            if (series.Native is { } native)
            {
                native[mi] += mrr;
            }
            else
            {
                series.Mrr[mi] += mrr;
            }

            if (lineType is { } lt)
            {
                series.LineTypes[mi] = lt;
            }
        }

        private ProductSeries Find(int ai, int si)
        {
            var products = _perAccount[ai] ??= [];
            if (!products.TryGetValue(si, out var series))
            {
                var (product, currency) = _series[si];
                decimal[]? rateArray = null;
                if (currency.Length > 0 && !_currencyRates.TryGetValue(currency, out rateArray))
                {
                    rateArray = new decimal[Count];
                    for (var m = 0; m < Count; m++)
                    {
                        rateArray[m] = _rates.RateAt(currency, Month.FromIndex(Min + m)) ?? 0m;
                    }

                    _currencyRates.Add(currency, rateArray);
                }

                series = new ProductSeries(product, new decimal[Count], new ExpansionType?[Count])
                {
                    Currency = currency,
                    Native = rateArray is null ? null : new decimal[Count],
                    RateArray = rateArray,
                };
                products.Add(si, series);
            }

            _lastAccount = ai;
            _lastSeries = si;
            _last = series;
            return series;
        }

        public RevenueModel Finish()
        {
            var count = Count;
            var min = Min;
            var missing = new HashSet<(string Currency, int Month)>();
            var built = new AccountSeries[_accounts.Count];
            for (var i = 0; i < _accounts.Count; i++)
            {
                var total = new decimal[count];
                var products = _perAccount[i] is { } p ? p.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToArray() : [];
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

                built[i] = new AccountSeries(_accounts[i], total, products, HistoryIndexes(_accounts[i], min)) { HasForeignCurrency = foreign };
            }

            var missingList = missing.OrderBy(x => x.Currency, StringComparer.Ordinal).ThenBy(x => x.Month)
                .Select(x => new MissingRate(x.Currency, Month.FromIndex(x.Month))).ToList();
            return new RevenueModel(_first, count, built, _productIndex.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray(), _rates, missingList, _currencyRates.Count > 0);
        }
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
