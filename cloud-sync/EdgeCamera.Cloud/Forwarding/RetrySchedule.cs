namespace EdgeCamera.Cloud.Forwarding;

/// <summary>
/// When the outbox tries a record again after its n-th failed attempt: exponential with "equal jitter" (AWS
/// Architecture Blog, "Exponential Backoff and Jitter", 2015), d = min(max, initial × 2^(n−1)), delay = d/2 + random(0, d/2).
/// </summary>
public static class RetrySchedule
{
    public static TimeSpan DelayAfter(int failedAttempts, TimeSpan initial, TimeSpan max, Random random)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        var half = ceiling / 2;
        return TimeSpan.FromMilliseconds(half + (random.NextDouble() * half));
    }
}
