using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace ExpansionDashboard.Data.Import;

/// <summary>
/// Enumerates a sequence on a dedicated thread of its own, in blocks, while the caller consumes it: on two cores, reading
/// and parsing a file overlaps with validating or writing it. The queue is bounded, so memory stays flat whatever the
/// file's size. The producer is a dedicated thread, never the pool: a busy pool (many readers while an import commits)
/// kept a pooled producer queued for minutes while its consumer held the import write gate.
/// </summary>
internal static class ReadAhead
{
    private const int BlockSize = 4096;

    public static IEnumerable<T> Of<T>(IEnumerable<T> source, string name)
    {
        using var stop = new CancellationTokenSource();
        using var queue = new BlockingCollection<List<T>>(boundedCapacity: 8);
        Exception? failure = null;
        var producer = new Thread(() =>
        {
            try
            {
                Produce(source, queue, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        producer.Start();
        try
        {
            foreach (var block in queue.GetConsumingEnumerable())
            {
                foreach (var item in block)
                {
                    yield return item;
                }
            }

            producer.Join();

            // A failure while reading ahead surfaces here, where it would have in a single pass.
            if (failure is not null)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
        finally
        {
            // The consumer may stop early (an error while writing, a cancelled request): release the producer.
            stop.Cancel();
            producer.Join();
        }
    }

    private static void Produce<T>(IEnumerable<T> source, BlockingCollection<List<T>> queue, CancellationToken ct)
    {
        try
        {
            var block = new List<T>(BlockSize);
            foreach (var item in source)
            {
                block.Add(item);
                if (block.Count == BlockSize)
                {
                    queue.Add(block, ct);
                    block = new List<T>(BlockSize);
                }
            }

            if (block.Count > 0)
            {
                queue.Add(block, ct);
            }
        }
        finally
        {
            queue.CompleteAdding();
        }
    }
}
