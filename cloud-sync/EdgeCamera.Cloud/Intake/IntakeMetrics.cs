using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EdgeCamera.Cloud.Intake;

/// <summary>Counts of what the receiver accepted and rejected, by reason (meter "EdgeCamera.Cloud").</summary>
public sealed class IntakeMetrics : IDisposable
{
    private readonly Meter _meter = new("EdgeCamera.Cloud");
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _gaps;
    private readonly ConcurrentDictionary<string, long> _rejectedByReason = new();
    private long _acceptedCount;
    private long _duplicateCount;
    private long _gapCount;

    public IntakeMetrics()
    {
        _accepted = _meter.CreateCounter<long>("edgecam_cloud_evidence_accepted_total");
        _duplicates = _meter.CreateCounter<long>("edgecam_cloud_evidence_duplicates_total");
        _rejected = _meter.CreateCounter<long>("edgecam_cloud_evidence_rejected_total");
        _gaps = _meter.CreateCounter<long>("edgecam_cloud_evidence_sequence_gaps_total");
    }

    public long Accepted => Interlocked.Read(ref _acceptedCount);

    public long Duplicates => Interlocked.Read(ref _duplicateCount);

    public IReadOnlyDictionary<string, long> RejectedByReason => _rejectedByReason;

    /// <summary>Packages accepted while an earlier sequence number of their device was still missing.</summary>
    public long SequenceGaps => Interlocked.Read(ref _gapCount);

    public void CountAccepted()
    {
        Interlocked.Increment(ref _acceptedCount);
        _accepted.Add(1);
    }

    public void CountDuplicate()
    {
        Interlocked.Increment(ref _duplicateCount);
        _duplicates.Add(1);
    }

    public void CountSequenceGap()
    {
        Interlocked.Increment(ref _gapCount);
        _gaps.Add(1);
    }

    /// <summary>Counts a rejection under a short reason category (<see cref="RejectReason"/>).</summary>
    public void CountRejected(string category)
    {
        _rejectedByReason.AddOrUpdate(category, 1, (_, n) => n + 1);
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", category));
    }

    public void Dispose() => _meter.Dispose();
}
