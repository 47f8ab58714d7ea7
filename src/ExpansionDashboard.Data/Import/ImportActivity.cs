using System.Text.Json.Serialization;

namespace ExpansionDashboard.Data.Import;

/// <summary>What an import is doing now.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportPhase>))]
public enum ImportPhase
{
    /// <summary>Reading and checking the file (the first pass, before the write lock).</summary>
    Reading,

    /// <summary>Waiting for the write lock another write holds.</summary>
    Waiting,

    /// <summary>Planning against the store and writing the rows.</summary>
    Writing,

    /// <summary>Rows written: the batch's report and the commit.</summary>
    Finishing,
}

/// <summary>One import as the tracker saw it at a moment.</summary>
/// <param name="RowsTotal">Known after the first pass (the rows to write); null while the file is read.</param>
/// <param name="Fraction">How far the current phase is (0..1); null while waiting.</param>
/// <param name="RowsPerSecond">Over the last few seconds of the phase; null until there is enough to measure.</param>
/// <param name="SecondsLeft">Of the current phase, at the current rate.</param>
/// <param name="BatchId">The batch being written, once its write began.</param>
/// <param name="Behind">For a queued import: what it waits behind ("batch 12 (mrr.csv by admin@…)").</param>
/// <param name="Position">For a queued import: its place in the queue, 1 first.</param>
public sealed record ImportActivityItem(
    long Id, string Kind, string FileName, string User, ImportPhase Phase, DateTimeOffset StartedUtc,
    long RowsDone, long? RowsTotal, double? Fraction, double? RowsPerSecond, double? SecondsLeft, long? BatchId,
    string? Behind = null, long? BehindBatchId = null, int? Position = null)
{
    /// <summary>Who started the import (the progress object given to the commit): a page finds its own import by it, without a new parameter on the service.</summary>
    [JsonIgnore]
    public object? Owner { get; init; }

    /// <summary>Whether <paramref name="owner"/> (the progress object given to the commit) started this import.</summary>
    public bool IsFor(object? owner) => owner is not null && ReferenceEquals(Owner, owner);
}

/// <summary>The imports under way: the one writing (or the oldest), those queued for the write lock and any others still reading.</summary>
public sealed record ImportActivitySnapshot(ImportActivityItem? Running, IReadOnlyList<ImportActivityItem> Queued, IReadOnlyList<ImportActivityItem> Others)
{
    public static ImportActivitySnapshot Idle { get; } = new(null, [], []);

    [JsonIgnore]
    public bool IsIdle => Running is null && Queued.Count == 0;

    /// <summary>The import <paramref name="owner"/> started, if it is still under way.</summary>
    public ImportActivityItem? For(object? owner) =>
        Running?.IsFor(owner) == true ? Running : Queued.FirstOrDefault(i => i.IsFor(owner)) ?? Others.FirstOrDefault(i => i.IsFor(owner));
}

/// <summary>
/// Which imports run in this process, how far each is, and who waits behind whom for the write lock. The import
/// service reports phase changes; row counts are pulled from the import (counters it keeps anyway) when someone looks,
/// at most every <see cref="SampleGap"/>, so a fast import pays nothing per row for being watched. Thread-safe.
/// </summary>
public sealed class ImportActivity(TimeProvider time)
{
    /// <summary>The rate is measured over this much of the recent past, so a slow start does not skew the time left.</summary>
    internal static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    /// <summary>Counts are read at most this often, however many pages poll.</summary>
    internal static readonly TimeSpan SampleGap = TimeSpan.FromMilliseconds(200);

    /// <summary>Below this much measured time a rate would be noise.</summary>
    private static readonly TimeSpan MinSpan = TimeSpan.FromMilliseconds(500);

    /// <summary>The kind a revert is tracked under (beside the import kinds' slugs).</summary>
    public const string RevertKind = "revert";

    private readonly TimeProvider _time = time;
    private readonly Lock _lock = new();
    private readonly List<Tracked> _imports = [];
    private long _lastId;

    /// <summary>Starts tracking an import (in the reading phase); dispose the result when it ends, however it ends.</summary>
    /// <param name="kind">The import kind's slug, or <see cref="RevertKind"/>.</param>
    public Tracked Begin(string kind, string fileName, string user, object? owner = null)
    {
        var tracked = new Tracked(this, Interlocked.Increment(ref _lastId), kind, Path.GetFileName(fileName), user, owner, _time.GetUtcNow(), _time.GetTimestamp());
        lock (_lock)
        {
            _imports.Add(tracked);
        }

        return tracked;
    }

    /// <summary>The imports under way now.</summary>
    public ImportActivitySnapshot Snapshot()
    {
        lock (_lock)
        {
            if (_imports.Count == 0)
            {
                return ImportActivitySnapshot.Idle;
            }

            var now = _time.GetTimestamp();
            var holder = _imports.FirstOrDefault(i => i.Phase is ImportPhase.Writing or ImportPhase.Finishing);
            var running = holder ?? _imports.FirstOrDefault(i => i.Phase != ImportPhase.Waiting);
            var behind = holder is null ? "another write (demo data, or another instance of the app)"
                : holder.Kind == RevertKind ? $"the revert of batch {holder.BatchId} (by {holder.User})"
                : holder.BatchId is { } id ? $"batch {id} ({holder.FileName} by {holder.User})"
                : $"{holder.FileName} by {holder.User}";
            var queued = _imports.Where(i => i.Phase == ImportPhase.Waiting).OrderBy(i => i.PhaseStart)
                .Select((i, n) => i.Item(now) with { Behind = behind, BehindBatchId = holder?.BatchId, Position = n + 1 })
                .ToList();
            var others = _imports.Where(i => i != running && i.Phase != ImportPhase.Waiting).Select(i => i.Item(now)).ToList();
            return new(running?.Item(now), queued, others);
        }
    }

