using System.Collections.Concurrent;
using ExpansionDashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace ExpansionDashboard.Web.Auth;

/// <summary>
/// Failed sign-ins per client address: after Dashboard:RateLimits:FailedSignInsPerIp wrong passwords within the window
/// the address is refused without a password check, before the account lockout (<see cref="AccountLockoutFailures"/>)
/// is reached, so one address can never lock a known account. Also decides which anonymous failures reach the audit
/// log (one per address and minute), and does the password-hash work for unknown e-mails.
/// </summary>
public sealed class SignInThrottle(IOptionsMonitor<DashboardOptions> options, TimeProvider time)
{
    /// <summary>Wrong passwords (from any number of addresses) that lock an account.</summary>
    public const int AccountLockoutFailures = 10;

    /// <summary>Short, so addresses that together lock an account hold it only while they keep failing.</summary>
    public static readonly TimeSpan AccountLockout = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan AuditInterval = TimeSpan.FromMinutes(1);

    // Bounds the memory a flood of addresses can take; the oldest entries go first when it is exceeded.
    private const int MaxAddresses = 50_000;

    private readonly ConcurrentDictionary<string, Entry> _addresses = new(StringComparer.Ordinal);

    private string? _dummyHash;

    /// <summary>True (with the wait) when the address used up its wrong passwords for the window.</summary>
    public bool IsBlocked(string address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_addresses.TryGetValue(address, out var entry))
        {
            return false;
        }

        var (limit, window) = Limits();
        var now = time.GetUtcNow();
        lock (entry)
        {
            entry.Prune(now - window);
            if (entry.Failures.Count < limit)
            {
                return false;
            }

            retryAfter = entry.Failures.Peek() + window - now;
            return true;
        }
    }

    public void RecordFailure(string address)
    {
        var now = time.GetUtcNow();
        if (_addresses.Count >= MaxAddresses)
        {
            Evict(now);
        }

        var entry = _addresses.GetOrAdd(address, _ => new Entry());
        var (limit, window) = Limits();
        lock (entry)
        {
            entry.Prune(now - window);
            entry.Failures.Enqueue(now);
            while (entry.Failures.Count > limit)
            {
                entry.Failures.Dequeue();
            }
        }
    }

    /// <summary>
    /// Whether this anonymous failure gets an audit row: the first per address and minute does, with the number left out
    /// since; the others only count, so a guessing run cannot fill the log with names it chose.
    /// </summary>
    public bool TryAudit(string address, out int suppressed)
    {
        var now = time.GetUtcNow();
        var entry = _addresses.GetOrAdd(address, _ => new Entry());
        lock (entry)
        {
            if (entry.LastAudit is { } last && now - last < AuditInterval)
            {
                entry.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = entry.Suppressed;
            (entry.LastAudit, entry.Suppressed) = (now, 0);
            return true;
        }
    }

    /// <summary>The same hash work a real account's check costs, so an unknown e-mail answers in the same time.</summary>
    public void VerifyAgainstDummy(IPasswordHasher<AppUser> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        var user = new AppUser();
        _dummyHash ??= hasher.HashPassword(user, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        _ = hasher.VerifyHashedPassword(user, _dummyHash, password);
    }

    private (int Limit, TimeSpan Window) Limits()
    {
        var limits = options.CurrentValue.RateLimits;
        return (limits.FailedSignInsPerIp, TimeSpan.FromMinutes(limits.FailedSignInWindowMinutes));
    }

    private void Evict(DateTimeOffset now)
    {
        var cutoff = now - Limits().Window;
        foreach (var (key, entry) in _addresses)
        {
            lock (entry)
            {
                entry.Prune(cutoff);
                if (entry.Failures.Count == 0 && (entry.LastAudit is not { } last || now - last >= AuditInterval))
                {
                    _addresses.TryRemove(key, out _);
                }
            }
        }

        if (_addresses.Count >= MaxAddresses)
        {
            foreach (var key in _addresses.Keys.Take(MaxAddresses / 10))
            {
                _addresses.TryRemove(key, out _);
            }
        }
    }

    private sealed class Entry
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset? LastAudit { get; set; }

        public int Suppressed { get; set; }

        public void Prune(DateTimeOffset cutoff)
        {
            while (Failures.Count > 0 && Failures.Peek() <= cutoff)
            {
                Failures.Dequeue();
            }
        }
    }
}
