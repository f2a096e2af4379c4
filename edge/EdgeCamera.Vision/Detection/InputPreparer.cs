using System.Runtime.ExceptionServices;
using EdgeCamera.Hardware.Camera;

namespace EdgeCamera.Vision;

/// <summary>
/// Runs <see cref="IPipelinedPlateDetector.Prepare"/> for one frame at a time on a thread of its own, so the caller
/// can run the model on the other slot meanwhile. <see cref="Start"/> hands over a frame, <see cref="Wait"/> returns
/// when it is prepared (rethrowing what Prepare threw). Nothing is allocated per frame. One caller; not reentrant.
/// </summary>
public sealed class InputPreparer : IDisposable
{
    private readonly IPipelinedPlateDetector _detector;
    private readonly SemaphoreSlim _go = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private readonly Thread _thread;
    private Frame? _frame;
    private int _slot;
    private ExceptionDispatchInfo? _error;
    private bool _busy;
    private volatile bool _stopping;

    public InputPreparer(IPipelinedPlateDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        _detector = detector;
        _thread = new Thread(Run) { IsBackground = true, Name = "detector input" };
        _thread.Start();
    }

    /// <summary>Starts preparing <paramref name="frame"/> into <paramref name="slot"/>; the caller keeps the frame
    /// alive and leaves the slot alone until <see cref="Wait"/> returns.</summary>
    public void Start(Frame frame, int slot)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (_busy)
        {
            throw new InvalidOperationException("a frame is already being prepared");
        }

        (_frame, _slot, _error, _busy) = (frame, slot, null, true);
        _go.Release(); // the semaphore publishes the fields to the worker
    }

    /// <summary>Waits until the frame given to <see cref="Start"/> is prepared; rethrows what Prepare threw.</summary>
    public void Wait()
    {
        if (!_busy)
        {
            return;
        }

        _done.Wait();
        (_frame, _busy) = (null, false);
        _error?.Throw();
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        if (_busy)
        {
            _done.Wait(); // what Prepare threw, if anything, nobody asked for any more
            _busy = false;
        }

        _stopping = true;
        _go.Release();
        _thread.Join();
        _go.Dispose();
        _done.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _go.Wait();
            if (_stopping)
            {
                return;
            }

            try
            {
                _detector.Prepare(_frame!, _slot);
            }
            catch (Exception e)
            {
                _error = ExceptionDispatchInfo.Capture(e); // rethrown on the caller's thread by Wait
            }

            _done.Release();
        }
    }
}
