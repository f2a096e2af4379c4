using Microsoft.Extensions.Options;

namespace EdgeCamera.Edge.Diagnostics;

/// <summary>
/// Locks sign-in for <see cref="DiagnosticsOptions.Lockout"/> after <see cref="DiagnosticsOptions.MaxFailedAttempts"/>
/// wrong passwords in a row. The unit has one technician account, so the count is global rather than per address:
/// an attacker cannot get more guesses by changing address (the cost: a guesser can keep the technician out for a
/// while; the technician can still use <c>edgecam set-password</c> on the unit's console).
/// Attempts are also serialised, so guesses cannot run in parallel against the slow hash.
/// </summary>
public sealed class SignInThrottle(IOptions<DiagnosticsOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private int _failures;
    private DateTimeOffset? _lockedUntilUtc;

    /// <summary>When sign-in is locked, until when; null when it is open.</summary>
    public DateTimeOffset? LockedUntilUtc
    {
        get
        {
            lock (_gate)
            {
                return _lockedUntilUtc is { } until && until > time.GetUtcNow() ? until : null;
            }
        }
    }

    /// <summary>Waits for the attempt before this one to finish; dispose the result when the attempt is over.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        return new Release(_oneAtATime);
    }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _failures = 0;
            _lockedUntilUtc = null;
        }
    }

    /// <summary>Counts a wrong password; returns true when this failure locked sign-in.</summary>
    public bool RecordFailure()
    {
        lock (_gate)
        {
            _failures++;
            if (_failures < options.Value.MaxFailedAttempts)
            {
                return false;
            }

            _failures = 0;
            _lockedUntilUtc = time.GetUtcNow() + options.Value.Lockout;
            return true;
        }
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
