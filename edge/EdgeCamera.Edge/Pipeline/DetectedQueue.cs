using System.Threading.Channels;

namespace EdgeCamera.Edge.Pipeline;

/// <summary>
/// The queue between the detect and read stages: bounded; when full the OLDEST detected frame is dropped, disposed
/// (its pooled frame and candidate array go back) and counted, so the newest frames are read and the detect stage
/// never waits. The drop is reported to the <see cref="IPipelineObserver"/>, when there is one, before the dispose.
/// With <see cref="QueueFullPolicy.Wait"/> nothing is dropped: the writer waits for room (a file replay).
/// </summary>
internal static class DetectedQueue
{
    public static Channel<DetectedFrame> Create(
        int capacity, PipelineStats stats, IPipelineObserver? observer = null, QueueFullPolicy whenFull = QueueFullPolicy.DropOldest) =>
        Channel.CreateBounded<DetectedFrame>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = whenFull == QueueFullPolicy.Wait ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
            },
            dropped =>
            {
                stats.DroppedDetected();
                observer?.DetectedFrameDropped(dropped.Frame.Sequence, dropped.Frame.CapturedAtTimestamp);
                dropped.Dispose();
            });
}
