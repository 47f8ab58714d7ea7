namespace ExpansionDashboard.Metrics.Model;

/// <summary>
/// The compact in-memory model every metric reads: per account a month-indexed array of total MRR and,
/// per product, the line MRR. Built once per data version; immutable afterwards, so it is safe to share
/// between concurrent readers.
/// </summary>
public sealed class RevenueModel
{
    private readonly AccountSeries[] _accounts;

    private RevenueModel(Month firstMonth, int monthCount, AccountSeries[] accounts, string[] products)
    {
        FirstMonth = firstMonth;
        MonthCount = monthCount;
        _accounts = accounts;
        Products = products;
    }

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
    public static RevenueModel Build(IEnumerable<AccountInput> accounts, IEnumerable<RevenueInput> revenue, Month? through = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(revenue);

        var rows = revenue as IReadOnlyCollection<RevenueInput> ?? revenue.ToList();
        if (rows.Count == 0)
        {
            var list = Distinct(accounts);
            return new RevenueModel(through ?? default, 0, list.Select(a => new AccountSeries(a, [], [], null)).ToArray(), []);
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

        return Build(accounts, rows, Month.FromIndex(min), Month.FromIndex(max));
    }

    /// <summary>
    /// Builds the model over a known month range in one streaming pass (rows outside the range are ignored), so a
    /// large load never holds its rows in memory twice.
    /// </summary>
    public static RevenueModel Build(IEnumerable<AccountInput> accounts, IEnumerable<RevenueInput> revenue, Month first, Month last)
    {
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

            var products = perAccount[ai] ??= [];
            if (!products.TryGetValue(pi, out var series))
            {
                series = new ProductSeries(r.Product, new decimal[count], new ExpansionType?[count]);
                products.Add(pi, series);
            }

            series.Mrr[mi] += r.Mrr;
            if (r.LineType is { } lt)
            {
                series.LineTypes[mi] = lt;
            }
        }

        var built = new AccountSeries[accountList.Count];
        for (var i = 0; i < accountList.Count; i++)
        {
            var total = new decimal[count];
            var products = perAccount[i] is { } p ? p.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToArray() : [];
            foreach (var ps in products)
            {
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

            built[i] = new AccountSeries(accountList[i], total, products, HistoryIndexes(accountList[i], min));
        }

        return new RevenueModel(first, count, built, productIndex.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray());
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
}

/// <summary>One product's line MRR per month for an account, with the line's type hint if it carried one.</summary>
public sealed record ProductSeries(string Product, decimal[] Mrr, ExpansionType?[] LineTypes)
{
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
