namespace ExpansionDashboard.Metrics.Model;

/// <summary>
/// Revenue rows held in columns, the same meaning as a list of <see cref="RevenueInput"/>: accounts, products and
/// currencies are keys into small tables. A store's million lines then load without an object per row, and
/// <see cref="RevenueModel.Build(IEnumerable{AccountInput}, RevenueColumns, Month, Month, Currency.FxRates?)"/> resolves
/// each distinct account, product and currency once instead of hashing their strings on every row.
/// </summary>
public sealed class RevenueColumns
{
    private readonly List<string> _accountIds = [];
    private readonly List<string> _products = [];
    private readonly List<string?> _currencies = [];
    private readonly Dictionary<string, int> _accountKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _productKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _currencyKeys = new(StringComparer.Ordinal);
    private string? _lastProduct;
    private int _lastProductKey;
    private string? _lastCurrency;
    private int _lastCurrencyKey;
    private int[] _account;
    private int[] _month;
    private int[] _product;
    private int[] _currency;
    private decimal[] _mrr;
    private sbyte[] _type;
    private int _minMonth = int.MaxValue;
    private int _maxMonth = int.MinValue;

    /// <param name="capacity">The expected number of rows (the columns grow past it when needed).</param>
    public RevenueColumns(int capacity = 16)
    {
        capacity = Math.Max(capacity, 16);
        _account = new int[capacity];
        _month = new int[capacity];
        _product = new int[capacity];
        _currency = new int[capacity];
        _mrr = new decimal[capacity];
        _type = new sbyte[capacity];
    }

    /// <summary>How many rows the columns hold.</summary>
    public int Count { get; private set; }

    /// <summary>The earliest row's month; null without rows.</summary>
    public Month? FirstMonth => Count == 0 ? null : Month.FromIndex(_minMonth);

    /// <summary>The latest row's month; null without rows.</summary>
    public Month? LastMonth => Count == 0 ? null : Month.FromIndex(_maxMonth);

    /// <summary>Every row's month, in row order.</summary>
    public IEnumerable<Month> Months
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return Month.FromIndex(_month[i]);
            }
        }
    }

    internal IReadOnlyList<string> AccountIds => _accountIds;

    internal IReadOnlyList<string> Products => _products;

    internal IReadOnlyList<string?> Currencies => _currencies;

    internal ReadOnlySpan<int> AccountColumn => _account.AsSpan(0, Count);

    internal ReadOnlySpan<int> MonthColumn => _month.AsSpan(0, Count);

    internal ReadOnlySpan<int> ProductColumn => _product.AsSpan(0, Count);

    internal ReadOnlySpan<int> CurrencyColumn => _currency.AsSpan(0, Count);

    internal ReadOnlySpan<decimal> MrrColumn => _mrr.AsSpan(0, Count);

    internal ReadOnlySpan<sbyte> TypeColumn => _type.AsSpan(0, Count);

    /// <summary>The key of an account id (the same id always answers the same key).</summary>
    public int AccountKey(string accountId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        return Key(_accountKeys, _accountIds, accountId);
    }

    /// <summary>The key of a product; a caller that passes the same string instance row after row pays no hashing.</summary>
    public int ProductKey(string product)
    {
        ArgumentNullException.ThrowIfNull(product);
        if (!ReferenceEquals(product, _lastProduct))
        {
            _lastProductKey = Key(_productKeys, _products, product);
            _lastProduct = product;
        }

        return _lastProductKey;
    }

    /// <summary>The key of a currency code as the row carries it (null or empty: the reporting currency).</summary>
    public int CurrencyKey(string? currency)
    {
        currency ??= "";
        if (!ReferenceEquals(currency, _lastCurrency))
        {
            if (!_currencyKeys.TryGetValue(currency, out _lastCurrencyKey))
            {
                _lastCurrencyKey = _currencies.Count;
                _currencyKeys.Add(currency, _lastCurrencyKey);
                _currencies.Add(currency.Length == 0 ? null : currency);
            }

            _lastCurrency = currency;
        }

        return _lastCurrencyKey;
    }

    /// <summary>Adds a row whose account, product and currency are keys this instance answered.</summary>
    public void Add(int accountKey, Month month, int productKey, decimal mrr, ExpansionType? lineType, int currencyKey)
    {
        if ((uint)accountKey >= (uint)_accountIds.Count || (uint)productKey >= (uint)_products.Count || (uint)currencyKey >= (uint)_currencies.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(accountKey), "A key must come from this instance's AccountKey, ProductKey and CurrencyKey.");
        }

        if (Count == _account.Length)
        {
            Grow();
        }

        var i = Count++;
        var m = month.Index;
        _account[i] = accountKey;
        _month[i] = m;
        _product[i] = productKey;
        _currency[i] = currencyKey;
        _mrr[i] = mrr;
        _type[i] = lineType is { } t ? (sbyte)t : (sbyte)-1;
        _minMonth = Math.Min(_minMonth, m);
        _maxMonth = Math.Max(_maxMonth, m);
    }

    /// <summary>Adds one <see cref="RevenueInput"/>.</summary>
    public void Add(RevenueInput row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Add(AccountKey(row.AccountId), row.Month, ProductKey(row.Product), row.Mrr, row.LineType, CurrencyKey(row.Currency));
    }

    private static int Key(Dictionary<string, int> keys, List<string> table, string text)
    {
        if (!keys.TryGetValue(text, out var key))
        {
            key = table.Count;
            keys.Add(text, key);
            table.Add(text);
        }

        return key;
    }

    private void Grow()
    {
        var size = _account.Length * 2;
        Array.Resize(ref _account, size);
        Array.Resize(ref _month, size);
        Array.Resize(ref _product, size);
        Array.Resize(ref _currency, size);
        Array.Resize(ref _mrr, size);
        Array.Resize(ref _type, size);
    }
}
