namespace EdgeCamera.Edge.Outbox;

/// <summary>
/// The outbox's disk budget (policy in cloud-sync/docs/evidence-package.md, "Outbox disk budget"): stored package
/// bytes above <see cref="MaxBytes"/> evict the oldest plain reads (packages whose violation type code is
/// <see cref="PlainReadTypeCode"/>); violations and watch-list hits are never evicted.
/// </summary>
public sealed record OutboxLimits(long MaxBytes, string PlainReadTypeCode)
{
    public static readonly OutboxLimits Unlimited = new(long.MaxValue, "READ");
}
