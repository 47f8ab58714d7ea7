namespace ExpansionDashboard.Data.SavedReviews;

/// <summary>A saved review in the list: when it is as of, when and by whom it was saved.</summary>
public sealed record SavedReviewRow(long Id, DateOnly AsOf, DateTime SavedUtc, string SavedBy);

/// <summary>A saved review with the deck it froze.</summary>
public sealed record SavedReviewDeck(long Id, DateOnly AsOf, DateTime SavedUtc, string SavedBy, string Json);

/// <summary>
/// Saves the weekly review deck as it was shown and gives it back unchanged. Saving the same day again adds a
/// second snapshot rather than replacing the first: a review once shown in a meeting stays what people saw.
/// </summary>
public sealed class SavedReviewStore(IDbContextFactory<DashboardDbContext> factory, Audit.AuditLog audit, TimeProvider time)
{
    public async Task<long> SaveAsync(DateOnly asOf, string json, string actor, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = new SavedReview { AsOf = asOf, Json = json, SavedBy = actor, SavedUtc = time.GetUtcNow().UtcDateTime };
        db.SavedReviews.Add(row);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "review.save", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, new { row.Id, AsOf = asOf }, ct);
        return row.Id;
    }

    public async Task<SavedReviewDeck?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.SavedReviews.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new SavedReviewDeck(r.Id, r.AsOf, r.SavedUtc, r.SavedBy, r.Json))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Newest first: by the day they are as of, then by when they were saved.</summary>
    public async Task<IReadOnlyList<SavedReviewRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.SavedReviews.AsNoTracking()
            .Select(r => new SavedReviewRow(r.Id, r.AsOf, r.SavedUtc, r.SavedBy))
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.AsOf).ThenByDescending(r => r.SavedUtc).ThenByDescending(r => r.Id).ToList();
    }
}
