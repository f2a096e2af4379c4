namespace EdgeCamera.Transport;

/// <summary>
/// Wakes a sending loop when there is new work (a record stored, an acknowledgement received). Many notifications
/// before the loop wakes count as one; the loop also wakes on its own after a timeout, so a lost wake-up only delays.
/// </summary>
public sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}
