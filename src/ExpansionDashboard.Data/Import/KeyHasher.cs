namespace ExpansionDashboard.Data.Import;

/// <summary>
/// Two independent 64-bit FNV-1a hashes fed part by part: a 128-bit fingerprint of a row's natural key, so pass 1 keeps
/// no million key strings and need not build one per row either. Parts are separated as the key string separates them.
/// </summary>
internal struct KeyHasher()
{
    private const char Separator = '\u001f';
    private ulong _a = 14695981039346656037UL;
    private ulong _b = 0x9E3779B97F4A7C15UL;

    public readonly UInt128 Hash => new(_a, _b);

    public KeyHasher Add(string text)
    {
        foreach (var ch in text)
        {
            Mix(ch);
        }

        return this;
    }

    /// <summary>A number part, as its digits would read in the key string.</summary>
    public KeyHasher Add(int number)
    {
        Span<char> digits = stackalloc char[11];
        number.TryFormat(digits, out var n, default, CultureInfo.InvariantCulture);
        foreach (var ch in digits[..n])
        {
            Mix(ch);
        }

        return this;
    }

    /// <summary>The separator between two parts.</summary>
    public KeyHasher Next()
    {
        Mix(Separator);
        return this;
    }

    private void Mix(char ch)
    {
        _a = (_a ^ ch) * 1099511628211UL;
        _b = (_b ^ ch) * 0x100000001B3UL;
        _b ^= _b >> 29;
    }
}
