using EdgeCamera.Vision;

namespace EdgeCamera.Edge.Pipeline;

/// <summary>
/// Watches frames leave the worker's two stages (<c>PlatePipelineWorker.Stages.cs</c>): the bench's live run and the
/// tests. Optional: without one the worker does nothing more than a null check per frame. Each call comes on a
/// stage's own thread while the frame is still held, so it must be short, must not block, and must not keep the
/// spans it is given (the lists behind them are reused). Frames the camera's own queue drops never reach the
/// worker: they are counted by the camera (<c>CameraStats.FramesDropped</c>), not reported here. Nor are the few
/// frames still in a stage or between the stages when the worker stops (disposed unread).
/// </summary>
public interface IPipelineObserver
{
    /// <summary>
    /// The read stage has finished a frame: its candidates read (within the per-frame budget), tracked and voted.
    /// <paramref name="completed"/>: the vehicles the tracker finished with this frame (its <see cref="VehicleRead"/>s,
    /// before they are judged, built into evidence and stored). Called on the read stage's thread.
    /// </summary>
    void FrameProcessed(long sequence, long capturedAtTimestamp, ReadOnlySpan<VehicleRead> completed);

    /// <summary>
    /// A detected frame was dropped unread by the queue between the stages (it was full; the oldest goes), just
    /// before it is disposed. Called on the detect stage's thread.
    /// </summary>
    void DetectedFrameDropped(long sequence, long capturedAtTimestamp);

    /// <summary>
    /// The worker is stopping: the vehicles the tracker still followed, reported without a frame (they are judged,
    /// built into evidence and stored after this call). Called once, on the read stage's thread, last.
    /// </summary>
    void VehiclesFlushed(ReadOnlySpan<VehicleRead> completed);
}
