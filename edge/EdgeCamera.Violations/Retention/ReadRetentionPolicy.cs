namespace EdgeCamera.Violations.Retention;

/// <summary>
/// Whether a read is kept and until when. Violations and watch-list hits are evidence (kept until delivered; their
/// retention is the evidence store's business); plain reads are dropped at once unless configured, then expire.
/// </summary>
public sealed class ReadRetentionPolicy
{
    private readonly ReadRetentionOptions _options;

    public ReadRetentionPolicy(ReadRetentionOptions options)
    {
        _options = options;
    }

    public bool ShouldKeep(bool isEvidence) => isEvidence || _options.KeepPlainReads;

    /// <summary>When a kept plain read must be deleted; false for evidence (no expiry here) and for reads not kept.</summary>
    public bool TryGetExpiry(DateTimeOffset capturedAtUtc, bool isEvidence, out DateTimeOffset expiresAtUtc)
    {
        expiresAtUtc = default;
        if (isEvidence || !_options.KeepPlainReads)
        {
            return false;
        }

        expiresAtUtc = capturedAtUtc + _options.PlainReadRetention;
        return true;
    }

    /// <summary>Whether a stored read must go now: a plain read past its retention, or any plain read when keeping is off.</summary>
    public bool IsExpired(DateTimeOffset capturedAtUtc, bool isEvidence, DateTimeOffset nowUtc)
    {
        if (isEvidence)
        {
            return false;
        }

        return !_options.KeepPlainReads || nowUtc >= capturedAtUtc + _options.PlainReadRetention;
    }
}
