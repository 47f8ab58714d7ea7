using System.Security.Cryptography;
using System.Text;
using ExpansionDashboard.Data.Audit;

namespace ExpansionDashboard.Data.ReviewLinks;

public sealed record ReviewLinkRow(int Id, string Name, string CreatedBy, DateTime CreatedUtc, DateTime? LastUsedUtc, DateTime? RevokedUtc, string? RevokedBy)
{
    public bool Active => RevokedUtc is null;
}

/// <param name="Token">The secret part of the link; shown once, never stored.</param>
public sealed record CreatedReviewLink(ReviewLinkRow Link, string Token);

/// <summary>
/// Read-only review links for meeting-room screens: made, listed and revoked by an Admin (audited), opened by a screen
/// with the token, and checked by id on every request of the screen's sign-in, so a revoke ends it at once. The caller
/// checks the acting admin's rights; this class stores and audits.
/// </summary>
public sealed class ReviewLinkService(IDbContextFactory<DashboardDbContext> factory, TimeProvider time, AuditLog audit)
{
    public const int MaxNameLength = 100;

    /// <summary>32 random bytes: the token cannot be guessed, so the hash needs no salt or stretching.</summary>
    public const int TokenBytes = 32;

    /// <summary>A screen asks many times a minute (assets, circuit); its last use is written at most this often.</summary>
    public static readonly TimeSpan UseRecordedEvery = TimeSpan.FromMinutes(1);

    /// <summary>Raised after a link is revoked, with its id: open circuits on this instance end at once, not at their next check.</summary>
    public event Action<int>? Revoked;

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public async Task<IReadOnlyList<ReviewLinkRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ReviewLinks.AsNoTracking().OrderByDescending(l => l.Id)
            .Select(l => new ReviewLinkRow(l.Id, l.Name, l.CreatedBy, l.CreatedUtc, l.LastUsedUtc, l.RevokedUtc, l.RevokedBy)).ToListAsync(ct);
    }

    /// <summary>Makes a link; returns it with its token, or why not.</summary>
    public async Task<(CreatedReviewLink? Created, string? Error)> CreateAsync(string name, string actor, CancellationToken ct = default)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
        {
            return (null, $"Name the link after the screen that shows it (up to {MaxNameLength} characters), e.g. \"Room 3 screen\".");
        }

        var token = NewToken();
        var link = new ReviewLink { Name = trimmed, TokenHash = Hash(token), CreatedBy = actor, CreatedUtc = time.GetUtcNow().UtcDateTime };
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            db.ReviewLinks.Add(link);
            await db.SaveChangesAsync(ct);
        }

        await audit.WriteAsync(actor, "review-link.create", trimmed, after: new { id = link.Id, rights = "review (read only)" }, ct: ct);
        return (new CreatedReviewLink(Row(link), token), null);
    }

    /// <summary>Revokes a link for good; false when it is unknown or was already revoked.</summary>
    public async Task<bool> RevokeAsync(int id, string actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        string? name;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            name = await db.ReviewLinks.AsNoTracking().Where(l => l.Id == id).Select(l => l.Name).FirstOrDefaultAsync(ct);
            if (name is null || await db.ReviewLinks.Where(l => l.Id == id && l.RevokedUtc == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedUtc, now).SetProperty(l => l.RevokedBy, actor), ct) != 1)
            {
                return false;
            }
        }

        await audit.WriteAsync(actor, "review-link.revoke", name, new { id, revoked = false }, new { id, revoked = true }, ct);
        Revoked?.Invoke(id);
        return true;
    }

    /// <summary>The active link a token opens (its use recorded), or null for an unknown, malformed or revoked token.</summary>
    public async Task<ReviewLinkRow?> OpenAsync(string? token, CancellationToken ct = default)
    {
        // A token is 43 base64url characters; anything else is not looked up.
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        var hash = Hash(token);
        await using var db = await factory.CreateDbContextAsync(ct);
        var link = await db.ReviewLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash && l.RevokedUtc == null, ct);
        if (link is null)
        {
            return null;
        }

        await RecordUseAsync(db, link.Id, ct);
        return Row(link);
    }

    /// <summary>Whether the link a screen signed in with still works; records its use. Called on every request of that sign-in.</summary>
    public async Task<bool> IsActiveAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RecordUseAsync(db, id, ct) || await db.ReviewLinks.AnyAsync(l => l.Id == id && l.RevokedUtc == null, ct);
    }

    // One statement for the common case (checked and used within the minute): a row is touched only when its last use is old.
    private async Task<bool> RecordUseAsync(DashboardDbContext db, int id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var before = now - UseRecordedEvery;
        return await db.ReviewLinks.Where(l => l.Id == id && l.RevokedUtc == null && (l.LastUsedUtc == null || l.LastUsedUtc < before))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastUsedUtc, now), ct) == 1;
    }

    private static ReviewLinkRow Row(ReviewLink l) => new(l.Id, l.Name, l.CreatedBy, l.CreatedUtc, l.LastUsedUtc, l.RevokedUtc, l.RevokedBy);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