    private void End(Tracked tracked)
    {
        lock (_lock)
        {
            _imports.Remove(tracked);
        }
    }

    /// <summary>One import's state; its methods are called by the import as it moves from phase to phase.</summary>
    public sealed class Tracked : IDisposable
    {
        private readonly ImportActivity _owner;
        private readonly object? _startedBy;
        private readonly Queue<Sample> _samples = new();
        private Func<(long Rows, double Fraction)>? _progress;
        private long? _rowsTotal;

        internal Tracked(ImportActivity owner, long id, string kind, string fileName, string user, object? startedBy, DateTimeOffset startedUtc, long now)
        {
            (_owner, Id, Kind, FileName, User, _startedBy, StartedUtc) = (owner, id, kind, fileName, user, startedBy, startedUtc);
            Enter(ImportPhase.Reading, now);
        }

        public long Id { get; }

        public string Kind { get; }

        public string FileName { get; }

        public string User { get; }

        public DateTimeOffset StartedUtc { get; }

        internal ImportPhase Phase { get; private set; }

        internal long PhaseStart { get; private set; }

        internal long? BatchId { get; private set; }

        /// <summary>Reading the file: <paramref name="progress"/> gives the rows read so far and the share of the file.</summary>
        public void Reading(Func<(long Rows, double Fraction)> progress) => Change(ImportPhase.Reading, () => _progress = progress);

        /// <summary>Waiting for the write lock.</summary>
        public void Waiting() => Change(ImportPhase.Waiting, () => _progress = null);

        /// <summary>Holds the write lock and writes <paramref name="rowsTotal"/> rows; counts come from <see cref="Counting"/>.</summary>
        public void Writing(long rowsTotal) => Change(ImportPhase.Writing, () =>
        {
            _rowsTotal = rowsTotal;
            _progress = null;
        });

        /// <summary>The rows written (or found unchanged) so far, read when someone looks.</summary>
        public void Counting(Func<long> rowsDone) => Change(null, () =>
        {
            var total = Math.Max(1, _rowsTotal ?? 1);
            _progress = () =>
            {
                var done = Math.Clamp(rowsDone(), 0, total);
                return (done, (double)done / total);
            };
        });

        /// <summary>The batch row exists: waiters can name it.</summary>
        public void Started(long batchId) => Change(null, () => BatchId = batchId);

        /// <summary>Every row is written; the report and the commit are left.</summary>
        public void Finishing() => Change(ImportPhase.Finishing, () =>
        {
            var total = _rowsTotal ?? 0;
            _progress = () => (total, 1.0);
        });

        public void Dispose() => _owner.End(this);

        private void Change(ImportPhase? phase, Action change)
        {
            lock (_owner._lock)
            {
                change();
                if (phase is { } p && p != Phase)
                {
                    Enter(p, _owner._time.GetTimestamp());
                }
            }
        }

        private void Enter(ImportPhase phase, long now)
        {
            Phase = phase;
            PhaseStart = now;
            _samples.Clear();

            // The phase's start counts as its first sample, so the rate is known from the first look a second later.
            _samples.Enqueue(new Sample(now, 0, 0));
        }

        /// <summary>The state now; called under the tracker's lock.</summary>
        internal ImportActivityItem Item(long now)
        {
            var last = _samples.Last();
            if (_progress is { } progress && _owner._time.GetElapsedTime(last.At, now) >= SampleGap)
            {
                var (rows, fraction) = progress();
                last = new Sample(now, rows, Math.Clamp(fraction, 0, 1));
                _samples.Enqueue(last);
                while (_samples.Count > 2 && _owner._time.GetElapsedTime(_samples.ElementAt(1).At, now) >= Window)
                {
                    _samples.Dequeue();
                }
            }

            var first = _samples.Peek();
            var span = _owner._time.GetElapsedTime(first.At, last.At);
            double? rate = null;
            double? left = null;
            if (span >= MinSpan && _progress is not null)
            {
                rate = Math.Max(0, (last.Rows - first.Rows) / span.TotalSeconds);
                var fractionRate = (last.Fraction - first.Fraction) / span.TotalSeconds;
                left = last.Fraction >= 1 ? 0
                    : _rowsTotal is { } total && Phase == ImportPhase.Writing && rate > 0 ? Math.Max(0, total - last.Rows) / rate
                    : fractionRate > 0 ? (1 - last.Fraction) / fractionRate
                    : null;
            }

            var waiting = Phase == ImportPhase.Waiting;
            return new ImportActivityItem(Id, Kind, FileName, User, Phase, StartedUtc, waiting ? 0 : last.Rows, _rowsTotal, waiting ? null : last.Fraction, rate, left, BatchId)
            {
                Owner = _startedBy,
            };
        }

        private readonly record struct Sample(long At, long Rows, double Fraction);
    }
}
