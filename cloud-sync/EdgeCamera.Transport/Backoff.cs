namespace EdgeCamera.Transport;

/// <summary>
/// Jittered exponential backoff ("equal jitter", AWS Architecture Blog, "Exponential Backoff and Jitter", 2015):
/// delay = d/2 + random(0, d/2) with d = min(max, initial × 2^attempt). Spreads the reconnects of many cameras after a
/// broker restart instead of having them all arrive at once.
/// </summary>
public sealed class Backoff(TimeSpan initial, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private int _attempt;

    public int Attempt => _attempt;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_attempt, 30);
        _attempt++;
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        var half = ceiling / 2;
        return TimeSpan.FromMilliseconds(half + (_random.NextDouble() * half));
    }

    public void Reset() => _attempt = 0;
}
